package io.ackbench.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackbench.record.RecordBatchLayout;
import io.ackbench.record.RecordBatchWriter;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Sealed client batches of numbered records (each value an 8-byte big-endian long), with or without a producer id. */
final class TestBatches {
    static final long TIMESTAMP = 1_000L;

    private TestBatches() {
    }

    /** A batch of {@code count} records valued {@code firstValue}, +1, ..., with no producer id. */
    static byte[] plain(final long firstValue, final int count) {
        return build(RecordBatchLayout.NO_PRODUCER_ID, RecordBatchLayout.NO_PRODUCER_EPOCH,
            RecordBatchLayout.NO_SEQUENCE, firstValue, count);
    }

    /** As {@link #plain}, from an idempotent producer, starting at {@code baseSequence}. */
    static byte[] idempotent(final long producerId, final short epoch, final int baseSequence, final long firstValue,
                             final int count) {
        return build(producerId, epoch, baseSequence, firstValue, count);
    }

    private static byte[] build(final long producerId, final short epoch, final int baseSequence,
                                final long firstValue, final int count) {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocate(RecordBatchLayout.RECORD_BATCH_OVERHEAD
            + count * (RecordBatchLayout.MAX_RECORD_OVERHEAD + Long.BYTES)));
        final UnsafeBuffer value = new UnsafeBuffer(new byte[Long.BYTES]);
        final RecordBatchWriter writer = new RecordBatchWriter().wrap(buffer, 0, buffer.capacity());
        writer.producerState(producerId, epoch, baseSequence);
        for (int i = 0; i < count; i++) {
            value.putLong(0, firstValue + i, ByteOrder.BIG_ENDIAN);
            assertThat(writer.append(TIMESTAMP + i, null, 0, -1, value, 0, Long.BYTES, null)).isTrue();
        }
        final byte[] bytes = new byte[writer.seal()];
        buffer.getBytes(0, bytes);
        return bytes;
    }
}
