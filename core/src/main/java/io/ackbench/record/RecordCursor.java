package io.ackbench.record;

import io.ackbench.record.CorruptRecordBatchException.Check;
import org.agrona.DirectBuffer;

/**
 * Reusable cursor over the records of one batch, obtained from {@link RecordBatchReader#records()}.
 * {@link #next()} decodes and checks one record; the getters then describe it, with key, value
 * and header positions as absolute indexes into {@link #buffer()}. Nothing is allocated unless a
 * check fails.
 */
public final class RecordCursor {
    private static final int RECORD_ATTRIBUTES_SIZE = 1;

    private final VarintReader varints = new VarintReader();
    private final HeaderCursor headerCursor = new HeaderCursor();

    private DirectBuffer buffer;
    private int batchOffset;
    private int batchEnd;
    private int declaredCount;
    private long baseOffset;
    private long baseTimestamp;
    private boolean logAppendTime;
    private long maxTimestamp;
    private int baseSequence;

    private int position;
    private int index;

    private int recordOffset;
    private long timestampDelta;
    private int offsetDelta;
    private int keyOffset;
    private int keyLength;
    private int valueOffset;
    private int valueLength;
    private int headerCount;
    private int headersOffset;
    private int recordEnd;

    RecordCursor() {
    }

    void reset(
        DirectBuffer buffer,
        int batchOffset,
        int batchEnd,
        int declaredCount,
        long baseOffset,
        long baseTimestamp,
        boolean logAppendTime,
        long maxTimestamp,
        int baseSequence) {
        this.buffer = buffer;
        this.batchOffset = batchOffset;
        this.batchEnd = batchEnd;
        this.declaredCount = declaredCount;
        this.baseOffset = baseOffset;
        this.baseTimestamp = baseTimestamp;
        this.logAppendTime = logAppendTime;
        this.maxTimestamp = maxTimestamp;
        this.baseSequence = baseSequence;
        this.position = batchOffset + RecordBatchLayout.RECORDS_OFFSET;
        this.index = 0;
        this.recordOffset = -1;
    }

    /**
     * Moves to the next record and checks its structure.
     *
     * @return true if there is one; false after the last of the declared records
     * @throws CorruptRecordBatchException if the record is malformed, or the records present do
     *                                     not match the declared count
     */
    public boolean next() {
        if (index == declaredCount) {
            if (position != batchEnd) {
                throw new CorruptRecordBatchException(Check.RECORD_COUNT, position,
                    "Record count mismatch at byte " + position + " of batch at " + batchOffset + ": "
                        + (batchEnd - position) + " bytes remain after the " + declaredCount + " declared records");
            }
            return false;
        }
        if (position >= batchEnd) {
            throw new CorruptRecordBatchException(Check.RECORD_COUNT, position,
                "Record count mismatch at byte " + position + " of batch at " + batchOffset
                    + ": expected " + declaredCount + " records, the batch ends after " + index);
        }
        final int start = position;
        varints.wrap(buffer, start, batchEnd);
        final int bodyLength = varints.readVarint();
        final int bodyStart = varints.position();
        if (bodyLength < RECORD_ATTRIBUTES_SIZE || bodyLength > batchEnd - bodyStart) {
            throw new CorruptRecordBatchException(Check.RECORD_LENGTH, start,
                "Record length check failed at byte " + start + " of batch at " + batchOffset + ": record " + index
                    + " expected 1 to " + (batchEnd - bodyStart) + " bytes, found " + bodyLength);
        }
        final int end = bodyStart + bodyLength;
        varints.wrap(buffer, bodyStart + RECORD_ATTRIBUTES_SIZE, end);
        final long tsDelta = varints.readVarlong();
        final int delta = varints.readVarint();

        final int keyLengthAt = varints.position();
        final int keyLen = varints.readVarint();
        final int keyAt = varints.position();
        checkLength(Check.KEY_LENGTH, "Key length", keyLengthAt, keyLen, RecordBatchLayout.NULL_LENGTH, end - keyAt);
        varints.position(keyAt + Math.max(keyLen, 0));

        final int valueLengthAt = varints.position();
        final int valueLen = varints.readVarint();
        final int valueAt = varints.position();
        checkLength(Check.VALUE_LENGTH, "Value length", valueLengthAt, valueLen,
            RecordBatchLayout.NULL_LENGTH, end - valueAt);
        varints.position(valueAt + Math.max(valueLen, 0));

        final int headerCountAt = varints.position();
        final int headers = varints.readVarint();
        if (headers < 0) {
            throw new CorruptRecordBatchException(Check.HEADER_COUNT, headerCountAt,
                "Header count check failed at byte " + headerCountAt + " of batch at " + batchOffset
                    + ": expected >= 0, found " + headers);
        }
        final int headersAt = varints.position();
        for (int h = 0; h < headers; h++) {
            final int headerKeyLengthAt = varints.position();
            final int headerKeyLength = varints.readVarint();
            checkLength(Check.HEADER_KEY_LENGTH, "Header key length", headerKeyLengthAt, headerKeyLength,
                0, varints.remaining());
            varints.position(varints.position() + headerKeyLength);
            final int headerValueLengthAt = varints.position();
            final int headerValueLength = varints.readVarint();
            checkLength(Check.HEADER_VALUE_LENGTH, "Header value length", headerValueLengthAt, headerValueLength,
                RecordBatchLayout.NULL_LENGTH, varints.remaining());
            varints.position(varints.position() + Math.max(headerValueLength, 0));
        }
        if (varints.position() != end) {
            throw new CorruptRecordBatchException(Check.RECORD_SIZE, varints.position(),
                "Record size mismatch at byte " + varints.position() + " of batch at " + batchOffset + ": record "
                    + index + " declares " + bodyLength + " bytes, its fields take " + (varints.position() - bodyStart));
        }

        recordOffset = start;
        timestampDelta = tsDelta;
        offsetDelta = delta;
        keyOffset = keyAt;
        keyLength = keyLen;
        valueOffset = valueAt;
        valueLength = valueLen;
        headerCount = headers;
        headersOffset = headersAt;
        recordEnd = end;
        position = end;
        index++;
        return true;
    }

