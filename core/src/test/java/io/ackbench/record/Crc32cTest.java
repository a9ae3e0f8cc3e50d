package io.ackbench.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32C;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class Crc32cTest {
    private static final byte[] CHECK_INPUT = "123456789".getBytes(StandardCharsets.US_ASCII);
    private static final int CHECK_VALUE = 0xE3069283;

    private final Crc32c crc = new Crc32c();

    @Test
    void byteArrayPathGivesTheCheckValue() {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[20]);
        buffer.putBytes(5, CHECK_INPUT);
        assertThat(crc.compute(buffer, 5, CHECK_INPUT.length)).isEqualTo(CHECK_VALUE);
    }

    @Test
    void directByteBufferPathGivesTheCheckValue() {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(20));
        buffer.putBytes(3, CHECK_INPUT);
        assertThat(crc.compute(buffer, 3, CHECK_INPUT.length)).isEqualTo(CHECK_VALUE);
    }

    @Test
    void rawAddressPathGivesTheCheckValue() {
        final ByteBuffer memory = ByteBuffer.allocateDirect(32);
        final UnsafeBuffer buffer = new UnsafeBuffer(new UnsafeBuffer(memory).addressOffset(), 32);
        assertThat(buffer.byteArray()).isNull();
        assertThat(buffer.byteBuffer()).isNull();
        buffer.putBytes(7, CHECK_INPUT);
        assertThat(crc.compute(buffer, 7, CHECK_INPUT.length)).isEqualTo(CHECK_VALUE);
        assertThat(Crc32c.computeBySlicing(buffer, 7, CHECK_INPUT.length)).isEqualTo(CHECK_VALUE);
        // The raw-address view does not keep the ByteBuffer, and so its memory, alive.
        Reference.reachabilityFence(memory);
    }

    @Test
    void slicingPathGivesTheCheckValueOnEveryKindOfBuffer() {
        final UnsafeBuffer onHeap = new UnsafeBuffer(CHECK_INPUT);
        assertThat(Crc32c.computeBySlicing(onHeap, 0, CHECK_INPUT.length)).isEqualTo(CHECK_VALUE);
    }

    @Test
    void emptyRangeIsZero() {
        assertThat(crc.compute(new UnsafeBuffer(new byte[4]), 2, 0)).isZero();
        assertThat(Crc32c.computeBySlicing(new UnsafeBuffer(new byte[4]), 2, 0)).isZero();
    }

    @Test
    void everyPathMatchesTheJdkOnRandomBuffers() {
        final Random random = new Random(42);
        final ByteBuffer direct = ByteBuffer.allocateDirect(70_000);
        final UnsafeBuffer directBuffer = new UnsafeBuffer(direct);
        // A buffer over a slice of a larger ByteBuffer, so the wrap adjustment is not zero.
        final UnsafeBuffer slicedDirect = new UnsafeBuffer(direct, 13, 60_000);
        final UnsafeBuffer rawAddress = new UnsafeBuffer(directBuffer.addressOffset(), 70_000);
        final byte[] array = new byte[70_000];
        final UnsafeBuffer offsetArray = new UnsafeBuffer(array, 11, 60_000);
        final CRC32C jdk = new CRC32C();
        for (int i = 0; i < 2_000; i++) {
            final int length = i < 200 ? i : random.nextInt(i % 10 == 0 ? 60_000 : 300);
            final int offset = random.nextInt(60_000 - length);
            final byte[] data = new byte[length];
            random.nextBytes(data);
            jdk.reset();
            jdk.update(data);
            final int expected = (int) jdk.getValue();

            directBuffer.putBytes(offset + 13, data);
            System.arraycopy(data, 0, array, offset + 11, length);
            assertThat(crc.compute(directBuffer, offset + 13, length)).isEqualTo(expected);
            assertThat(crc.compute(slicedDirect, offset, length)).isEqualTo(expected);
            assertThat(crc.compute(rawAddress, offset + 13, length)).isEqualTo(expected);
            assertThat(crc.compute(offsetArray, offset, length)).isEqualTo(expected);
            assertThat(Crc32c.computeBySlicing(offsetArray, offset, length)).isEqualTo(expected);
        }
        Reference.reachabilityFence(direct);
    }

    @Test
    void everyLengthUpTo3000MatchesTheJdkOnEveryPath() {
        // Crosses the lengths where the intrinsic paths split their input in two calls.
        final byte[] data = new byte[3100];
        new Random(3).nextBytes(data);
        final ByteBuffer direct = ByteBuffer.allocateDirect(data.length);
        final UnsafeBuffer directBuffer = new UnsafeBuffer(direct);
        directBuffer.putBytes(0, data);
        final UnsafeBuffer arrayBuffer = new UnsafeBuffer(data);
        final UnsafeBuffer rawAddress = new UnsafeBuffer(directBuffer.addressOffset(), data.length);
        final CRC32C jdk = new CRC32C();
        for (int length = 0; length <= 3000; length++) {
            final int offset = length % 61;
            jdk.reset();
            jdk.update(data, offset, length);
            final int expected = (int) jdk.getValue();
            assertThat(crc.compute(directBuffer, offset, length)).as("direct, length %d", length).isEqualTo(expected);
            assertThat(crc.compute(arrayBuffer, offset, length)).as("array, length %d", length).isEqualTo(expected);
            assertThat(crc.compute(rawAddress, offset, length)).as("raw, length %d", length).isEqualTo(expected);
        }
        Reference.reachabilityFence(direct);
    }

    @Test
    void leavesTheWrappedByteBuffersPositionAndLimitAlone() {
        final ByteBuffer direct = ByteBuffer.allocateDirect(64);
        direct.position(5).limit(9);
        final UnsafeBuffer buffer = new UnsafeBuffer(direct);
        buffer.putBytes(20, CHECK_INPUT);
        assertThat(crc.compute(buffer, 20, CHECK_INPUT.length)).isEqualTo(CHECK_VALUE);
        assertThat(direct.position()).isEqualTo(5);
        assertThat(direct.limit()).isEqualTo(9);
    }

    @Test
    void ownedViewPathGivesTheCheckValueAndReusesTheView() {
        final ByteBuffer memory = ByteBuffer.allocateDirect(64);
        final ByteBuffer view = memory.duplicate();
        new UnsafeBuffer(memory).putBytes(7, CHECK_INPUT);
        assertThat(crc.compute(view, 7, CHECK_INPUT.length)).isEqualTo(CHECK_VALUE);
        assertThat(crc.compute(view, 7, CHECK_INPUT.length)).isEqualTo(CHECK_VALUE);
        assertThat(crc.compute(view, 8, 0)).isZero();
        assertThat(memory.position()).isZero();
        assertThat(memory.limit()).isEqualTo(64);
    }
}
