package io.ackbench.record;

/**
 * A RecordBatch, or a record inside one, failed a structural check. The message names the
 * check, the expected and actual values and the absolute byte position in the buffer.
 */
public final class CorruptRecordBatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The check that failed. */
    public enum Check {
        /** Fewer bytes available than the 61-byte batch header. */
        HEADER_SIZE,
        /** batchLength is below the header size or claims more bytes than are available. */
        BATCH_LENGTH,
        /** The magic byte is not 2. */
        MAGIC,
        /** The stored CRC-32C differs from the one computed over the batch. */
        CRC,
        /** recordsCount is negative or disagrees with the records actually present. */
        RECORD_COUNT,
        /** A record's length prefix is negative or runs past the end of the batch. */
        RECORD_LENGTH,
        /** A record's fields do not add up to its length prefix. */
        RECORD_SIZE,
        /** A varint runs past the end of the record that holds it. */
        VARINT_OVERRUN,
        /** A varint has a 5th byte (a varlong a 10th) that still has the continuation bit set. */
        VARINT_TOO_LONG,
        /** A key length is below -1 or runs past the end of the record. */
        KEY_LENGTH,
        /** A value length is below -1 or runs past the end of the record. */
        VALUE_LENGTH,
        /** A header count is negative. */
        HEADER_COUNT,
        /** A header key length is negative (header keys cannot be null) or runs past the record. */
        HEADER_KEY_LENGTH,
        /** A header value length is below -1 or runs past the end of the record. */
        HEADER_VALUE_LENGTH
    }

    private final Check check;
    private final int position;

    /**
     * @param check    the check that failed
     * @param position absolute index in the buffer of the byte where the check failed
     * @param message  the full description, naming expected and actual values
     */
    public CorruptRecordBatchException(Check check, int position, String message) {
        super(message);
        this.check = check;
        this.position = position;
    }

    /** @return the check that failed */
    public Check check() {
        return check;
    }

    /** @return absolute index in the buffer of the byte where the check failed */
    public int position() {
        return position;
    }
}
