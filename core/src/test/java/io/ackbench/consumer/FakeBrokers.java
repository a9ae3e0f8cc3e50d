package io.ackbench.consumer;

import io.ackbench.record.RecordBatchLayout;
import io.ackbench.record.RecordBatchWriter;
import io.ackbench.transport.Endpoint;
import io.ackbench.transport.FetchRequest;
import io.ackbench.transport.FetchResponse;
import io.ackbench.transport.FrameHandler;
import io.ackbench.transport.FrameHeader;
import io.ackbench.transport.Metadata;
import io.ackbench.transport.TopicLayout;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A consumer's endpoint whose brokers the test plays: it keeps each frame the consumer sends (destination and bytes)
 * and hands the consumer the answers the test queues. Test thread only; allocates freely.
 */
final class FakeBrokers implements Endpoint {
    /** One frame the consumer sent. */
    record Sent(int destination, UnsafeBuffer frame) {
        short type() {
            return FrameHeader.type(frame, 0);
        }

        int correlationId() {
            return FrameHeader.correlationId(frame, 0);
        }

        FetchRequest fetch() {
            return new FetchRequest().wrapForDecode(frame, 0, frame.capacity());
        }
    }

    private final int nodeId;
    private final List<Sent> sent = new ArrayList<>();
    private final ArrayDeque<UnsafeBuffer> inbox = new ArrayDeque<>();
    private long connectionLosses;

    FakeBrokers(final int nodeId) {
        this.nodeId = nodeId;
    }

    @Override
    public int nodeId() {
        return nodeId;
    }

    @Override
    public int maxFrameLength() {
        return 1 << 20;
    }

    @Override
    public boolean send(final int destination, final org.agrona.DirectBuffer frame, final int offset,
                        final int length) {
        final UnsafeBuffer copy = new UnsafeBuffer(new byte[length]);
        copy.putBytes(0, frame, offset, length);
        sent.add(new Sent(destination, copy));
        return true;
    }

    @Override
    public int poll(final FrameHandler handler, final int limit) {
        int polled = 0;
        while (polled < limit && !inbox.isEmpty()) {
            final UnsafeBuffer frame = inbox.poll();
            handler.onFrame(frame, 0, frame.capacity());
            polled++;
        }
        return polled;
    }

    @Override
    public long connectionLosses(final int node) {
        return connectionLosses;
    }

    /** Every broker's connection drops once. */
    void loseConnections() {
        connectionLosses++;
    }

    /** The frames sent since the last call. */
    List<Sent> takeSent() {
        final List<Sent> taken = new ArrayList<>(sent);
        sent.clear();
        return taken;
    }

    /** The one fetch sent since the last call. */
    Sent takeFetch() {
        final List<Sent> taken = takeSent();
        if (taken.size() != 1 || taken.get(0).type() != FrameHeader.FETCH_REQUEST) {
            throw new AssertionError("Expected one fetch, the consumer sent " + taken.size() + " frames");
        }
        return taken.get(0);
    }

    /** Queues a fetch answer from {@code broker}: one entry per call of {@code entries.add}. */
    Answer answer(final int broker, final int correlationId) {
        return new Answer(broker, correlationId);
    }

    void metadataAnswer(final int broker, final int correlationId, final TopicLayout layout) {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[4096]);
        final int length = Metadata.encodeResponse(frame, 0, correlationId, broker, (short) 0, layout);
        final UnsafeBuffer exact = new UnsafeBuffer(new byte[length]);
        exact.putBytes(0, frame, 0, length);
        inbox.add(exact);
    }

    /** A fetch answer under construction. */
    final class Answer {
        private final UnsafeBuffer frame = new UnsafeBuffer(new byte[64 * 1024]);
        private final FetchResponse response = new FetchResponse();

        private Answer(final int broker, final int correlationId) {
            response.wrapForEncode(frame, 0, frame.capacity(), correlationId, broker);
        }

        Answer error(final int partition, final short error, final long highWatermark) {
            response.beginEntry(partition, error, highWatermark);
            response.endEntry(0);
            return this;
        }

        /** An entry with the given batches, each already holding its base offset. */
        Answer records(final int partition, final long highWatermark, final byte[]... batches) {
            response.beginEntry(partition, (short) 0, highWatermark);
            int length = 0;
            for (final byte[] batch : batches) {
                frame.putBytes(response.recordsOffset() + length, batch);
                length += batch.length;
            }
            response.endEntry(length);
            return this;
        }

        void send() {
            final UnsafeBuffer exact = new UnsafeBuffer(new byte[response.encodedLength()]);
            exact.putBytes(0, frame, 0, response.encodedLength());
            inbox.add(exact);
        }
    }

    /** A batch at {@code baseOffset} of {@code count} records whose keys and values are their numbers from {@code firstNumber}. */
    static byte[] batch(final long baseOffset, final long firstNumber, final int count) {
        return batch(baseOffset, firstNumber, count, RecordBatchLayout.NO_PRODUCER_ID, (short) -1, -1);
    }

    /** As {@link #batch(long, long, int)}, from an idempotent producer with the given epoch and base sequence. */
    static byte[] batch(final long baseOffset, final long firstNumber, final int count, final long producerId,
                        final short epoch, final int baseSequence) {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocate(16 * 1024));
        final UnsafeBuffer key = new UnsafeBuffer(new byte[ProducedRecords.KEY_LENGTH]);
        final UnsafeBuffer value = new UnsafeBuffer(new byte[ProducedRecords.VALUE_LENGTH]);
        final RecordBatchWriter writer = new RecordBatchWriter().wrap(buffer, 0, buffer.capacity());
        if (producerId != RecordBatchLayout.NO_PRODUCER_ID) {
            writer.producerState(producerId, epoch, baseSequence);
        }
        for (long n = firstNumber; n < firstNumber + count; n++) {
            key.putLong(0, n, ByteOrder.BIG_ENDIAN);
            value.putLong(0, n, ByteOrder.BIG_ENDIAN);
            value.putLong(Long.BYTES, n * 31, ByteOrder.BIG_ENDIAN);
            writer.append(1_000L, key, 0, key.capacity(), value, 0, value.capacity(), null);
        }
        final int length = writer.seal();
        buffer.putLong(RecordBatchLayout.BASE_OFFSET_OFFSET, baseOffset, ByteOrder.BIG_ENDIAN);
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }
}
