package io.ackbench.producer;

/**
 * The int that {@link RecordAccumulator#append} returns: the bytes the record added to its batch, and whether
 * it opened a new batch (the feedback sticky partitioners switch on). Packed so that append allocates nothing.
 */
public final class AppendResult {
    static final int NEW_BATCH_FLAG = 1 << 30;
    private static final int BYTES_MASK = NEW_BATCH_FLAG - 1;

    private AppendResult() {
    }

    static int of(final int bytes, final boolean newBatch) {
        return newBatch ? bytes | NEW_BATCH_FLAG : bytes;
    }

    public static int bytes(final int result) {
        return result & BYTES_MASK;
    }

    public static boolean openedNewBatch(final int result) {
        return (result & NEW_BATCH_FLAG) != 0;
    }
}
