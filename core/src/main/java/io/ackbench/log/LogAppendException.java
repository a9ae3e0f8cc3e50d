package io.ackbench.log;

/**
 * An append the log refuses: a batch that can never fit a segment, a follower chunk whose offsets do not continue the
 * log, or bytes that are not whole batches. The message names the sizes or offsets and the limit.
 */
public final class LogAppendException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LogAppendException(final String message) {
        super(message);
    }
}
