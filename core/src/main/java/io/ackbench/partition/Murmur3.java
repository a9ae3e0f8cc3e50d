package io.ackbench.partition;

import org.agrona.DirectBuffer;

/**
 * MurmurHash3 x86_32 (Austin Appleby's reference {@code MurmurHash3_x86_32}), little-endian blocks, with a seed.
 * Partitioning uses {@link #SEED_0}. Blocks are read as single little-endian ints after one bounds check
 * ({@link KeyBytes}).
 */
public final class Murmur3 implements KeyHash {
    /** MurmurHash3 x86_32 with seed 0, the variant used for partitioning. */
    public static final Murmur3 SEED_0 = new Murmur3(0);

    private static final int C1 = 0xcc9e2d51;
    private static final int C2 = 0x1b873593;
    private static final int N = 0xe6546b64;
    private static final int FMIX_1 = 0x85ebca6b;
    private static final int FMIX_2 = 0xc2b2ae35;

    private final int seed;

    /**
     * @param seed the initial hash value (an unsigned 32-bit seed in the reference code).
     */
    public Murmur3(final int seed) {
        this.seed = seed;
    }

    @Override
    public int hash(final DirectBuffer buffer, final int offset, final int length) {
        final byte[] array = buffer.byteArray();
        final long start = KeyBytes.start(buffer, offset, length);
        int h = seed;

        final int blocksLength = length & ~3;
        for (int i = 0; i < blocksLength; i += 4) {
            h ^= mixBlock(KeyBytes.intLE(array, start + i));
            h = Integer.rotateLeft(h, 13);
            h = h * 5 + N;
        }

        final long tailStart = start + blocksLength;
        int tail = 0;
        switch (length & 3) {
            case 3:
                tail ^= KeyBytes.unsignedByte(array, tailStart + 2) << 16;
                // fall through
            case 2:
                tail ^= KeyBytes.unsignedByte(array, tailStart + 1) << 8;
                // fall through
            case 1:
                tail ^= KeyBytes.unsignedByte(array, tailStart);
                h ^= mixBlock(tail);
                break;
            default:
                break;
        }

        h ^= length;
        h ^= h >>> 16;
        h *= FMIX_1;
        h ^= h >>> 13;
        h *= FMIX_2;
        h ^= h >>> 16;
        return h;
    }

    private static int mixBlock(final int block) {
        int k = block * C1;
        k = Integer.rotateLeft(k, 15);
        return k * C2;
    }
}
