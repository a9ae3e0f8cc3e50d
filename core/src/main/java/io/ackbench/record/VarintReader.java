package io.ackbench.record;

import org.agrona.DirectBuffer;

/**
 * Allocation-free cursor that decodes zig-zag varints and varlongs from a bounded range of a
 * buffer. Reading past the limit or an over-long encoding throws
 * {@link CorruptRecordBatchException}, so a malformed record can never make it read outside
 * the bytes it was given.
 */
public final class VarintReader {
    private DirectBuffer buffer;
    private int position;
    private int limit;

    /**
     * Points the cursor at {@code [position, limit)} of {@code buffer}.
     *
     * @return this
     */
    public VarintReader wrap(DirectBuffer buffer, int position, int limit) {
        this.buffer = buffer;
        this.position = position;
        this.limit = limit;
        return this;
    }

    /** @return the index of the next byte to read */
    public int position() {
        return position;
    }

    /** Moves the cursor; {@code position} must not exceed the limit given to {@link #wrap}. */
    public VarintReader position(int position) {
        this.position = position;
        return this;
    }

    /** @return the number of bytes between the position and the limit */
    public int remaining() {
        return limit - position;
    }

    /**
     * Reads one zig-zag varint and advances past it.
     *
     * @throws CorruptRecordBatchException if it runs past the limit or has more than 5 bytes
     */
    public int readVarint() {
        final int start = position;
        int raw = 0;
        int shift = 0;
        int i = start;
        while (true) {
            if (i >= limit) {
                throw overrun(start, i);
            }
            final int b = buffer.getByte(i++);
            raw |= (b & Varint.PAYLOAD_MASK) << shift;
            if ((b & Varint.CONTINUATION_BIT) == 0) {
                break;
            }
            if (i - start == Varint.MAX_VARINT_SIZE) {
                throw tooLong(start, i - 1, b, Varint.MAX_VARINT_SIZE);
            }
            shift += 7;
        }
        position = i;
        return (raw >>> 1) ^ -(raw & 1);
    }

    /**
     * Reads one zig-zag varlong and advances past it.
     *
     * @throws CorruptRecordBatchException if it runs past the limit or has more than 10 bytes
     */
    public long readVarlong() {
        final int start = position;
        long raw = 0;
        int shift = 0;
        int i = start;
        while (true) {
            if (i >= limit) {
                throw overrun(start, i);
            }
            final int b = buffer.getByte(i++);
            raw |= (long) (b & Varint.PAYLOAD_MASK) << shift;
            if ((b & Varint.CONTINUATION_BIT) == 0) {
                break;
            }
            if (i - start == Varint.MAX_VARLONG_SIZE) {
                throw tooLong(start, i - 1, b, Varint.MAX_VARLONG_SIZE);
            }
            shift += 7;
        }
        position = i;
        return (raw >>> 1) ^ -(raw & 1);
    }

    private CorruptRecordBatchException overrun(int start, int at) {
        return new CorruptRecordBatchException(CorruptRecordBatchException.Check.VARINT_OVERRUN, at,
            "Varint overrun at byte " + at + ": the varint starting at byte " + start
                + " continues past the limit at byte " + limit);
    }

    private static CorruptRecordBatchException tooLong(int start, int at, int lastByte, int maxBytes) {
        return new CorruptRecordBatchException(CorruptRecordBatchException.Check.VARINT_TOO_LONG, at,
            "Varint too long at byte " + at + ": byte " + maxBytes + " of the varint starting at byte " + start
                + " is 0x" + String.format("%02X", lastByte & 0xFF) + ", expected the continuation bit 0x80 clear");
    }
}
