package io.ackbench.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackbench.record.RecordBatchWriter;
import io.ackbench.testing.Await;
import io.ackbench.transport.Endpoint;
import io.ackbench.transport.ErrorCode;
import io.ackbench.transport.FrameHeader;
import io.ackbench.transport.ProduceRequest;
import io.ackbench.transport.ProduceResponse;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;

/**
 * Sends one-batch Produce requests for partition 0 to any broker of a test cluster and reads each answer as
 * "ERROR@baseOffset". Test thread only.
 */
final class ProduceClient {
    private static final int PARTITION = 0;
    private static final int TIMEOUT_MS = 30_000;

    private final Endpoint endpoint;
    private final UnsafeBuffer out = new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024));
    private final ProduceRequest request = new ProduceRequest();
    private final ArrayDeque<byte[]> inbox = new ArrayDeque<>();
    private int nextCorrelationId = 1;

    ProduceClient(final Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** An answer as the tests spell it: the error's name and the base offset, "NONE@5". */
    static String answer(final short error, final long baseOffset) {
        return ErrorCode.name(error) + "@" + baseOffset;
    }

    /** Sends a batch of {@code count} records numbered from {@code firstValue}; returns the correlation id. */
    int send(final int broker, final short acks, final long firstValue, final int count) {
        final UnsafeBuffer batch = new UnsafeBuffer(ByteBuffer.allocateDirect(16 * 1024));
        final UnsafeBuffer value = new UnsafeBuffer(ByteBuffer.allocateDirect(16));
        final RecordBatchWriter writer = new RecordBatchWriter().wrap(batch, 0, batch.capacity());
        for (int i = 0; i < count; i++) {
            value.putLong(0, firstValue + i, ByteOrder.BIG_ENDIAN);
            assertThat(writer.append(1_000L, null, 0, -1, value, 0, 16, null)).isTrue();
        }
        return send(broker, acks, batch, writer.seal());
    }

    /** Sends the given batch bytes; returns the correlation id. */
    int send(final int broker, final short acks, final byte[] batch) {
        return send(broker, acks, new UnsafeBuffer(batch), batch.length);
    }

    /** The answer to a batch of {@code count} records numbered from {@code firstValue}. */
    String produce(final int broker, final short acks, final long firstValue, final int count) {
        return await(broker, send(broker, acks, firstValue, count));
    }

    /** The answer to a request carrying {@code batch}. */
    String produce(final int broker, final short acks, final byte[] batch) {
        return await(broker, send(broker, acks, batch));
    }

    /** The answer to {@code correlationId} from {@code broker}. */
    String await(final int broker, final int correlationId) {
        Await.until("an answer from broker " + broker, () -> {
            endpoint.poll((buffer, offset, length) -> {
                final byte[] copy = new byte[length];
                buffer.getBytes(offset, copy);
                inbox.add(copy);
            }, 16);
            return !inbox.isEmpty();
        });
        final UnsafeBuffer frame = new UnsafeBuffer(inbox.poll());
        assertThat(FrameHeader.type(frame, 0)).isEqualTo(FrameHeader.PRODUCE_RESPONSE);
        assertThat(FrameHeader.source(frame, 0)).isEqualTo(broker);
        final ProduceResponse response = new ProduceResponse().wrapForDecode(frame, 0, frame.capacity());
        assertThat(response.correlationId()).isEqualTo(correlationId);
        return answer(response.errorCode(0), response.baseOffset(0));
    }

    private int send(final int broker, final short acks, final UnsafeBuffer batch, final int length) {
        final int correlationId = nextCorrelationId++;
        request.wrapForEncode(out, 0, out.capacity(), correlationId, endpoint.nodeId(), acks, TIMEOUT_MS);
        request.addBatch(PARTITION, batch, 0, length);
        assertThat(endpoint.send(broker, out, 0, request.encodedLength())).isTrue();
        return correlationId;
    }
}
