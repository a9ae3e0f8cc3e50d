package io.ackbench.load.keys;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Samples ranks {@code 0 .. population-1} with Zipf probabilities: rank {@code r} (0-based) has probability
 * proportional to {@code 1 / (r + 1)^s}. Exact inverse-CDF sampling over a precomputed table, seeded.
 */
public final class ZipfSampler {
    private final double[] cumulative;
    private final SplittableRandom random;

    /**
     * @param population number of distinct ranks, at least 1.
     * @param exponent   Zipf exponent {@code s}, at least 0 (0 is uniform).
     * @param seed       of the sampler.
     */
    public ZipfSampler(final int population, final double exponent, final long seed) {
        if (population < 1 || !(exponent >= 0)) {
            throw new IllegalArgumentException(
                "population must be >= 1 and exponent >= 0, got " + population + " and " + exponent);
        }

        cumulative = new double[population];
        double sum = 0;
        for (int r = 0; r < population; r++) {
            sum += 1.0 / Math.pow(r + 1, exponent);
            cumulative[r] = sum;
        }
        for (int r = 0; r < population; r++) {
            cumulative[r] /= sum;
        }
        cumulative[population - 1] = 1.0; // no rounding gap at the top
        random = new SplittableRandom(seed);
    }

    /**
     * @param rank 0-based.
     * @return the probability of {@code rank}.
     */
    public double probability(final int rank) {
        return rank == 0 ? cumulative[0] : cumulative[rank] - cumulative[rank - 1];
    }

    /**
     * @return the next rank, 0 the most likely.
     */
    public int nextRank() {
        final double u = random.nextDouble(); // [0, 1)
        final int index = Arrays.binarySearch(cumulative, u);
        // The first rank whose cumulative probability exceeds u.
        return index >= 0 ? index + 1 : -index - 1;
    }
}
