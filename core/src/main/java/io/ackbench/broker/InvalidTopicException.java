package io.ackbench.broker;

import io.ackbench.transport.ErrorCode;

/**
 * A topic name broke one of Kafka's rules (kafka-semantics.md §7.1). The message names the topic and the rule; the
 * broker answers {@link ErrorCode#INVALID_TOPIC_EXCEPTION}.
 */
public final class InvalidTopicException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String topic;

    public InvalidTopicException(final String topic, final String message) {
        super(message);
        this.topic = topic;
    }

    /** The name that was refused, as given (may be null). */
    public String topic() {
        return topic;
    }

    /** The code the broker answers with. */
    public short errorCode() {
        return ErrorCode.INVALID_TOPIC_EXCEPTION;
    }
}
