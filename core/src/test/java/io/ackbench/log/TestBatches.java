package io.ackbench.log;

import java.nio.ByteBuffer;

import io.ackbench.record.RecordBatchWriter;
import org.agrona.concurrent.UnsafeBuffer;

/** Sealed producer batches (base offset 0, leader epoch -1) of records with null keys and 100-byte values. */
final class TestBatches {
    static final int VALUE_SIZE = 100;
    /** A record with a null key, a 100-byte value, no headers and one-byte deltas: 2 + 107 bytes. */
    static final int RECORD_SIZE = 109;
    static final int HEADER_SIZE = 61;
    static final long TIMESTAMP = 1_700_000_000_000L;

    private TestBatches() {
    }

    /** @return the size in bytes of a batch of {@code records} records (up to 64, where the deltas stay one byte) */
    static int sizeOf(final int records) {
        return HEADER_SIZE + records * RECORD_SIZE;
    }

    /** @return a buffer of exactly one sealed batch, over a direct ByteBuffer; values are seeded by {@code seed} */
    static UnsafeBuffer batch(final int records, final int seed) {
        return batch(records, seed, TIMESTAMP);
    }

    /**
     * As {@link #batch(int, int)}, with record timestamps {@code firstTimestamp}, {@code firstTimestamp + 1}, ...: the
     * batch's max timestamp is {@code firstTimestamp + records - 1}.
     */
    static UnsafeBuffer batch(final int records, final int seed, final long firstTimestamp) {
        final UnsafeBuffer scratch = new UnsafeBuffer(ByteBuffer.allocateDirect(HEADER_SIZE + records * 128));
        final UnsafeBuffer value = new UnsafeBuffer(new byte[VALUE_SIZE]);
        final RecordBatchWriter writer = new RecordBatchWriter().wrap(scratch, 0, scratch.capacity());
        for (int r = 0; r < records; r++) {
            for (int i = 0; i < VALUE_SIZE; i++) {
                value.putByte(i, (byte) (seed * 31 + r * 7 + i));
            }
            if (!writer.append(firstTimestamp + r, null, 0, -1, value, 0, VALUE_SIZE, null)) {
                throw new IllegalStateException("scratch too small");
            }
        }
        final int size = writer.seal();
        final UnsafeBuffer batch = new UnsafeBuffer(ByteBuffer.allocateDirect(size));
        batch.putBytes(0, scratch, 0, size);
        return batch;
    }
}
