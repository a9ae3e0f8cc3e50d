package io.ackbench.record;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes one record of a RecordBatch v2:
 * {@code length varint | attributes int8 (0) | timestampDelta varlong | offsetDelta varint |
 * keyLength varint | key | valueLength varint | value | headersCount varint | headers}.
 * The length counts the bytes after itself. A key or value length of -1 means null.
 *
 * <p>Stateless and allocation-free.
 */
public final class RecordEncoder {
    /** Record attributes; no record-level attribute is defined, so always 0. */
    private static final byte RECORD_ATTRIBUTES = 0;
    private static final int RECORD_ATTRIBUTES_SIZE = 1;

    private RecordEncoder() {
    }

    /**
     * @param offsetDelta    record offset minus the batch's base offset
     * @param timestampDelta record timestamp minus the batch's base timestamp
     * @param keyLength      key length in bytes, -1 for a null key
     * @param valueLength    value length in bytes, -1 for a null value
     * @param headers        the record's headers, or null for none
     * @return the size of the record including its leading length varint
     */
    public static int sizeInBytes(
        int offsetDelta, long timestampDelta, int keyLength, int valueLength, RecordHeaders headers) {
        final int bodySize = bodySize(offsetDelta, timestampDelta, keyLength, valueLength, headers);
        return Varint.sizeOfVarint(bodySize) + bodySize;
    }

    /**
     * Writes one record.
     *
     * @param dst            destination, with room for {@link #sizeInBytes} bytes at {@code index}
     * @param index          where the record's length varint goes
     * @param offsetDelta    record offset minus the batch's base offset
     * @param timestampDelta record timestamp minus the batch's base timestamp
     * @param key            holds the key; may be null when {@code keyLength} is -1
     * @param keyOffset      index of the key's first byte
     * @param keyLength      key length in bytes, -1 for a null key
     * @param value          holds the value; may be null when {@code valueLength} is -1
     * @param valueOffset    index of the value's first byte
     * @param valueLength    value length in bytes, -1 for a null value
     * @param headers        the record's headers, or null for none
     * @return the number of bytes written, equal to {@link #sizeInBytes}
     */
    public static int write(
        MutableDirectBuffer dst,
        int index,
        int offsetDelta,
        long timestampDelta,
        DirectBuffer key,
        int keyOffset,
        int keyLength,
        DirectBuffer value,
        int valueOffset,
        int valueLength,
        RecordHeaders headers) {
        final int bodySize = bodySize(offsetDelta, timestampDelta, keyLength, valueLength, headers);
        return writeWithBodySize(dst, index, bodySize, offsetDelta, timestampDelta,
            key, keyOffset, keyLength, value, valueOffset, valueLength, headers);
    }

    /**
     * Kafka's {@code estimateSizeInBytesUpperBound}: the most a batch holding just this record can
     * take, whatever its offset and timestamp deltas. The producer compares it with
     * {@code max.request.size} and {@code buffer.memory}.
     *
     * @param keyLength   key length in bytes, -1 for a null key
     * @param valueLength value length in bytes, -1 for a null value
     * @param headers     the record's headers, or null for none
     * @return {@code 61 + 21 +} the size of the key, value and header fields
     */
    public static int upperBoundBatchSize(int keyLength, int valueLength, RecordHeaders headers) {
        return RecordBatchLayout.RECORD_BATCH_OVERHEAD + RecordBatchLayout.MAX_RECORD_OVERHEAD
            + keyValueHeadersSize(keyLength, valueLength, headers);
    }

    /** Size of the record after its length varint. */
    static int bodySize(int offsetDelta, long timestampDelta, int keyLength, int valueLength, RecordHeaders headers) {
        return RECORD_ATTRIBUTES_SIZE + Varint.sizeOfVarlong(timestampDelta) + Varint.sizeOfVarint(offsetDelta)
            + keyValueHeadersSize(keyLength, valueLength, headers);
    }

    /** {@link #write} for a caller that already knows {@link #bodySize}. */
    static int writeWithBodySize(
        MutableDirectBuffer dst,
        int index,
        int bodySize,
        int offsetDelta,
        long timestampDelta,
        DirectBuffer key,
        int keyOffset,
        int keyLength,
        DirectBuffer value,
        int valueOffset,
        int valueLength,
        RecordHeaders headers) {
        int i = index;
        i += Varint.putVarint(dst, i, bodySize);
        dst.putByte(i++, RECORD_ATTRIBUTES);
        i += Varint.putVarlong(dst, i, timestampDelta);
        i += Varint.putVarint(dst, i, offsetDelta);
        i += Varint.putVarint(dst, i, keyLength);
        if (keyLength > 0) {
            dst.putBytes(i, key, keyOffset, keyLength);
            i += keyLength;
        }
        i += Varint.putVarint(dst, i, valueLength);
        if (valueLength > 0) {
            dst.putBytes(i, value, valueOffset, valueLength);
            i += valueLength;
        }
        if (headers == null) {
            dst.putByte(i++, (byte) 0);
        } else {
            i += Varint.putVarint(dst, i, headers.count());
            final int headersLength = headers.encodedLength();
            if (headersLength > 0) {
                dst.putBytes(i, headers.buffer(), 0, headersLength);
                i += headersLength;
            }
        }
        return i - index;
    }

    private static int keyValueHeadersSize(int keyLength, int valueLength, RecordHeaders headers) {
        if (keyLength < RecordBatchLayout.NULL_LENGTH || valueLength < RecordBatchLayout.NULL_LENGTH) {
            throw new IllegalArgumentException(
                "keyLength and valueLength must be >= -1, were " + keyLength + " and " + valueLength);
        }
        final int headersSize = headers == null
            ? 1
            : Varint.sizeOfVarint(headers.count()) + headers.encodedLength();
        return Varint.sizeOfVarint(keyLength) + Math.max(keyLength, 0)
            + Varint.sizeOfVarint(valueLength) + Math.max(valueLength, 0)
            + headersSize;
    }
}
