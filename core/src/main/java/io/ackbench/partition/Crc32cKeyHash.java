package io.ackbench.partition;

import io.ackbench.record.Crc32c;
import org.agrona.DirectBuffer;

/**
 * CRC-32C (Castagnoli) of the key as a partitioning hash: the checksum every RecordBatch already carries, so a
 * user might well ask what it costs and how evenly it spreads keys. Uses the record package's table-driven
 * path, which needs no per-thread state (the intrinsic path does, and partitioners are shared by threads).
 */
public final class Crc32cKeyHash implements KeyHash {
    /** The one instance; the hash has no state. */
    public static final Crc32cKeyHash INSTANCE = new Crc32cKeyHash();

    private Crc32cKeyHash() {
    }

    @Override
    public int hash(final DirectBuffer buffer, final int offset, final int length) {
        return Crc32c.computeBySlicing(buffer, offset, length);
    }
}
