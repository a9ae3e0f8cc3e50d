package io.ackbench.partition;

import org.agrona.DirectBuffer;

/**
 * xxHash32 (XXH32 of Yann Collet's xxHash), little-endian lanes, with a seed. Partitioning uses {@link #SEED_0}.
 * XXH32 rather than XXH64 because a partition needs 32 bits and XXH32 produces them without truncation. Lanes are
 * read as single little-endian ints after one bounds check ({@link KeyBytes}).
 */
public final class XxHash32 implements KeyHash {
    /** XXH32 with seed 0, the variant used for partitioning. */
    public static final XxHash32 SEED_0 = new XxHash32(0);

    private static final int PRIME_1 = 0x9e3779b1;
    private static final int PRIME_2 = 0x85ebca77;
    private static final int PRIME_3 = 0xc2b2ae3d;
    private static final int PRIME_4 = 0x27d4eb2f;
    private static final int PRIME_5 = 0x165667b1;
    private static final int STRIPE_LENGTH = 16;

    private final int seed;

    /**
     * @param seed XXH32 seed (unsigned 32-bit in the reference code).
     */
    public XxHash32(final int seed) {
        this.seed = seed;
    }

    @Override
    public int hash(final DirectBuffer buffer, final int offset, final int length) {
        final byte[] array = buffer.byteArray();
        final long start = KeyBytes.start(buffer, offset, length);
        int i = 0;
        int h;

        if (length >= STRIPE_LENGTH) {
            int v1 = seed + PRIME_1 + PRIME_2;
            int v2 = seed + PRIME_2;
            int v3 = seed;
            int v4 = seed - PRIME_1;
            final int lastStripe = length - STRIPE_LENGTH;
            do {
                v1 = round(v1, KeyBytes.intLE(array, start + i));
                v2 = round(v2, KeyBytes.intLE(array, start + i + 4));
                v3 = round(v3, KeyBytes.intLE(array, start + i + 8));
                v4 = round(v4, KeyBytes.intLE(array, start + i + 12));
                i += STRIPE_LENGTH;
            } while (i <= lastStripe);
            h = Integer.rotateLeft(v1, 1) + Integer.rotateLeft(v2, 7) +
                Integer.rotateLeft(v3, 12) + Integer.rotateLeft(v4, 18);
        } else {
            h = seed + PRIME_5;
        }

        h += length;

        for (; i <= length - 4; i += 4) {
            h += KeyBytes.intLE(array, start + i) * PRIME_3;
            h = Integer.rotateLeft(h, 17) * PRIME_4;
        }
        for (; i < length; i++) {
            h += KeyBytes.unsignedByte(array, start + i) * PRIME_5;
            h = Integer.rotateLeft(h, 11) * PRIME_1;
        }

        h ^= h >>> 15;
        h *= PRIME_2;
        h ^= h >>> 13;
        h *= PRIME_3;
        h ^= h >>> 16;
        return h;
    }

    private static int round(final int accumulator, final int lane) {
        return Integer.rotateLeft(accumulator + lane * PRIME_2, 13) * PRIME_1;
    }
}
