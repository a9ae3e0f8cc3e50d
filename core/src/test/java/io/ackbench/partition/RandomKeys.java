package io.ackbench.partition;

import org.agrona.concurrent.UnsafeBuffer;

import java.util.SplittableRandom;
import java.util.function.ToIntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares a {@link KeyHash} with a reference over seeded random keys of every length up to a maximum, placed at
 * every alignment in off-heap and on-heap buffers.
 */
final class RandomKeys {
    static final int MAX_LENGTH = 300;

    private RandomKeys() {
    }

    static void assertHashMatches(
        final KeyHash hash, final ToIntFunction<byte[]> reference, final long seed, final int keys) {
        final SplittableRandom random = new SplittableRandom(seed);
        final UnsafeBuffer offHeap = KeyBuffers.offHeap(MAX_LENGTH + 8);
        final UnsafeBuffer onHeap = KeyBuffers.onHeap(MAX_LENGTH + 8);

        for (int i = 0; i < keys; i++) {
            final int length = random.nextInt(MAX_LENGTH + 1);
            final int offset = random.nextInt(8);
            final byte[] key = new byte[length];
            random.nextBytes(key);
            offHeap.putBytes(offset, key);
            onHeap.putBytes(offset, key);

            final int expected = reference.applyAsInt(key);
            assertThat(hash.hash(offHeap, offset, length)).as("off heap, key %d, length %d", i, length)
                .isEqualTo(expected);
            assertThat(hash.hash(onHeap, offset, length)).as("on heap, key %d, length %d", i, length)
                .isEqualTo(expected);
        }
    }

    /** Hashes a whole byte array placed at an unaligned offset off heap. */
    static int hashOf(final KeyHash hash, final byte[] key) {
        return hash.hash(KeyBuffers.unalignedOffHeap(key), KeyBuffers.UNALIGNED_OFFSET, key.length);
    }
}
