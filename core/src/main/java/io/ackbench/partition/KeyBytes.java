package io.ackbench.partition;

import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;

import java.nio.ByteOrder;

/**
 * Reads a key's bytes straight from a {@link DirectBuffer}'s memory, for hashes that check the key's range once and
 * then read it word by word.
 *
 * <p>{@code DirectBuffer.getInt(index, LITTLE_ENDIAN)} is the same single load, but checks bounds on every call
 * (unless {@code agrona.disable.bounds.checks} is set), which costs the hash loops a compare and branch per word.
 * Here the caller checks the whole key once with {@link #start}, then addresses it as Agrona itself does:
 * {@code (byteArray, addressOffset + index)}, where the array is {@code null} for off-heap memory.
 */
final class KeyBytes {
    /** The hashes are defined on little-endian words; on a big-endian machine the loaded word is byte-swapped. */
    private static final boolean NATIVE_LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private KeyBytes() {
    }

    /**
     * Checks that {@code [offset, offset + length)} lies inside {@code buffer} and returns the address of its first
     * byte, relative to {@code buffer.byteArray()}.
     *
     * @param buffer holding the key.
     * @param offset of the key.
     * @param length of the key, at least 0.
     * @return {@code buffer.addressOffset() + offset}.
     * @throws IndexOutOfBoundsException if the key is not inside the buffer.
     */
    static long start(final DirectBuffer buffer, final int offset, final int length) {
        buffer.boundsCheck(offset, length);
        return buffer.addressOffset() + offset;
    }

    /**
     * @param array   {@code buffer.byteArray()}, {@code null} off heap.
     * @param address from {@link #start} plus an index inside the checked range, with 4 bytes left.
     * @return the little-endian int at that address.
     */
    static int intLE(final byte[] array, final long address) {
        final int value = UnsafeApi.getInt(array, address);
        return NATIVE_LITTLE_ENDIAN ? value : Integer.reverseBytes(value);
    }

    /**
     * @param array   {@code buffer.byteArray()}, {@code null} off heap.
     * @param address from {@link #start} plus an index inside the checked range.
     * @return the byte at that address as 0..255.
     */
    static int unsignedByte(final byte[] array, final long address) {
        return UnsafeApi.getByte(array, address) & 0xff;
    }
}
