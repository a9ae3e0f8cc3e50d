package io.ackbench.producer;

/** The bootstrap broker did not describe the topic within max.block.ms (Kafka's TimeoutException on metadata). */
public final class MetadataTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MetadataTimeoutException(final String message) {
        super(message);
    }
}
