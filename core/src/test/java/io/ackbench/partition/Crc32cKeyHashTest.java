package io.ackbench.partition;

import org.junit.jupiter.api.Test;

import java.util.zip.CRC32C;

import static io.ackbench.partition.KeyBuffers.ascii;
import static io.ackbench.partition.KeyBuffers.bytes;
import static io.ackbench.partition.RandomKeys.hashOf;
import static org.assertj.core.api.Assertions.assertThat;

class Crc32cKeyHashTest {
    @Test
    void hashesThePublishedCheckValue() {
        assertThat(hashOf(Crc32cKeyHash.INSTANCE, ascii("123456789"))).isEqualTo(0xe3069283);
        assertThat(hashOf(Crc32cKeyHash.INSTANCE, bytes())).isEqualTo(0);
        // RFC 3720 (iSCSI) B.4: 32 bytes of zeros.
        assertThat(hashOf(Crc32cKeyHash.INSTANCE, new byte[32])).isEqualTo(0x8a9136aa);
    }

    @Test
    void matchesABitAtATimeReferenceOnRandomKeys() {
        RandomKeys.assertHashMatches(Crc32cKeyHash.INSTANCE, Crc32cKeyHashTest::reference, 8L, 20_000);
    }

    @Test
    void matchesTheJdkOnRandomKeys() {
        RandomKeys.assertHashMatches(Crc32cKeyHash.INSTANCE, key -> {
            final CRC32C jdk = new CRC32C();
            jdk.update(key);
            return (int)jdk.getValue();
        }, 9L, 20_000);
    }

    /** CRC-32C one bit at a time, from the polynomial. */
    private static int reference(final byte[] data) {
        int crc = 0xffffffff;
        for (final byte b : data) {
            crc ^= b & 0xff;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
            }
        }
        return ~crc;
    }
}
