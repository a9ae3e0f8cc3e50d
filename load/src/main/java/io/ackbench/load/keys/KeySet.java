package io.ackbench.load.keys;

import org.agrona.MutableDirectBuffer;

import java.util.SplittableRandom;

/**
 * The key sets of the key-distribution report, each a seeded stream of keys written into a scratch buffer.
 */
public enum KeySet {
    /** Independent uniformly random keys of {@link #RANDOM_KEY_BYTES} bytes. */
    UNIFORM_RANDOM("uniform-random") {
        @Override
        public KeyStream stream(final long seed, final int zipfPopulation, final double zipfExponent) {
            final SplittableRandom random = new SplittableRandom(seed);
            return scratch -> {
                scratch.putLong(0, random.nextLong());
                scratch.putLong(8, random.nextLong());
                return RANDOM_KEY_BYTES;
            };
        }
    },

    /** The record index as a decimal ASCII string: "0", "1", "2", ... */
    SEQUENTIAL("sequential-decimal") {
        @Override
        public KeyStream stream(final long seed, final int zipfPopulation, final double zipfExponent) {
            final int[] next = {0};
            return scratch -> scratch.putNaturalIntAscii(0, next[0]++);
        }
    },

    /**
     * A fixed population of random {@link #RANDOM_KEY_BYTES}-byte keys, drawn with Zipf-skewed frequencies: the
     * k-th most frequent key has probability proportional to {@code 1 / k^s}.
     */
    ZIPF("zipf") {
        @Override
        public KeyStream stream(final long seed, final int zipfPopulation, final double zipfExponent) {
            final SplittableRandom random = new SplittableRandom(seed);
            final byte[] population = new byte[zipfPopulation * RANDOM_KEY_BYTES];
            random.nextBytes(population);
            final ZipfSampler sampler = new ZipfSampler(zipfPopulation, zipfExponent, random.nextLong());
            return scratch -> {
                scratch.putBytes(0, population, sampler.nextRank() * RANDOM_KEY_BYTES, RANDOM_KEY_BYTES);
                return RANDOM_KEY_BYTES;
            };
        }
    };

    /** Length of the random keys (uniform and Zipf population). */
    public static final int RANDOM_KEY_BYTES = 16;

    /** Longest key any set produces: a decimal int. */
    public static final int MAX_KEY_BYTES = 16;

    private final String label;

    KeySet(final String label) {
        this.label = label;
    }

    /**
     * @return the name used in the table and JSON.
     */
    public String label() {
        return label;
    }

    /**
     * @param seed           of the stream (and of the Zipf population).
     * @param zipfPopulation distinct keys of the Zipf set.
     * @param zipfExponent   {@code s} of the Zipf set.
     * @return a new stream, starting from its first key.
     */
    public abstract KeyStream stream(long seed, int zipfPopulation, double zipfExponent);

    /**
     * A stream of keys.
     */
    @FunctionalInterface
    public interface KeyStream {
        /**
         * Writes the next key at offset 0 of {@code scratch}.
         *
         * @param scratch at least {@link #MAX_KEY_BYTES} long.
         * @return the key's length.
         */
        int next(MutableDirectBuffer scratch);
    }
}
