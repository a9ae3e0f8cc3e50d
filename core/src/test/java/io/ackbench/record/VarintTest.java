package io.ackbench.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Random;

import org.agrona.concurrent.UnsafeBuffer;
import org.apache.kafka.common.utils.ByteUtils;
import org.junit.jupiter.api.Test;

class VarintTest {
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[16]);
    private final VarintReader reader = new VarintReader();

    @Test
    void encodesTheReferenceExamplesByteForByte() {
        assertVarint(0, 0x00);
        assertVarint(-1, 0x01);
        assertVarint(1, 0x02);
        assertVarint(-2, 0x03);
        assertVarint(63, 0x7E);
        assertVarint(-64, 0x7F);
        assertVarint(64, 0x80, 0x01);
        assertVarint(300, 0xD8, 0x04);
        assertVarint(Integer.MAX_VALUE, 0xFE, 0xFF, 0xFF, 0xFF, 0x0F);
        assertVarint(Integer.MIN_VALUE, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F);
    }

    @Test
    void varlongRoundTripsAtEveryByteBoundary() {
        for (int bits = 0; bits <= 63; bits++) {
            final long power = 1L << bits;
            for (long value : new long[] {power - 1, power, -power, -power - 1, power + 1}) {
                final int size = Varint.putVarlong(buffer, 0, value);
                assertThat(size).as("size of %d", value).isEqualTo(Varint.sizeOfVarlong(value))
                    .isEqualTo(ByteUtils.sizeOfVarlong(value));
                assertThat(bytes(size)).as("bytes of %d", value).isEqualTo(kafkaVarlong(value));
                reader.wrap(buffer, 0, size);
                assertThat(reader.readVarlong()).isEqualTo(value);
                assertThat(reader.position()).isEqualTo(size);
            }
        }
        assertThat(Varint.sizeOfVarlong(Long.MAX_VALUE)).isEqualTo(10);
        assertThat(Varint.sizeOfVarlong(Long.MIN_VALUE)).isEqualTo(10);
        assertThat(Varint.sizeOfVarlong(0)).isEqualTo(1);
    }

    @Test
    void varintRoundTripsAtEveryByteBoundaryAndMatchesKafka() {
        for (int bits = 0; bits <= 31; bits++) {
            final int power = 1 << bits;
            for (int value : new int[] {power - 1, power, -power, -power - 1, power + 1}) {
                final int size = Varint.putVarint(buffer, 0, value);
                assertThat(size).isEqualTo(Varint.sizeOfVarint(value)).isEqualTo(ByteUtils.sizeOfVarint(value));
                assertThat(bytes(size)).isEqualTo(kafkaVarint(value));
                reader.wrap(buffer, 0, size);
                assertThat(reader.readVarint()).isEqualTo(value);
            }
        }
    }

    @Test
    void randomValuesMatchKafkaEncoding() {
        final Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            final int intValue = random.nextInt() >> random.nextInt(32);
            final long longValue = random.nextLong() >> random.nextInt(64);
            assertThat(bytes(Varint.putVarint(buffer, 0, intValue))).isEqualTo(kafkaVarint(intValue));
            assertThat(bytes(Varint.putVarlong(buffer, 0, longValue))).isEqualTo(kafkaVarlong(longValue));
        }
    }

    @Test
    void rejectsAFifthVarintByteWithTheContinuationBit() {
        buffer.putBytes(0, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0x8F, 0x01});
        reader.wrap(buffer, 0, 6);
        assertThatThrownBy(reader::readVarint)
            .isInstanceOfSatisfying(CorruptRecordBatchException.class, e -> {
                assertThat(e.check()).isEqualTo(CorruptRecordBatchException.Check.VARINT_TOO_LONG);
                assertThat(e.position()).isEqualTo(4);
            })
            .hasMessage("Varint too long at byte 4: byte 5 of the varint starting at byte 0 is 0x8F,"
                + " expected the continuation bit 0x80 clear");
    }

    @Test
    void rejectsATenthVarlongByteWithTheContinuationBit() {
        for (int i = 0; i < 10; i++) {
            buffer.putByte(2 + i, (byte) 0x80);
        }
        buffer.putByte(12, (byte) 0x01);
        reader.wrap(buffer, 2, 13);
        assertThatThrownBy(reader::readVarlong)
            .isInstanceOfSatisfying(CorruptRecordBatchException.class, e -> {
                assertThat(e.check()).isEqualTo(CorruptRecordBatchException.Check.VARINT_TOO_LONG);
                assertThat(e.position()).isEqualTo(11);
            });
    }

    @Test
    void acceptsTheLongestLegalEncodings() {
        buffer.putBytes(0, new byte[] {(byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F});
        assertThat(reader.wrap(buffer, 0, 5).readVarint()).isEqualTo(Integer.MAX_VALUE);
        Varint.putVarlong(buffer, 0, Long.MIN_VALUE);
        assertThat(reader.wrap(buffer, 0, 10).readVarlong()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void rejectsAVarintRunningPastTheLimit() {
        buffer.putBytes(0, new byte[] {(byte) 0xD8, 0x04});
        reader.wrap(buffer, 0, 1);
        assertThatThrownBy(reader::readVarint)
            .isInstanceOfSatisfying(CorruptRecordBatchException.class, e -> {
                assertThat(e.check()).isEqualTo(CorruptRecordBatchException.Check.VARINT_OVERRUN);
                assertThat(e.position()).isEqualTo(1);
            })
            .hasMessage("Varint overrun at byte 1: the varint starting at byte 0 continues past the limit at byte 1");
        assertThat(reader.position()).isZero();
    }

    private void assertVarint(int value, int... expected) {
        final int size = Varint.putVarint(buffer, 0, value);
        final byte[] expectedBytes = new byte[expected.length];
        for (int i = 0; i < expected.length; i++) {
            expectedBytes[i] = (byte) expected[i];
        }
        assertThat(bytes(size)).as("varint %d", value).isEqualTo(expectedBytes);
        assertThat(Varint.sizeOfVarint(value)).isEqualTo(expected.length);
        reader.wrap(buffer, 0, size);
        assertThat(reader.readVarint()).isEqualTo(value);
        assertThat(reader.position()).isEqualTo(size);
    }

    private byte[] bytes(int length) {
        final byte[] out = new byte[length];
        buffer.getBytes(0, out);
        return out;
    }

    private static byte[] kafkaVarint(int value) {
        final ByteBuffer out = ByteBuffer.allocate(5);
        ByteUtils.writeVarint(value, out);
        return java.util.Arrays.copyOf(out.array(), out.position());
    }

    private static byte[] kafkaVarlong(long value) {
        final ByteBuffer out = ByteBuffer.allocate(10);
        ByteUtils.writeVarlong(value, out);
        return java.util.Arrays.copyOf(out.array(), out.position());
    }
}
