package io.ackbench.record;

import java.nio.ByteOrder;

import org.agrona.UnsafeApi;

/**
 * Stores into memory addressed as Agrona does it, {@code (byte[] or null, address)}, with no
 * bounds checks: callers check the whole range once, then write a record's dozen small fields
 * without a check per byte.
 *
 * <p>The common cases (one- and two-byte varints, short copies) are kept small so the JIT
 * inlines them into the record encoder; longer forms live in separate methods.
 */
final class RawMemory {
    private static final boolean NATIVE_LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    /** Longest copy done with word moves; longer ones call copyMemory. */
    static final int SHORT_COPY_LIMIT = 16;
    private static final int ONE_BYTE_LIMIT = 1 << 7;
    private static final int TWO_BYTE_LIMIT = 1 << 14;

    private RawMemory() {
    }

    static void putByte(byte[] base, long address, byte value) {
        UnsafeApi.putByte(base, address, value);
    }

    static void putIntLittleEndian(byte[] base, long address, int value) {
        UnsafeApi.putInt(base, address, NATIVE_LITTLE_ENDIAN ? value : Integer.reverseBytes(value));
    }

    static void putShortBigEndian(byte[] base, long address, short value) {
        UnsafeApi.putShort(base, address, NATIVE_LITTLE_ENDIAN ? Short.reverseBytes(value) : value);
    }

    static void putIntBigEndian(byte[] base, long address, int value) {
        UnsafeApi.putInt(base, address, NATIVE_LITTLE_ENDIAN ? Integer.reverseBytes(value) : value);
    }

    static void putLongBigEndian(byte[] base, long address, long value) {
        UnsafeApi.putLong(base, address, NATIVE_LITTLE_ENDIAN ? Long.reverseBytes(value) : value);
    }

    /** Writes an already zig-zagged int as an unsigned varint; returns the bytes written. */
    static int putUnsignedVarint(byte[] base, long address, int unsigned) {
        if (Integer.compareUnsigned(unsigned, ONE_BYTE_LIMIT) < 0) {
            UnsafeApi.putByte(base, address, (byte) unsigned);
            return 1;
        }
        if (Integer.compareUnsigned(unsigned, TWO_BYTE_LIMIT) < 0) {
            putTwoByteVarint(base, address, unsigned);
            return 2;
        }
        return putLongUnsignedVarint(base, address, unsigned);
    }

    /** Writes an already zig-zagged long as an unsigned varlong; returns the bytes written. */
    static int putUnsignedVarlong(byte[] base, long address, long unsigned) {
        if (Long.compareUnsigned(unsigned, ONE_BYTE_LIMIT) < 0) {
            UnsafeApi.putByte(base, address, (byte) unsigned);
            return 1;
        }
        if (Long.compareUnsigned(unsigned, TWO_BYTE_LIMIT) < 0) {
            putTwoByteVarint(base, address, (int) unsigned);
            return 2;
        }
        return putLongUnsignedVarlong(base, address, unsigned);
    }

    /** Copies {@code 0 <= length <= SHORT_COPY_LIMIT} bytes with overlapping word moves. */
    static void copyShort(byte[] srcBase, long srcAddress, byte[] dstBase, long dstAddress, int length) {
        if (length >= Long.BYTES) {
            final long head = UnsafeApi.getLong(srcBase, srcAddress);
            final long tail = UnsafeApi.getLong(srcBase, srcAddress + length - Long.BYTES);
            UnsafeApi.putLong(dstBase, dstAddress, head);
            UnsafeApi.putLong(dstBase, dstAddress + length - Long.BYTES, tail);
        } else if (length >= Integer.BYTES) {
            final int head = UnsafeApi.getInt(srcBase, srcAddress);
            final int tail = UnsafeApi.getInt(srcBase, srcAddress + length - Integer.BYTES);
            UnsafeApi.putInt(dstBase, dstAddress, head);
            UnsafeApi.putInt(dstBase, dstAddress + length - Integer.BYTES, tail);
        } else {
            copyBytes(srcBase, srcAddress, dstBase, dstAddress, length);
        }
    }

    /** Copies any number of bytes; short copies are cheaper with {@link #copyShort}. */
    static void copy(byte[] srcBase, long srcAddress, byte[] dstBase, long dstAddress, int length) {
        UnsafeApi.copyMemory(srcBase, srcAddress, dstBase, dstAddress, length);
    }

    private static void copyBytes(byte[] srcBase, long srcAddress, byte[] dstBase, long dstAddress, int length) {
        for (int i = 0; i < length; i++) {
            UnsafeApi.putByte(dstBase, dstAddress + i, UnsafeApi.getByte(srcBase, srcAddress + i));
        }
    }

    /** Writes an unsigned value below 2^14 as a two-byte varint. */
    static void putTwoByteVarint(byte[] base, long address, int unsigned) {
        final short bytes = (short) ((unsigned & Varint.PAYLOAD_MASK) | Varint.CONTINUATION_BIT | (unsigned >>> 7) << 8);
        UnsafeApi.putShort(base, address, NATIVE_LITTLE_ENDIAN ? bytes : Short.reverseBytes(bytes));
    }

    private static int putLongUnsignedVarint(byte[] base, long address, int unsigned) {
        int remaining = unsigned;
        long at = address;
        while ((remaining & ~Varint.PAYLOAD_MASK) != 0) {
            UnsafeApi.putByte(base, at++, (byte) ((remaining & Varint.PAYLOAD_MASK) | Varint.CONTINUATION_BIT));
            remaining >>>= 7;
        }
        UnsafeApi.putByte(base, at++, (byte) remaining);
        return (int) (at - address);
    }

    private static int putLongUnsignedVarlong(byte[] base, long address, long unsigned) {
        long remaining = unsigned;
        long at = address;
        while ((remaining & ~(long) Varint.PAYLOAD_MASK) != 0) {
            UnsafeApi.putByte(base, at++, (byte) ((remaining & Varint.PAYLOAD_MASK) | Varint.CONTINUATION_BIT));
            remaining >>>= 7;
        }
        UnsafeApi.putByte(base, at++, (byte) remaining);
        return (int) (at - address);
    }
}
