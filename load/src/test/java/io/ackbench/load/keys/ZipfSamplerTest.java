package io.ackbench.load.keys;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ZipfSamplerTest {
    @Test
    void assignsProbabilitiesProportionalToOneOverRankToTheS() {
        final ZipfSampler sampler = new ZipfSampler(3, 1.0, 1L);

        // Weights 1, 1/2, 1/3 sum to 11/6.
        assertThat(sampler.probability(0)).isCloseTo(6.0 / 11, within(1e-15));
        assertThat(sampler.probability(1)).isCloseTo(3.0 / 11, within(1e-15));
        assertThat(sampler.probability(2)).isCloseTo(2.0 / 11, within(1e-15));
    }

    @Test
    void samplesRanksWithTheirProbabilities() {
        final int population = 10_000;
        final ZipfSampler sampler = new ZipfSampler(population, 1.1, 2L);
        final long[] counts = new long[population];
        final int samples = 2_000_000;
        for (int i = 0; i < samples; i++) {
            counts[sampler.nextRank()]++;
        }

        for (final int rank : new int[]{0, 1, 9, 99}) {
            final double expected = sampler.probability(rank) * samples;
            // within 5 standard deviations of a binomial count
            assertThat((double)counts[rank]).as("rank %d", rank).isCloseTo(expected, within(5 * Math.sqrt(expected)));
        }
        // s = 1.1 over 10,000 keys: the top key alone carries 1 / H(10000, 1.1) = 15.14% of the records.
        assertThat(sampler.probability(0)).isCloseTo(0.1514372149396591, within(1e-12));
    }

    @Test
    void repeatsForTheSameSeed() {
        final ZipfSampler a = new ZipfSampler(1000, 1.1, 3L);
        final ZipfSampler b = new ZipfSampler(1000, 1.1, 3L);
        for (int i = 0; i < 1000; i++) {
            assertThat(a.nextRank()).isEqualTo(b.nextRank());
        }
    }
}
