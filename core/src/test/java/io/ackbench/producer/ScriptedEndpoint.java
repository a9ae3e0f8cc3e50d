package io.ackbench.producer;

import io.ackbench.record.RecordBatchReader;
import io.ackbench.record.RecordCursor;
import io.ackbench.transport.Endpoint;
import io.ackbench.transport.ErrorCode;
import io.ackbench.transport.ErrorResponse;
import io.ackbench.transport.FrameHandler;
import io.ackbench.transport.FrameHeader;
import io.ackbench.transport.InitProducerId;
import io.ackbench.transport.Metadata;
import io.ackbench.transport.ProduceRequest;
import io.ackbench.transport.ProduceResponse;
import io.ackbench.transport.TopicLayout;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The sender's network in a test. It accepts and records every frame the sender sends, with the clock's time, and
 * decodes Produce requests with the project's own flyweights; the sender receives nothing but the frames the test
 * scripts, in the order scripted, on its next poll. No broker, no thread.
 */
final class ScriptedEndpoint implements Endpoint {
    private static final int MAX_FRAME_LENGTH = 2 * 1024 * 1024;

    /** One Produce request as the sender sent it. */
    record ProduceCall(int broker, int correlationId, long sentNanos, List<SentBatch> batches) {
        /** The request's one batch; fails if it carried several. */
        SentBatch batch() {
            if (batches.size() != 1) {
                throw new AssertionError("Expected one batch in request " + correlationId + ", found " + batches);
            }
            return batches.get(0);
        }

        ProduceAnswer answer() {
            return new ProduceAnswer(this);
        }
    }

    /** One record batch of a Produce request, read back from its bytes (CRC checked). */
    record SentBatch(int partition, long producerId, short producerEpoch, int baseSequence, List<Long> recordIds) {
    }

    /** A Produce response to a {@link ProduceCall}, built entry by entry. */
    static final class ProduceAnswer {
        private final ProduceCall call;
        private final List<Entry> entries = new ArrayList<>();
        private long leaderReadNanos = ProduceResponse.NO_TIME;
        private long writtenNanos = ProduceResponse.NO_TIME;

        private ProduceAnswer(final ProduceCall call) {
            this.call = call;
        }

        ProduceAnswer appended(final int partition, final long baseOffset) {
            return appended(partition, baseOffset, ProduceResponse.NO_TIME, ProduceResponse.NO_TIME);
        }

        /** An entry with the leader's append and commit times. */
        ProduceAnswer appended(final int partition, final long baseOffset, final long appendedNanos,
                               final long committedNanos) {
            entries.add(new Entry(partition, ErrorCode.NONE, baseOffset, appendedNanos, committedNanos));
            return this;
        }

        ProduceAnswer failed(final int partition, final short errorCode) {
            entries.add(new Entry(partition, errorCode, -1L, ProduceResponse.NO_TIME, ProduceResponse.NO_TIME));
            return this;
        }

        /** The leader's times for the whole request: when it took it up and when it wrote this answer. */
        ProduceAnswer leaderTimes(final long readNanos, final long writtenNanos) {
            this.leaderReadNanos = readNanos;
            this.writtenNanos = writtenNanos;
            return this;
        }

        private byte[] encode() {
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[ProduceResponse.lengthFor(entries.size())]);
            final ProduceResponse response = new ProduceResponse().wrapForEncode(buffer, 0, call.correlationId(),
                call.broker());
            response.leaderReadNanos(leaderReadNanos);
            for (final Entry entry : entries) {
                response.add(entry.partition(), entry.errorCode(), entry.baseOffset(), entry.appendedNanos(),
                    entry.committedNanos());
            }
            response.writtenNanos(writtenNanos);
            return buffer.byteArray();
        }

