package io.ackbench.partition;

import io.ackbench.config.ConfigException;

import java.util.Map;

/**
 * Reads and validates the partitioner configs, with Kafka's wording for a bad value.
 */
final class ConfigValues {
    /** Kafka's name for the maximum batch size in bytes; uniform sticky switches after about this many bytes. */
    static final String BATCH_SIZE = "batch.size";

    /** Kafka's default {@code batch.size}. */
    static final int DEFAULT_BATCH_SIZE = 16384;

    private ConfigValues() {
    }

    /**
     * @param configs      by name.
     * @param name         of the config.
     * @param defaultValue when the config is absent.
     * @param min          smallest allowed value.
     * @return the value as an int in {@code [min, Integer.MAX_VALUE]}.
     * @throws IllegalArgumentException naming the key, the value and the allowed range.
     */
    static int intAtLeast(final Map<String, String> configs, final String name, final int defaultValue, final int min) {
        final String raw = configs.get(name);
        if (raw == null) {
            return defaultValue;
        }

        final int value;
        try {
            value = Integer.parseInt(raw.trim());
        } catch (final NumberFormatException ex) {
            throw invalid(name, raw, "must be an integer between " + min + " and " + Integer.MAX_VALUE);
        }
        if (value < min) {
            throw invalid(name, raw, "must be at least " + min);
        }
        return value;
    }

    /**
     * @param name   of the config.
     * @param value  that was rejected.
     * @param reason what is allowed.
     * @return an exception with Kafka's "Invalid value ... for configuration ..." wording.
     */
    static IllegalArgumentException invalid(final String name, final String value, final String reason) {
        return new ConfigException(name, value, reason);
    }
}
