package io.ackbench.partition;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Test keys in Agrona buffers: off heap ({@code UnsafeBuffer} over a direct {@code ByteBuffer}) and on heap
 * ({@code UnsafeBuffer} over a {@code byte[]}), at chosen (also unaligned) offsets.
 */
final class KeyBuffers {
    private KeyBuffers() {
    }

    static UnsafeBuffer offHeap(final int capacity) {
        return new UnsafeBuffer(ByteBuffer.allocateDirect(capacity));
    }

    static UnsafeBuffer onHeap(final int capacity) {
        return new UnsafeBuffer(new byte[capacity]);
    }

    /** Copies {@code key} into {@code buffer} at {@code offset} and returns the buffer. */
    static MutableDirectBuffer place(final MutableDirectBuffer buffer, final int offset, final byte[] key) {
        buffer.putBytes(offset, key);
        return buffer;
    }

    /** An off-heap buffer holding {@code key} at offset 3 (deliberately unaligned). */
    static UnsafeBuffer unalignedOffHeap(final byte[] key) {
        final UnsafeBuffer buffer = offHeap(key.length + 8);
        buffer.putBytes(UNALIGNED_OFFSET, key);
        return buffer;
    }

    static final int UNALIGNED_OFFSET = 3;

    static byte[] ascii(final String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] bytes(final int... values) {
        final byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte)values[i];
        }
        return bytes;
    }
}
