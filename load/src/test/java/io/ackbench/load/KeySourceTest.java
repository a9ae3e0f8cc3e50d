package io.ackbench.load;

import io.ackbench.config.ConfigException;
import io.ackbench.load.keys.ZipfSampler;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class KeySourceTest {
    private static final int DRAWS = 100_000;

    @Test
    void noneGivesNullKeys() {
        final KeySource keys = new KeySource(KeyDistribution.NONE, 1);

        assertThat(keys.next()).isEqualTo(KeySource.NULL_KEY_LENGTH);
        assertThat(keys.lastKey()).isEqualTo(-1);
    }

    @Test
    void uniformDrawsTheSeededSequenceAsBigEndianLongs() {
        final KeySource keys = new KeySource(KeyDistribution.uniform(10), 7);
        final SplittableRandom reference = new SplittableRandom(7);
        final long[] counts = new long[10];

        for (int i = 0; i < DRAWS; i++) {
            assertThat(keys.next()).isEqualTo(KeySource.KEY_LENGTH);
            final int expected = reference.nextInt(10);
            assertThat(keys.lastKey()).isEqualTo(expected);
            assertThat(keys.buffer().getLong(0, ByteOrder.BIG_ENDIAN)).isEqualTo(expected);
            counts[expected]++;
        }
        for (final long count : counts) {
            assertThat((double) count / DRAWS).isCloseTo(0.1, within(0.005));
        }
    }

    @Test
    void uniformOverOneKeyAlwaysSendsKeyZero() {
        final KeySource keys = new KeySource(KeyDistribution.uniform(1), 3);
        for (int i = 0; i < 100; i++) {
            keys.next();
            assertThat(keys.buffer().getLong(0, ByteOrder.BIG_ENDIAN)).isZero();
        }
    }

    @Test
    void zipfDrawsTheSamplersSeededRanksWithZipfFrequencies() {
        final KeySource keys = new KeySource(KeyDistribution.zipf(100, 1.0), 11);
        final ZipfSampler reference = new ZipfSampler(100, 1.0, 11);
        final long[] counts = new long[100];

        for (int i = 0; i < DRAWS; i++) {
            keys.next();
            final int expected = reference.nextRank();
            assertThat(keys.lastKey()).isEqualTo(expected);
            counts[expected]++;
        }
        // Rank 0 of Zipf(100, 1) has probability 1 / H(100) = 0.19277.
        assertThat(reference.probability(0)).isCloseTo(0.19277, within(1e-5));
        assertThat((double) counts[0] / DRAWS).isCloseTo(0.19277, within(0.005));
        assertThat(counts[0]).isGreaterThan(counts[1]).isGreaterThan(counts[9]).isGreaterThan(counts[99]);
    }

    @Test
    void parsesEachFormAndPrintsItBack() {
        assertThat(KeyDistribution.parse("--key-distribution", "none")).isSameAs(KeyDistribution.NONE);
        final KeyDistribution uniform = KeyDistribution.parse("--key-distribution", "uniform:1000");
        assertThat(uniform.kind()).isEqualTo(KeyDistribution.Kind.UNIFORM);
        assertThat(uniform.keyCount()).isEqualTo(1000);
        assertThat(uniform.toString()).isEqualTo("uniform:1000");
        final KeyDistribution zipf = KeyDistribution.parse("--key-distribution", "ZIPF:500:1.2");
        assertThat(zipf.kind()).isEqualTo(KeyDistribution.Kind.ZIPF);
        assertThat(zipf.keyCount()).isEqualTo(500);
        assertThat(zipf.exponent()).isEqualTo(1.2);
        assertThat(zipf.toString()).isEqualTo("zipf:500:1.2");
    }

    @Test
    void malformedDistributionsNameTheFlagAndTheForms() {
        for (final String bad : new String[] {"uniform", "uniform:0", "uniform:x", "zipf:10", "zipf:10:-1",
            "normal:3", "none:1", ""}) {
            assertThatThrownBy(() -> KeyDistribution.parse("--key-distribution", bad))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value '" + bad + "' for configuration --key-distribution: expected none, "
                    + "uniform:K or zipf:K:s (K keys from 1 to 2147483647, exponent s >= 0)");
        }
    }
}