        private record Entry(int partition, short errorCode, long baseOffset, long appendedNanos,
                             long committedNanos) {
        }
    }

    /** One Metadata request as the sender sent it. */
    record MetadataCall(int broker, int correlationId, long sentNanos) {
    }

    private record SentFrame(int destination, long sentNanos, byte[] bytes) {
        short type() {
            return FrameHeader.type(new UnsafeBuffer(bytes), 0);
        }
    }

    private final int nodeId;
    private final NanoClock clock;
    private final List<SentFrame> sent = new ArrayList<>();
    private final ArrayDeque<byte[]> inbound = new ArrayDeque<>();
    private final List<Disconnect> disconnects = new ArrayList<>();
    private boolean refusing;
    private final long[] losses = new long[FrameHeader.MAX_NODES];
    private final boolean[] backingOffBrokers = new boolean[FrameHeader.MAX_NODES];

    ScriptedEndpoint(final int nodeId, final NanoClock clock) {
        this.nodeId = nodeId;
        this.clock = clock;
    }

    @Override
    public int nodeId() {
        return nodeId;
    }

    @Override
    public int maxFrameLength() {
        return MAX_FRAME_LENGTH;
    }

    /** A connection the sender closed: to which broker, when, and why. */
    record Disconnect(int broker, long atNanos, String reason) {
    }

    @Override
    public void disconnect(final int broker, final String reason) {
        disconnects.add(new Disconnect(broker, clock.nanoTime(), reason));
    }

    /** Every connection the sender closed, oldest first. */
    List<Disconnect> disconnects() {
        return List.copyOf(disconnects);
    }

    /** Refuses every frame from now on, as a connection that never opens takes nothing (all brokers gone). */
    /** The connection to {@code broker} broke: the sender sees its loss count change on its next cycle. */
    void loseConnection(final int broker) {
        losses[broker]++;
    }

    /** Whether frames to {@code broker} would be dropped now, as during a reconnect backoff. */
    void backOff(final int broker, final boolean backingOff) {
        backingOffBrokers[broker] = backingOff;
    }

    @Override
    public long connectionLosses(final int nodeId) {
        return losses[nodeId];
    }

    @Override
    public boolean isBackingOff(final int nodeId) {
        return backingOffBrokers[nodeId];
    }

    void refuseEverything() {
        refusing = true;
    }

    /** Takes frames again after {@link #refuseEverything()}. */
    void acceptAgain() {
        refusing = false;
    }

    @Override
    public boolean send(final int destination, final DirectBuffer frame, final int offset, final int length) {
        if (refusing) {
            return false;
        }
        final byte[] bytes = new byte[length];
        frame.getBytes(offset, bytes);
        sent.add(new SentFrame(destination, clock.nanoTime(), bytes));
        return true;
    }

    @Override
    public int poll(final FrameHandler handler, final int limit) {
        int read = 0;
        while (read < limit && !inbound.isEmpty()) {
            final byte[] frame = inbound.poll();
            handler.onFrame(new UnsafeBuffer(frame), 0, frame.length);
            read++;
        }
        return read;
    }

    /** Every Produce request sent so far, oldest first. */
    List<ProduceCall> produceCalls() {
        final List<ProduceCall> calls = new ArrayList<>();
        for (final SentFrame frame : sent) {
            if (frame.type() == FrameHeader.PRODUCE_REQUEST) {
                calls.add(decode(frame));
            }
        }
        return calls;
    }

    /** The {@code index}th Produce request sent, counting from 0. */
    ProduceCall produceCall(final int index) {
        return produceCalls().get(index);
    }

    /** Every Produce request sent to {@code broker}, oldest first. */
    List<ProduceCall> produceCallsTo(final int broker) {
        return produceCalls().stream().filter(call -> call.broker() == broker).toList();
    }

    /** Every Metadata request sent so far, oldest first. */
    List<MetadataCall> metadataCalls() {
        final List<MetadataCall> calls = new ArrayList<>();
        for (final SentFrame frame : sent) {
            if (frame.type() == FrameHeader.METADATA_REQUEST) {
                calls.add(new MetadataCall(frame.destination(),
                    FrameHeader.correlationId(new UnsafeBuffer(frame.bytes()), 0), frame.sentNanos()));
            }
        }
        return calls;
    }

    /** The broker's answer to {@code call}: the partitions' replicas as {@code layout} has them, leader first. */
    void answerMetadata(final MetadataCall call, final TopicLayout layout) {
        answerMetadata(call, ErrorCode.NONE, layout);
    }

    /** The broker's answer to {@code call} with an error and no layout. */
    void answerMetadataError(final MetadataCall call, final short errorCode) {
        answerMetadata(call, errorCode, null);
    }

    private void answerMetadata(final MetadataCall call, final short errorCode, final TopicLayout layout) {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64 * 1024]);
        final int length = Metadata.encodeResponse(buffer, 0, call.correlationId(), call.broker(), errorCode, layout);
        final byte[] frame = new byte[length];
        buffer.getBytes(0, frame);
        inbound.add(frame);
    }

    void deliver(final ProduceAnswer answer) {
        inbound.add(answer.encode());
    }

    /** The broker's refusal of the whole request, as it sends before closing the connection. */
    void deliverRefusal(final ProduceCall call, final short errorCode) {
        final SentFrame request = sent.stream()
            .filter(frame -> frame.type() == FrameHeader.PRODUCE_REQUEST
                && FrameHeader.correlationId(new UnsafeBuffer(frame.bytes()), 0) == call.correlationId())
            .findFirst().orElseThrow();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[ErrorResponse.LENGTH]);
        ErrorResponse.encode(buffer, 0, new UnsafeBuffer(request.bytes()), 0, call.broker(), errorCode);
        inbound.add(buffer.byteArray());
    }

    /** Answers the latest InitProducerId request with a producer id and epoch. */
    void answerProducerIdRequest(final long producerId, final short epoch) {
        final SentFrame request = sent.stream()
            .filter(frame -> frame.type() == FrameHeader.INIT_PRODUCER_ID_REQUEST)
            .reduce((first, second) -> second).orElseThrow(() -> new AssertionError("No InitProducerId request"));
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[InitProducerId.RESPONSE_LENGTH]);
        InitProducerId.encodeResponse(buffer, 0, FrameHeader.correlationId(new UnsafeBuffer(request.bytes()), 0),
            request.destination(), ErrorCode.NONE, producerId, epoch);
        inbound.add(buffer.byteArray());
    }

    private static ProduceCall decode(final SentFrame frame) {
        final UnsafeBuffer buffer = new UnsafeBuffer(frame.bytes());
        final ProduceRequest request = new ProduceRequest().wrapForDecode(buffer, 0, frame.bytes().length)
            .checkEntries();
        final RecordBatchReader reader = new RecordBatchReader();
        final List<SentBatch> batches = new ArrayList<>();
        while (request.nextEntry()) {
            reader.wrap(buffer, request.batchOffset(), request.batchLength());
            final List<Long> recordIds = new ArrayList<>();
            final RecordCursor records = reader.records();
            while (records.next()) {
                recordIds.add(buffer.getLong(records.valueOffset()));
            }
            batches.add(new SentBatch(request.partition(), reader.producerId(), reader.producerEpoch(),
                reader.baseSequence(), List.copyOf(recordIds)));
        }
        return new ProduceCall(frame.destination(), request.correlationId(), frame.sentNanos(), List.copyOf(batches));
    }
}
