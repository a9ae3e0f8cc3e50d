package io.ackbench.producer;

import io.ackbench.config.ConfigException;

/** The producer's {@code acks} setting and the value it has on the wire (Produce request's requiredAcks). */
public enum Acks {
    /** acks=0: fire and forget, completed as soon as the request is written. */
    NONE((short) 0),
    /** acks=1: answered after the leader's local append. */
    LEADER((short) 1),
    /** acks=all (-1): answered once the high watermark covers the batch. */
    ALL((short) -1);

    private final short wireValue;

    Acks(final short wireValue) {
        this.wireValue = wireValue;
    }

    public short wireValue() {
        return wireValue;
    }

    /** Parses Kafka's spellings: {@code all}, {@code -1}, {@code 0}, {@code 1}. */
    public static Acks parse(final String key, final String text) {
        switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "all":
            case "-1":
                return ALL;
            case "1":
                return LEADER;
            case "0":
                return NONE;
            default:
                throw new ConfigException(key, text, "expected one of all, -1, 0, 1");
        }
    }
}
