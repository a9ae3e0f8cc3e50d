package io.ackbench.producer;

/** A record whose serialized upper-bound size exceeds {@code max.request.size} or {@code buffer.memory}. */
public final class RecordTooLargeException extends RuntimeException {
    public RecordTooLargeException(final String message) {
        super(message);
    }
}
