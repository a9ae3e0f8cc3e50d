package io.ackbench.config;

/**
 * A configuration value was missing, malformed or out of range. The message names the key, the value
 * that was given and what is allowed, so a user can fix the command line without reading code.
 */
public final class ConfigException extends IllegalArgumentException {
    private final String key;

    public ConfigException(final String key, final Object value, final String allowed) {
        super("Invalid value '" + value + "' for configuration " + key + ": " + allowed);
        this.key = key;
    }

    public ConfigException(final String key, final String message) {
        super("Invalid configuration " + key + ": " + message);
        this.key = key;
    }

    /** The configuration key at fault. */
    public String key() {
        return key;
    }
}
