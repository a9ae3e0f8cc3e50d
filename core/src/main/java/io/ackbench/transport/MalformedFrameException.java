package io.ackbench.transport;

/** A frame whose lengths or counts do not fit the bytes received; the message says which field and where. */
public final class MalformedFrameException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedFrameException(final String message) {
        super(message);
    }
}
