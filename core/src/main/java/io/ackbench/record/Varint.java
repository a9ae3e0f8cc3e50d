package io.ackbench.record;

import org.agrona.MutableDirectBuffer;

/**
 * Zig-zag varints and varlongs as Kafka (and Protocol Buffers' {@code sint32}/{@code sint64})
 * encode them: the zig-zag map turns small magnitudes of either sign into small unsigned values,
 * which are then written seven bits per byte, least significant group first, with bit 7 set on
 * every byte but the last. An int takes 1 to 5 bytes, a long 1 to 10.
 *
 * <p>Reading is done by {@link VarintReader}.
 */
public final class Varint {
    /** Longest encoding of an int. */
    public static final int MAX_VARINT_SIZE = 5;
    /** Longest encoding of a long. */
    public static final int MAX_VARLONG_SIZE = 10;

    static final int CONTINUATION_BIT = 0x80;
    static final int PAYLOAD_MASK = 0x7F;

    private Varint() {
    }

    /**
     * @param value any int
     * @return the number of bytes {@link #putVarint} writes for {@code value}
     */
    public static int sizeOfVarint(int value) {
        final int zigZag = (value << 1) ^ (value >> 31);
        // ceil(significant bits / 7), with 0 taking one byte: (32 - nlz + 6) / 7.
        return (38 - Integer.numberOfLeadingZeros(zigZag | 1)) / 7;
    }

    /**
     * @param value any long
     * @return the number of bytes {@link #putVarlong} writes for {@code value}
     */
    public static int sizeOfVarlong(long value) {
        final long zigZag = (value << 1) ^ (value >> 63);
        return (70 - Long.numberOfLeadingZeros(zigZag | 1)) / 7;
    }

    /**
     * Writes {@code value} zig-zag encoded.
     *
     * @param buffer destination
     * @param index  first byte to write
     * @param value  any int
     * @return the number of bytes written, 1 to 5
     */
    public static int putVarint(MutableDirectBuffer buffer, int index, int value) {
        int remaining = (value << 1) ^ (value >> 31);
        int i = index;
        while ((remaining & ~PAYLOAD_MASK) != 0) {
            buffer.putByte(i++, (byte) ((remaining & PAYLOAD_MASK) | CONTINUATION_BIT));
            remaining >>>= 7;
        }
        buffer.putByte(i++, (byte) remaining);
        return i - index;
    }

    /**
     * Writes {@code value} zig-zag encoded.
     *
     * @param buffer destination
     * @param index  first byte to write
     * @param value  any long
     * @return the number of bytes written, 1 to 10
     */
    public static int putVarlong(MutableDirectBuffer buffer, int index, long value) {
        long remaining = (value << 1) ^ (value >> 63);
        int i = index;
        while ((remaining & ~(long) PAYLOAD_MASK) != 0) {
            buffer.putByte(i++, (byte) ((remaining & PAYLOAD_MASK) | CONTINUATION_BIT));
            remaining >>>= 7;
        }
        buffer.putByte(i++, (byte) remaining);
        return i - index;
    }
}
