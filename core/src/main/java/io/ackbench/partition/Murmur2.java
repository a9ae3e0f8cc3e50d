package io.ackbench.partition;

import org.agrona.DirectBuffer;

/**
 * Kafka's murmur2 ({@code org.apache.kafka.common.utils.Utils.murmur2}), bit for bit: the 32-bit MurmurHash2 variant
 * with seed {@code 0x9747b28c}, the hash behind Kafka's default keyed partitioning.
 *
 * <p>Kafka assembles each 4-byte block from four byte loads; this reads it as one little-endian int, which is the
 * same value and a single load, after checking the key's bounds once (see {@link KeyBytes}).
 *
 * <p>The loop stays plain scalar on purpose. Each word's {@code h = h * m ^ k} step waits on the one before it
 * (4 cycles), so a key's latency is fixed, and throughput comes from the CPU overlapping consecutive keys.
 * Vectorising the two {@code k} multiplies (a copy into an {@code int[]} scratch that C2 vectorises), 8-byte loads
 * and manual unrolling were all measured slower or no faster on JDK 17; see
 * {@code results/murmur2-experiments.md}.
 */
public final class Murmur2 implements KeyHash {
    /** The one instance; the hash has no state. */
    public static final Murmur2 INSTANCE = new Murmur2();

    private static final int SEED = 0x9747b28c;
    private static final int M = 0x5bd1e995;
    private static final int R = 24;

    private Murmur2() {
    }

    @Override
    public int hash(final DirectBuffer buffer, final int offset, final int length) {
        final byte[] array = buffer.byteArray();
        final long start = KeyBytes.start(buffer, offset, length);
        int h = SEED ^ length;

        final int blocksLength = length & ~3;
        for (int i = 0; i < blocksLength; i += 4) {
            int k = KeyBytes.intLE(array, start + i);
            k *= M;
            k ^= k >>> R;
            k *= M;
            h *= M;
            h ^= k;
        }

        // Tail of 1 to 3 bytes; the multiply happens only when there is a tail.
        final long tail = start + blocksLength;
        switch (length & 3) {
            case 3:
                h ^= KeyBytes.unsignedByte(array, tail + 2) << 16;
                // fall through
            case 2:
                h ^= KeyBytes.unsignedByte(array, tail + 1) << 8;
                // fall through
            case 1:
                h ^= KeyBytes.unsignedByte(array, tail);
                h *= M;
                break;
            default:
                break;
        }

        h ^= h >>> 13;
        h *= M;
        h ^= h >>> 15;
        return h;
    }
}
