package io.ackbench.partition;

import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;
import org.junit.jupiter.api.Test;

import static io.ackbench.partition.KeyBuffers.ascii;
import static io.ackbench.partition.KeyBuffers.bytes;
import static io.ackbench.partition.RandomKeys.hashOf;
import static org.assertj.core.api.Assertions.assertThat;

class XxHash32Test {
    @Test
    void hashesThePublishedVectors() {
        assertThat(hashOf(XxHash32.SEED_0, bytes())).isEqualTo(0x02cc5d05);
        assertThat(hashOf(XxHash32.SEED_0, ascii("a"))).isEqualTo(0x550d7456);
        assertThat(hashOf(XxHash32.SEED_0, ascii("abc"))).isEqualTo(0x32d153ff);
        assertThat(hashOf(XxHash32.SEED_0, ascii("Nobody inspects the spammish repetition"))).isEqualTo(0xe2293b2f);
    }

    @Test
    void matchesAByteAtATimeReferenceOnRandomKeys() {
        RandomKeys.assertHashMatches(XxHash32.SEED_0, key -> reference(key, 0), 5L, 20_000);
        RandomKeys.assertHashMatches(new XxHash32(0x2a), key -> reference(key, 0x2a), 6L, 5_000);
    }

    @Test
    void matchesLz4JavaOnRandomKeys() {
        // lz4-java comes with kafka-clients (runtime scope) and carries an independent pure-Java XXH32.
        final XXHash32 lz4 = XXHashFactory.safeInstance().hash32();
        RandomKeys.assertHashMatches(XxHash32.SEED_0, key -> lz4.hash(key, 0, key.length, 0), 7L, 20_000);
    }

    /** XXH32 written from the specification, assembling every lane from single bytes. */
    private static int reference(final byte[] data, final int seed) {
        final int p1 = 0x9e3779b1;
        final int p2 = 0x85ebca77;
        final int p3 = 0xc2b2ae3d;
        final int p4 = 0x27d4eb2f;
        final int p5 = 0x165667b1;
        int i = 0;
        int h;
        if (data.length >= 16) {
            final int[] v = {seed + p1 + p2, seed + p2, seed, seed - p1};
            while (i + 16 <= data.length) {
                for (int lane = 0; lane < 4; lane++) {
                    v[lane] = Integer.rotateLeft(v[lane] + le32(data, i) * p2, 13) * p1;
                    i += 4;
                }
            }
            h = Integer.rotateLeft(v[0], 1) + Integer.rotateLeft(v[1], 7) +
                Integer.rotateLeft(v[2], 12) + Integer.rotateLeft(v[3], 18);
        } else {
            h = seed + p5;
        }
        h += data.length;
        while (i + 4 <= data.length) {
            h = Integer.rotateLeft(h + le32(data, i) * p3, 17) * p4;
            i += 4;
        }
        while (i < data.length) {
            h = Integer.rotateLeft(h + (data[i] & 0xff) * p5, 11) * p1;
            i++;
        }
        h ^= h >>> 15;
        h *= p2;
        h ^= h >>> 13;
        h *= p3;
        h ^= h >>> 16;
        return h;
    }

    private static int le32(final byte[] data, final int i) {
        return (data[i] & 0xff) | (data[i + 1] & 0xff) << 8 | (data[i + 2] & 0xff) << 16 | (data[i + 3] & 0xff) << 24;
    }
}
