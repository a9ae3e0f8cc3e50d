package io.ackbench.log;

/** A read asked for an offset below the log start offset or beyond the log end offset (Kafka's OFFSET_OUT_OF_RANGE). */
public final class OffsetOutOfRangeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OffsetOutOfRangeException(final long offset, final long logStartOffset, final long logEndOffset) {
        super("Offset " + offset + " is out of range: the log holds [" + logStartOffset + ", " + logEndOffset + ")"
            + " and reads may start at " + logEndOffset + " at most");
    }
}
