package io.ackbench.record;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes one record of a RecordBatch v2:
 * {@code length varint | attributes int8 (0) | timestampDelta varlong | offsetDelta varint |
 * keyLength varint | key | valueLength varint | value | headersCount varint | headers}.
 * The length counts the bytes after itself. A key or value length of -1 means null.
 *
 * <p>Stateless and allocation-free. Writes go to {@code dst.byteArray()} at
 * {@code dst.addressOffset()}, the addressing every Agrona buffer exposes, after one range check
 * per record.
 */
public final class RecordEncoder {
    /** Record attributes; no record-level attribute is defined, so always 0. */
    private static final byte RECORD_ATTRIBUTES = 0;
    private static final int RECORD_ATTRIBUTES_SIZE = 1;
    /** Smallest body around the key, value and headers: attributes and four one-byte varints. */
    private static final int MIN_BODY_OVERHEAD = RECORD_ATTRIBUTES_SIZE + 4;
    /** How much longer than one byte the timestamp delta, offset delta, key and value lengths can be. */
    private static final int MAX_BODY_VARINT_SLACK =
        (Varint.MAX_VARLONG_SIZE - 1) + 3 * (Varint.MAX_VARINT_SIZE - 1);

    /** Bodies below these sizes have a one-byte (two-byte) length varint: zig-zag doubles them. */
    private static final int ONE_BYTE_BODY_LIMIT = 1 << 6;
    private static final int TWO_BYTE_BODY_LIMIT = 1 << 13;
    /** Bits a varint may use and still take one byte. */
    private static final int ONE_BYTE_VARINT_MASK = 0x7F;
    /** Leaves room below Integer.MAX_VALUE for the varints around the payload. */
    private static final int MAX_PAYLOAD = Integer.MAX_VALUE - 64;

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
        final int lengthSize = Varint.sizeOfVarint(bodySize);
        dst.boundsCheck(index, lengthSize + bodySize);
        final long start = dst.addressOffset() + index;
        return (int) (writeLengthLast(dst.byteArray(), start, lengthSize, offsetDelta, timestampDelta,
            key, keyOffset, keyLength, value, valueOffset, valueLength, headers) - start);
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

    /**
     * The bytes of key, value and headers plus the smallest possible encoding of everything else
     * in the body: a lower bound of {@link #bodySize}; {@link #maxBodySize(int)} gives the upper one.
     */
    static int minBodySize(int keyLength, int valueLength, RecordHeaders headers) {
        return MIN_BODY_OVERHEAD + payloadSize(keyLength, valueLength, headers);
    }

    /** Upper bound of {@link #bodySize} for a record whose {@link #minBodySize} is {@code minBodySize}. */
    static int maxBodySize(int minBodySize) {
        return minBodySize + MAX_BODY_VARINT_SLACK;
    }

    /**
     * The size of the length varint of every body between {@code minBodySize} and
     * {@link #maxBodySize}, if they all share one: 1 below 64 bytes, 2 below 8192. Larger bodies
     * and bodies near those steps return 0, and the caller sizes them exactly.
     */
    static int lengthVarintSize(int minBodySize) {
        final int maxBodySize = maxBodySize(minBodySize);
        if (maxBodySize < ONE_BYTE_BODY_LIMIT) {
            return 1;
        }
        if (minBodySize >= ONE_BYTE_BODY_LIMIT && maxBodySize < TWO_BYTE_BODY_LIMIT) {
            return 2;
        }
        return 0;
    }

    /**
     * Writes the body first and its length varint after, so the caller need not size every field
     * up front; it only has to know how many bytes the length varint takes.
     *
     * @param base       {@code byteArray()} of the destination buffer
     * @param address    {@code addressOffset() + index} of the record's first byte
     * @param lengthSize {@code Varint.sizeOfVarint(bodySize)}, known to the caller, which has also
     *                   checked that the destination holds the whole record
     * @return the address just past the record
     */
    static long writeLengthLast(
        byte[] base,
        long address,
        int lengthSize,
        int offsetDelta,
        long timestampDelta,
        DirectBuffer key,
        int keyOffset,
        int keyLength,
        DirectBuffer value,
        int valueOffset,
        int valueLength,
        RecordHeaders headers) {
        // One range check by the caller instead of one per byte: a record is a dozen small
        // fields, and per-byte checks were most of the cost of writing them. (Splitting writeBody
        // into smaller steps, or inlining all of it into the writer, measured slower in JMH.)
        final long bodyStart = address + lengthSize;
        final long end = writeBody(base, bodyStart, offsetDelta, timestampDelta,
            key, keyOffset, keyLength, value, valueOffset, valueLength, headers);
        putLength(base, address, lengthSize, (int) (end - bodyStart));
        return end;
    }

