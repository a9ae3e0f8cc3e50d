package io.ackbench.load;

import io.ackbench.load.keys.ZipfSampler;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/**
 * The keys one producing thread sends, drawn from a {@link KeyDistribution} with a seeded generator: key {@code i}
 * is the 8-byte big-endian encoding of {@code i}, written into one reused direct buffer, so drawing a key
 * allocates nothing. Owned by one thread (not thread-safe).
 */
public final class KeySource {
    /** Every key is one long. */
    public static final int KEY_LENGTH = Long.BYTES;
    /** The length {@link #next()} returns for a null key. */
    public static final int NULL_KEY_LENGTH = -1;

    private static final int KEY_OFFSET = 0;

    private final KeyDistribution distribution;
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(KEY_LENGTH));
    private final SplittableRandom uniform;
    private final ZipfSampler zipf;
    private int lastKey = -1;

    public KeySource(final KeyDistribution distribution, final long seed) {
        this.distribution = distribution;
        this.uniform = distribution.kind() == KeyDistribution.Kind.UNIFORM ? new SplittableRandom(seed) : null;
        this.zipf = distribution.kind() == KeyDistribution.Kind.ZIPF
            ? new ZipfSampler(distribution.keyCount(), distribution.exponent(), seed) : null;
    }

    /**
     * Draws the next key into {@link #buffer()} and returns its length: {@link #KEY_LENGTH}, or
     * {@link #NULL_KEY_LENGTH} when the distribution has no keys.
     */
    public int next() {
        switch (distribution.kind()) {
            case UNIFORM:
                lastKey = uniform.nextInt(distribution.keyCount());
                break;
            case ZIPF:
                lastKey = zipf.nextRank();
                break;
            default:
                return NULL_KEY_LENGTH;
        }
        buffer.putLong(KEY_OFFSET, lastKey, ByteOrder.BIG_ENDIAN);
        return KEY_LENGTH;
    }

    /** The buffer holding the last key drawn, at offset 0. */
    public UnsafeBuffer buffer() {
        return buffer;
    }

    /** The index of the last key drawn (0 to K-1), or -1 before the first or with null keys. */
    public int lastKey() {
        return lastKey;
    }

    public KeyDistribution distribution() {
        return distribution;
    }
}
