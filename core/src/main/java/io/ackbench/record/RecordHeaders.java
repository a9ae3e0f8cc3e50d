package io.ackbench.record;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A reusable list of record headers, kept already encoded the way a record carries them:
 * for each header {@code keyLength varint, key UTF-8 bytes, valueLength varint (-1 = null), value}.
 * The headers-count varint that precedes them in a record is not part of {@link #buffer()}; the
 * encoder writes it from {@link #count()}. Encoding once per list means a record append is one
 * bulk copy, however many headers there are.
 *
 * <p>Not thread-safe. {@link #clear()} and the {@code DirectBuffer} form of {@code add} allocate
 * nothing.
 */
public final class RecordHeaders {
    private final UnsafeBuffer buffer;
    private int count;
    private int encodedLength;

    /**
     * @param capacityBytes room for the encoded headers, taken off heap once
     */
    public RecordHeaders(int capacityBytes) {
        if (capacityBytes < 0) {
            throw new IllegalArgumentException("capacityBytes must be >= 0, was " + capacityBytes);
        }
        buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(capacityBytes));
    }

    /**
     * Removes every header.
     *
     * @return this
     */
    public RecordHeaders clear() {
        count = 0;
        encodedLength = 0;
        return this;
    }

    /**
     * Appends one header.
     *
     * @param key         holds the key's UTF-8 bytes; header keys cannot be null
     * @param keyOffset   index of the key's first byte
     * @param keyLength   key length in bytes, {@code >= 0}
     * @param value       holds the value bytes; may be null when {@code valueLength} is -1
     * @param valueOffset index of the value's first byte
     * @param valueLength value length in bytes, or -1 for a null value
     * @return this
     * @throws IllegalStateException if the encoded header does not fit in the remaining capacity
     */
    public RecordHeaders add(
        DirectBuffer key, int keyOffset, int keyLength, DirectBuffer value, int valueOffset, int valueLength) {
        if (keyLength < 0 || valueLength < RecordBatchLayout.NULL_LENGTH) {
            throw new IllegalArgumentException(
                "keyLength must be >= 0 and valueLength >= -1, were " + keyLength + " and " + valueLength);
        }
        final int valueBytes = Math.max(valueLength, 0);
        final int size = Varint.sizeOfVarint(keyLength) + keyLength + Varint.sizeOfVarint(valueLength) + valueBytes;
        ensureRoom(size);
        int index = encodedLength;
        index += Varint.putVarint(buffer, index, keyLength);
        buffer.putBytes(index, key, keyOffset, keyLength);
        index += keyLength;
        index += Varint.putVarint(buffer, index, valueLength);
        if (valueBytes > 0) {
            buffer.putBytes(index, value, valueOffset, valueBytes);
        }
        encodedLength += size;
        count++;
        return this;
    }

    /**
     * Appends one header; a convenience for setup code, as it encodes the key and so allocates.
     *
     * @param key   header key, not null
     * @param value header value, or null
     * @return this
     * @throws IllegalStateException if the encoded header does not fit in the remaining capacity
     */
    public RecordHeaders add(String key, byte[] value) {
        final byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        final int valueLength = value == null ? RecordBatchLayout.NULL_LENGTH : value.length;
        final int valueBytes = Math.max(valueLength, 0);
        final int size = Varint.sizeOfVarint(keyBytes.length) + keyBytes.length
            + Varint.sizeOfVarint(valueLength) + valueBytes;
        ensureRoom(size);
        int index = encodedLength;
        index += Varint.putVarint(buffer, index, keyBytes.length);
        buffer.putBytes(index, keyBytes);
        index += keyBytes.length;
        index += Varint.putVarint(buffer, index, valueLength);
        if (valueBytes > 0) {
            buffer.putBytes(index, value);
        }
        encodedLength += size;
        count++;
        return this;
    }

    /** @return the number of headers */
    public int count() {
        return count;
    }

    /** @return the encoded headers, at {@code [0, encodedLength())}; without the headers-count varint */
    public DirectBuffer buffer() {
        return buffer;
    }

    /** @return the number of encoded bytes in {@link #buffer()} */
    public int encodedLength() {
        return encodedLength;
    }

    private void ensureRoom(int size) {
        if (size > buffer.capacity() - encodedLength) {
            throw new IllegalStateException("Header of " + size + " encoded bytes does not fit: "
                + encodedLength + " of " + buffer.capacity() + " bytes already used");
        }
    }
}
