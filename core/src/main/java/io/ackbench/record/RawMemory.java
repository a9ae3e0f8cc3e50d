package io.ackbench.record;

import java.nio.ByteOrder;

import org.agrona.UnsafeApi;

/**
 * Stores into memory addressed as Agrona does it, {@code (byte[] or null, address)}, with no
 * bounds checks: callers check the whole range once, then write a record's dozen small fields
 * without a check per byte.
 */
final class RawMemory {
    private static final boolean NATIVE_LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    /** Below this length a copy is done with word loads and stores instead of a call to copyMemory. */
    private static final int SMALL_COPY_LIMIT = 16;

    private RawMemory() {
    }

    static void putByte(byte[] base, long address, byte value) {
        UnsafeApi.putByte(base, address, value);
    }

    /** Writes an already zig-zagged int as an unsigned varint; returns the bytes written. */
    static int putUnsignedVarint(byte[] base, long address, int unsigned) {
        if ((unsigned & ~Varint.PAYLOAD_MASK) == 0) {
            UnsafeApi.putByte(base, address, (byte) unsigned);
            return 1;
        }
        if ((unsigned & ~0x3FFF) == 0) {
            putShortLittleEndian(base, address, (short) ((unsigned & Varint.PAYLOAD_MASK | Varint.CONTINUATION_BIT)
                | (unsigned >>> 7) << 8));
            return 2;
        }
        int remaining = unsigned;
        long at = address;
        while ((remaining & ~Varint.PAYLOAD_MASK) != 0) {
            UnsafeApi.putByte(base, at++, (byte) ((remaining & Varint.PAYLOAD_MASK) | Varint.CONTINUATION_BIT));
            remaining >>>= 7;
        }
        UnsafeApi.putByte(base, at++, (byte) remaining);
        return (int) (at - address);
    }

    /** Writes an already zig-zagged long as an unsigned varlong; returns the bytes written. */
    static int putUnsignedVarlong(byte[] base, long address, long unsigned) {
        if ((unsigned & ~(long) Varint.PAYLOAD_MASK) == 0) {
            UnsafeApi.putByte(base, address, (byte) unsigned);
            return 1;
        }
        long remaining = unsigned;
        long at = address;
        while ((remaining & ~(long) Varint.PAYLOAD_MASK) != 0) {
            UnsafeApi.putByte(base, at++, (byte) ((remaining & Varint.PAYLOAD_MASK) | Varint.CONTINUATION_BIT));
            remaining >>>= 7;
        }
        UnsafeApi.putByte(base, at++, (byte) remaining);
        return (int) (at - address);
    }

    /** Copies {@code length >= 0} bytes; short copies use overlapping word moves, longer ones copyMemory. */
    static void copy(byte[] srcBase, long srcAddress, byte[] dstBase, long dstAddress, int length) {
        if (length > SMALL_COPY_LIMIT) {
            UnsafeApi.copyMemory(srcBase, srcAddress, dstBase, dstAddress, length);
        } else if (length >= Long.BYTES) {
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
            for (int i = 0; i < length; i++) {
                UnsafeApi.putByte(dstBase, dstAddress + i, UnsafeApi.getByte(srcBase, srcAddress + i));
            }
        }
    }

    private static void putShortLittleEndian(byte[] base, long address, short value) {
        UnsafeApi.putShort(base, address, NATIVE_LITTLE_ENDIAN ? value : Short.reverseBytes(value));
    }
}
