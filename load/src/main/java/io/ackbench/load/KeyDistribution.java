package io.ackbench.load;

import io.ackbench.config.ConfigException;

import java.util.Locale;

/**
 * Which keys a workload's records carry: none (null keys, as kafka-producer-perf-test sends), uniform over
 * {@code K} keys, or Zipf over {@code K} keys with exponent {@code s} (key 0 the most frequent). Written
 * {@code none}, {@code uniform:K} or {@code zipf:K:s}.
 */
public final class KeyDistribution {
    /** The kinds of distribution. */
    public enum Kind { NONE, UNIFORM, ZIPF }

    public static final KeyDistribution NONE = new KeyDistribution(Kind.NONE, 0, 0);

    private static final String ALLOWED = "expected none, uniform:K or zipf:K:s (K keys from 1 to "
        + Integer.MAX_VALUE + ", exponent s >= 0)";

    private final Kind kind;
    private final int keyCount;
    private final double exponent;

    private KeyDistribution(final Kind kind, final int keyCount, final double exponent) {
        this.kind = kind;
        this.keyCount = keyCount;
        this.exponent = exponent;
    }

    public static KeyDistribution uniform(final int keyCount) {
        if (keyCount < 1) {
            throw new IllegalArgumentException("key count must be at least 1, was " + keyCount);
        }
        return new KeyDistribution(Kind.UNIFORM, keyCount, 0);
    }

    public static KeyDistribution zipf(final int keyCount, final double exponent) {
        if (keyCount < 1) {
            throw new IllegalArgumentException("key count must be at least 1, was " + keyCount);
        }
        if (!(exponent >= 0) || Double.isInfinite(exponent)) {
            throw new IllegalArgumentException("Zipf exponent must be a finite number >= 0, was " + exponent);
        }
        return new KeyDistribution(Kind.ZIPF, keyCount, exponent);
    }

    /**
     * Parses {@code none}, {@code uniform:K} or {@code zipf:K:s}.
     *
     * @param name what the text was given as (a flag or key), for the error message
     * @throws ConfigException naming {@code name} and the text if it is malformed
     */
    public static KeyDistribution parse(final String name, final String text) {
        final String[] parts = text.trim().toLowerCase(Locale.ROOT).split(":", -1);
        try {
            switch (parts[0]) {
                case "none":
                    if (parts.length == 1) {
                        return NONE;
                    }
                    break;
                case "uniform":
                    if (parts.length == 2) {
                        return uniform(Integer.parseInt(parts[1]));
                    }
                    break;
                case "zipf":
                    if (parts.length == 3) {
                        return zipf(Integer.parseInt(parts[1]), Double.parseDouble(parts[2]));
                    }
                    break;
                default:
                    break;
            }
        } catch (final IllegalArgumentException e) { // NumberFormatException is one
            throw new ConfigException(name, text, ALLOWED);
        }
        throw new ConfigException(name, text, ALLOWED);
    }

    public Kind kind() {
        return kind;
    }

    /** Distinct keys; 0 for {@link Kind#NONE}. */
    public int keyCount() {
        return keyCount;
    }

    /** The Zipf exponent; 0 unless {@link Kind#ZIPF}. */
    public double exponent() {
        return exponent;
    }

    /** The textual form {@link #parse} reads. */
    @Override
    public String toString() {
        switch (kind) {
            case UNIFORM:
                return "uniform:" + keyCount;
            case ZIPF:
                return "zipf:" + keyCount + ":" + exponent;
            default:
                return "none";
        }
    }
}
