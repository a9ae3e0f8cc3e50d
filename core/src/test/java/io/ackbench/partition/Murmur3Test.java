package io.ackbench.partition;

import org.junit.jupiter.api.Test;

import static io.ackbench.partition.KeyBuffers.ascii;
import static io.ackbench.partition.KeyBuffers.bytes;
import static io.ackbench.partition.RandomKeys.hashOf;
import static org.assertj.core.api.Assertions.assertThat;

class Murmur3Test {
    @Test
    void hashesThePublishedSeedZeroVectors() {
        // SMHasher-derived MurmurHash3_x86_32 vectors (seed 0) and the common "hello" example.
        assertThat(hashOf(Murmur3.SEED_0, bytes())).isEqualTo(0);
        assertThat(hashOf(Murmur3.SEED_0, bytes(0xff, 0xff, 0xff, 0xff))).isEqualTo(0x76293b50);
        assertThat(hashOf(Murmur3.SEED_0, bytes(0x21, 0x43, 0x65, 0x87))).isEqualTo(0xf55b516b);
        assertThat(hashOf(Murmur3.SEED_0, bytes(0x21, 0x43, 0x65))).isEqualTo(0x7e4a8634);
        assertThat(hashOf(Murmur3.SEED_0, bytes(0x21, 0x43))).isEqualTo(0xa0f7b07a);
        assertThat(hashOf(Murmur3.SEED_0, bytes(0x21))).isEqualTo(0x72661cf4);
        assertThat(hashOf(Murmur3.SEED_0, bytes(0, 0, 0, 0))).isEqualTo(0x2362f9de);
        assertThat(hashOf(Murmur3.SEED_0, bytes(0, 0, 0))).isEqualTo(0x85f0b427);
        assertThat(hashOf(Murmur3.SEED_0, bytes(0, 0))).isEqualTo(0x30f4c306);
        assertThat(hashOf(Murmur3.SEED_0, bytes(0))).isEqualTo(0x514e28b7);
        assertThat(hashOf(Murmur3.SEED_0, ascii("hello"))).isEqualTo(0x248bfa47);
    }

    @Test
    void hashesThePublishedSeededVectors() {
        assertThat(hashOf(new Murmur3(1), bytes())).isEqualTo(0x514e28b7);
        assertThat(hashOf(new Murmur3(0xffffffff), bytes())).isEqualTo(0x81f16f39);
        assertThat(hashOf(new Murmur3(0x5082edee), bytes(0x21, 0x43, 0x65, 0x87))).isEqualTo(0x2362f9de);
    }

    @Test
    void matchesAByteAtATimeReferenceOnRandomKeys() {
        RandomKeys.assertHashMatches(Murmur3.SEED_0, key -> reference(key, 0), 3L, 20_000);
        RandomKeys.assertHashMatches(new Murmur3(0x9747b28c), key -> reference(key, 0x9747b28c), 4L, 5_000);
    }

    /** MurmurHash3_x86_32 written from the algorithm's description, one byte at a time. */
    private static int reference(final byte[] data, final int seed) {
        final int c1 = 0xcc9e2d51;
        final int c2 = 0x1b873593;
        int h = seed;
        int k = 0;
        int shift = 0;
        for (final byte b : data) {
            k |= (b & 0xff) << shift;
            shift += 8;
            if (shift == 32) {
                h ^= Integer.rotateLeft(k * c1, 15) * c2;
                h = Integer.rotateLeft(h, 13) * 5 + 0xe6546b64;
                k = 0;
                shift = 0;
            }
        }
        if (shift != 0) {
            h ^= Integer.rotateLeft(k * c1, 15) * c2;
        }
        h ^= data.length;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