    /** @return the buffer that key, value and header offsets index into */
    public DirectBuffer buffer() {
        return buffer;
    }

    /** @return index of the current record's first byte (its length varint) */
    public int recordOffset() {
        return recordOffset;
    }

    /** @return size of the current record including its length varint */
    public int recordSize() {
        return recordEnd - recordOffset;
    }

    /** @return the current record's offset delta */
    public int offsetDelta() {
        return offsetDelta;
    }

    /** @return the current record's offset, base offset plus offset delta */
    public long offset() {
        return baseOffset + offsetDelta;
    }

    /** @return the current record's sequence number, -1 if the batch has none */
    public int sequence() {
        return RecordBatchReader.sequenceAt(baseSequence, offsetDelta);
    }

    /** @return the current record's timestamp delta */
    public long timestampDelta() {
        return timestampDelta;
    }

    /** @return the record's timestamp: base timestamp plus delta, or the max timestamp under LogAppendTime */
    public long timestamp() {
        return logAppendTime ? maxTimestamp : baseTimestamp + timestampDelta;
    }

    /** @return index of the key's first byte */
    public int keyOffset() {
        return keyOffset;
    }

    /** @return key length in bytes, -1 for a null key */
    public int keyLength() {
        return keyLength;
    }

    /** @return index of the value's first byte */
    public int valueOffset() {
        return valueOffset;
    }

    /** @return value length in bytes, -1 for a null value */
    public int valueLength() {
        return valueLength;
    }

    /** @return the number of headers of the current record */
    public int headerCount() {
        return headerCount;
    }

    /**
     * Starts walking the current record's headers, already checked by {@link #next()}.
     *
     * @return this cursor's one reusable header cursor, reset
     */
    public HeaderCursor headers() {
        headerCursor.reset(buffer, headersOffset, recordEnd, headerCount);
        return headerCursor;
    }

    private void checkLength(Check check, String what, int at, int length, int min, int max) {
        if (length < min || length > max) {
            throw new CorruptRecordBatchException(check, at,
                what + " check failed at byte " + at + " of batch at " + batchOffset + ": record " + index
                    + " expected " + min + " to " + max + ", found " + length);
        }
    }
}
