package io.ackbench.record;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

import org.agrona.DirectBuffer;

/**
 * CRC-32C (Castagnoli: reflected polynomial 0x82F63B78, initial value and final XOR 0xFFFFFFFF),
 * the checksum of a RecordBatch v2.
 *
 * <p>Buffers backed by a {@code byte[]} or a direct {@link ByteBuffer} go through
 * {@link CRC32C}, which the JIT replaces with the CPU's CRC32 instructions. A buffer that wraps
 * a raw address has no object the JDK class accepts, so it takes a slicing-by-8 table path.
 *
 * <p>Not thread-safe: keep one instance per thread. Allocation-free after construction, except
 * that the first call for a new direct {@link ByteBuffer} takes one reusable view of it.
 */
public final class Crc32c {
    private static final int REFLECTED_POLYNOMIAL = 0x82F63B78;
    private static final int SLICES = 8;
    /** {@code TABLE[k * 256 + b]}: CRC contribution of byte value b followed by k zero bytes. */
    private static final int[] TABLE = buildTable();

    private static final int STUB_BLOCK = 256;
    private static final int SPLIT_FROM = 3 * STUB_BLOCK;

    private final CRC32C intrinsic = new CRC32C();
    private ByteBuffer viewSource;
    private ByteBuffer view;

    /** Creates a calculator; keep it for the thread's lifetime. */
    public Crc32c() {
    }

    /**
     * @param buffer holds the bytes
     * @param offset index of the first byte
     * @param length number of bytes
     * @return the CRC-32C of {@code buffer[offset, offset + length)} as an int (the uint32 bit pattern)
     */
    public int compute(DirectBuffer buffer, int offset, int length) {
        buffer.boundsCheck(offset, length);
        final byte[] array = buffer.byteArray();
        if (array != null) {
            final int start = buffer.wrapAdjustment() + offset;
            final int head = intrinsicHead(length);
            intrinsic.reset();
            intrinsic.update(array, start, head);
            if (head < length) {
                intrinsic.update(array, start + head, length - head);
            }
            return (int) intrinsic.getValue();
        }
        final ByteBuffer byteBuffer = buffer.byteBuffer();
        if (byteBuffer != null && byteBuffer.isDirect()) {
            return computeDirect(viewOf(byteBuffer), buffer.wrapAdjustment() + offset, length);
        }
        return computeBySlicing(buffer, offset, length);
    }

    /**
     * The intrinsic path over a direct buffer's view that the caller owns and keeps, for callers that checksum
     * many different buffers: {@link #compute(DirectBuffer, int, int)} would take a new view of each.
     * Moves the view's position and limit.
     *
     * @param ownedView a view of the memory, e.g. {@code byteBuffer.duplicate()}, used by this thread only
     * @param offset    index of the first byte
     * @param length    number of bytes
     * @return the CRC-32C of {@code ownedView[offset, offset + length)}
     */
    public int compute(ByteBuffer ownedView, int offset, int length) {
        return computeDirect(ownedView, offset, length);
    }

    private int computeDirect(ByteBuffer window, int start, int length) {
        final int head = intrinsicHead(length);
        intrinsic.reset();
        window.limit(start + head);
        window.position(start);
        intrinsic.update(window);
        if (head < length) {
            window.limit(start + length);
            intrinsic.update(window);
        }
        return (int) intrinsic.getValue();
    }

    /**
     * The table-driven path, for any buffer. {@link #compute} uses it only for raw addresses;
     * it is public so both paths can be checked against each other.
     */
    public static int computeBySlicing(DirectBuffer buffer, int offset, int length) {
        buffer.boundsCheck(offset, length);
        final int[] table = TABLE;
        int crc = 0xFFFFFFFF;
        int i = offset;
        final int end = offset + length;
        // The CRC is reflected, so the lowest-addressed byte is the least significant: read little-endian.
        for (final int wordsEnd = end - (SLICES - 1); i < wordsEnd; i += SLICES) {
            final long word = buffer.getLong(i, ByteOrder.LITTLE_ENDIAN) ^ (crc & 0xFFFF_FFFFL);
            crc = table[7 * 256 + (int) (word & 0xFF)]
                ^ table[6 * 256 + (int) ((word >>> 8) & 0xFF)]
                ^ table[5 * 256 + (int) ((word >>> 16) & 0xFF)]
                ^ table[4 * 256 + (int) ((word >>> 24) & 0xFF)]
                ^ table[3 * 256 + (int) ((word >>> 32) & 0xFF)]
                ^ table[2 * 256 + (int) ((word >>> 40) & 0xFF)]
                ^ table[256 + (int) ((word >>> 48) & 0xFF)]
                ^ table[(int) (word >>> 56)];
        }
        for (; i < end; i++) {
            crc = table[(crc ^ buffer.getByte(i)) & 0xFF] ^ (crc >>> 8);
        }
        return ~crc;
    }

    /**
     * How much of {@code length} bytes to pass to the intrinsic in its first call. The x86 stub
     * (JDK 17 and 25) runs whole 256-byte blocks three streams at a time but the rest of a call
     * one stream at a time, about 2.5 times slower per byte, while a short call on its own takes a
     * quicker path. So from 768 bytes on, the remainder below a 256-byte multiple goes in a second
     * call: 1,244 bytes (a 10-record batch) take 38 ns instead of 48. Below 768 bytes one call is
     * as fast or faster.
     */
    private static int intrinsicHead(int length) {
        return length >= SPLIT_FROM ? length & ~(STUB_BLOCK - 1) : length;
    }

    private ByteBuffer viewOf(ByteBuffer source) {
        // A private duplicate, so moving its position and limit never disturbs the owner's buffer.
        if (source != viewSource) {
            viewSource = source;
            view = source.duplicate();
        }
        return view;
    }

    private static int[] buildTable() {
        final int[] table = new int[SLICES * 256];
        for (int b = 0; b < 256; b++) {
            int crc = b;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ REFLECTED_POLYNOMIAL : crc >>> 1;
            }
            table[b] = crc;
        }
        for (int slice = 1; slice < SLICES; slice++) {
            for (int b = 0; b < 256; b++) {
                final int previous = table[(slice - 1) * 256 + b];
                table[slice * 256 + b] = (previous >>> 8) ^ table[previous & 0xFF];
            }
        }
        return table;
    }
}
