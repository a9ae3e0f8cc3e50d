package io.ackbench.config;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads Kafka-named settings from a string map and validates each one up front: a typo in a key, a value
 * that does not parse and a value out of range all fail with a {@link ConfigException} naming the key.
 */
public final class ConfigReader {
    private final Map<String, String> values;

    /**
     * @param kind  what is being configured ("producer", "broker"), for the unknown-key message
     * @param known every key this kind understands; any other key in {@code values} is rejected
     */
    public ConfigReader(final String kind, final Map<String, String> values, final Set<String> known) {
        for (final String key : values.keySet()) {
            if (!known.contains(key)) {
                throw new ConfigException(key, "unknown " + kind + " configuration; known keys are "
                    + new TreeSet<>(known));
            }
        }
        this.values = Map.copyOf(values);
    }

    /**
     * A reader that does not check for unknown keys: for a component (a partitioner, say) that reads a few keys
     * out of a configuration whose owner validates the rest.
     */
    public static ConfigReader partOf(final Map<String, String> values) {
        return new ConfigReader(values);
    }

    private ConfigReader(final Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** Whether the user gave this key explicitly (Kafka treats some explicit values differently from defaults). */
    public boolean isSet(final String key) {
        return values.containsKey(key);
    }

    public String string(final String key, final String defaultValue) {
        final String value = values.get(key);
        return value == null ? defaultValue : value.trim();
    }

    public int intValue(final String key, final int defaultValue, final int min, final int max) {
        final long value = longValue(key, defaultValue, min, max);
        return (int) value;
    }

    public long longValue(final String key, final long defaultValue, final long min, final long max) {
        final String text = values.get(key);
        if (text == null) {
            return defaultValue;
        }
        final long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (final NumberFormatException e) {
            throw new ConfigException(key, text, "expected a whole number in [" + min + ", " + max + "]");
        }
        if (value < min || value > max) {
            throw new ConfigException(key, text, "expected a whole number in [" + min + ", " + max + "]");
        }
        return value;
    }

    public boolean booleanValue(final String key, final boolean defaultValue) {
        final String text = values.get(key);
        if (text == null) {
            return defaultValue;
        }
        switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new ConfigException(key, text, "expected true or false");
        }
    }
}
