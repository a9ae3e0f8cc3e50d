package io.ackbench.record;

import org.agrona.DirectBuffer;

/**
 * Reusable cursor over one record's headers, obtained from {@link RecordCursor#headers()}.
 * Offsets are absolute indexes into the batch's buffer.
 */
public final class HeaderCursor {
    private final VarintReader varints = new VarintReader();

    private int remainingHeaders;
    private int keyOffset;
    private int keyLength;
    private int valueOffset;
    private int valueLength;

    HeaderCursor() {
    }

    void reset(DirectBuffer buffer, int headersOffset, int recordEnd, int headerCount) {
        this.varints.wrap(buffer, headersOffset, recordEnd);
        this.remainingHeaders = headerCount;
    }

    /** @return true if moved to another header, false after the last */
    public boolean next() {
        if (remainingHeaders == 0) {
            return false;
        }
        keyLength = varints.readVarint();
        keyOffset = varints.position();
        varints.position(keyOffset + keyLength);
        valueLength = varints.readVarint();
        valueOffset = varints.position();
        varints.position(valueOffset + Math.max(valueLength, 0));
        remainingHeaders--;
        return true;
    }

    /** @return index of the header key's first UTF-8 byte */
    public int keyOffset() {
        return keyOffset;
    }

    /** @return header key length in bytes */
    public int keyLength() {
        return keyLength;
    }

    /** @return index of the header value's first byte */
    public int valueOffset() {
        return valueOffset;
    }

    /** @return header value length in bytes, -1 for a null value */
    public int valueLength() {
        return valueLength;
    }
}
