package io.ackbench.transport;

/**
 * A frame that does not parse: a length or count that does not fit the bytes received, or a field outside its range;
 * the message says which field and where.
 */
public final class MalformedFrameException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedFrameException(final String message) {
        super(message);
    }
}