    private static long writeBody(
        byte[] base,
        long address,
        int offsetDelta,
        long timestampDelta,
        DirectBuffer key,
        int keyOffset,
        int keyLength,
        DirectBuffer value,
        int valueOffset,
        int valueLength,
        RecordHeaders headers) {
        long at = address;
        final long timestampZigZag = (timestampDelta << 1) ^ (timestampDelta >> 63);
        final int offsetZigZag = zigZag(offsetDelta);
        final int keyLengthZigZag = zigZag(keyLength);
        if (((timestampZigZag | offsetZigZag | keyLengthZigZag) & ~(long) ONE_BYTE_VARINT_MASK) == 0) {
            // Small batches: attributes and three one-byte varints in one store.
            RawMemory.putIntLittleEndian(base, at, RECORD_ATTRIBUTES
                | (int) timestampZigZag << 8 | offsetZigZag << 16 | keyLengthZigZag << 24);
            at += 4;
        } else {
            RawMemory.putByte(base, at++, RECORD_ATTRIBUTES);
            at += RawMemory.putUnsignedVarlong(base, at, timestampZigZag);
            at += RawMemory.putUnsignedVarint(base, at, offsetZigZag);
            at += RawMemory.putUnsignedVarint(base, at, keyLengthZigZag);
        }
        if (keyLength > 0) {
            key.boundsCheck(keyOffset, keyLength);
            // Separate call sites for short and long copies keep each one's branch profile clean.
            if (keyLength <= RawMemory.SHORT_COPY_LIMIT) {
                RawMemory.copyShort(key.byteArray(), key.addressOffset() + keyOffset, base, at, keyLength);
            } else {
                RawMemory.copy(key.byteArray(), key.addressOffset() + keyOffset, base, at, keyLength);
            }
            at += keyLength;
        }
        at += RawMemory.putUnsignedVarint(base, at, zigZag(valueLength));
        if (valueLength > 0) {
            value.boundsCheck(valueOffset, valueLength);
            if (valueLength <= RawMemory.SHORT_COPY_LIMIT) {
                RawMemory.copyShort(value.byteArray(), value.addressOffset() + valueOffset, base, at, valueLength);
            } else {
                RawMemory.copy(value.byteArray(), value.addressOffset() + valueOffset, base, at, valueLength);
            }
            at += valueLength;
        }
        if (headers == null) {
            RawMemory.putByte(base, at++, (byte) 0);
            return at;
        }
        return writeHeaders(base, at, headers);
    }

    /** Writes the body length in the {@code lengthSize} bytes left for it at the record's start. */
    private static void putLength(byte[] base, long address, int lengthSize, int bodySize) {
        final int zigZag = bodySize << 1;
        if (lengthSize == 2) {
            RawMemory.putTwoByteVarint(base, address, zigZag);
        } else if (lengthSize == 1) {
            RawMemory.putByte(base, address, (byte) zigZag);
        } else {
            RawMemory.putUnsignedVarint(base, address, zigZag);
        }
    }

    private static long writeHeaders(byte[] base, long address, RecordHeaders headers) {
        long at = address + RawMemory.putUnsignedVarint(base, address, zigZag(headers.count()));
        final int headersLength = headers.encodedLength();
        if (headersLength > 0) {
            final DirectBuffer encoded = headers.buffer();
            RawMemory.copy(encoded.byteArray(), encoded.addressOffset(), base, at, headersLength);
            at += headersLength;
        }
        return at;
    }

    private static int zigZag(int value) {
        return (value << 1) ^ (value >> 31);
    }

    private static int keyValueHeadersSize(int keyLength, int valueLength, RecordHeaders headers) {
        return Varint.sizeOfVarint(keyLength) + Varint.sizeOfVarint(valueLength)
            + payloadSize(keyLength, valueLength, headers);
    }

    /** Key and value bytes plus the encoded headers with their count. */
    private static int payloadSize(int keyLength, int valueLength, RecordHeaders headers) {
        if (keyLength < RecordBatchLayout.NULL_LENGTH || valueLength < RecordBatchLayout.NULL_LENGTH) {
            throw invalidLengths(keyLength, valueLength);
        }
        final int headersSize = headers == null ? 1 : Varint.sizeOfVarint(headers.count()) + headers.encodedLength();
        // In long arithmetic: two lengths near 2 GiB must not wrap to a small size that passes a bounds check.
        final long payload = (long) Math.max(keyLength, 0) + Math.max(valueLength, 0) + headersSize;
        if (payload > MAX_PAYLOAD) {
            throw tooLarge(payload);
        }
        return (int) payload;
    }

    // Exceptions are built out of line so the hot methods stay small enough to inline.
    private static IllegalArgumentException invalidLengths(int keyLength, int valueLength) {
        return new IllegalArgumentException(
            "keyLength and valueLength must be >= -1, were " + keyLength + " and " + valueLength);
    }

    private static IllegalArgumentException tooLarge(long payload) {
        return new IllegalArgumentException("Record of " + payload + " key, value and header bytes is too large");
    }
}
