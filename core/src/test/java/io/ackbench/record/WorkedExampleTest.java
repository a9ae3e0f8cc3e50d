package io.ackbench.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.agrona.BitUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/** kafka-semantics.md §1.5: one record, key "k", value "v", timestamp 1700000000000. */
class WorkedExampleTest {
    private static final long TIMESTAMP = 1_700_000_000_000L;
    private static final String NON_IDEMPOTENT_HEX =
        "0000000000000000" + "0000003a" + "ffffffff" + "02" + "e99b8dd8" + "0000" + "00000000"
            + "0000018bcfe56800" + "0000018bcfe56800" + "ffffffffffffffff" + "ffff" + "ffffffff" + "00000001"
            + "10" + "00" + "00" + "00" + "026b" + "0276" + "00";
    private static final String IDEMPOTENT_HEX =
        "0000000000000000" + "0000003a" + "ffffffff" + "02" + "5fc9226a" + "0000" + "00000000"
            + "0000018bcfe56800" + "0000018bcfe56800" + "00000000000003e8" + "0000" + "00000000" + "00000001"
            + "10" + "00" + "00" + "00" + "026b" + "0276" + "00";

    private final UnsafeBuffer key = new UnsafeBuffer("k".getBytes(StandardCharsets.UTF_8));
    private final UnsafeBuffer value = new UnsafeBuffer("v".getBytes(StandardCharsets.UTF_8));
    private final RecordBatchWriter writer = new RecordBatchWriter();

    @Test
    void nonIdempotentBatchIsTheReferenceSeventyBytes() {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(128));
        writer.wrap(buffer, 0, 128);
        assertThat(writer.append(TIMESTAMP, key, 0, 1, value, 0, 1, null)).isTrue();
        assertThat(writer.seal()).isEqualTo(70);
        assertThat(hex(buffer, 0, 70)).isEqualTo(NON_IDEMPOTENT_HEX);
    }

    @Test
    void idempotentBatchHasTheReferenceCrc() {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[100]);
        writer.wrap(buffer, 10, 90).producerState(1000L, (short) 0, 0);
        assertThat(writer.append(TIMESTAMP, key, 0, 1, value, 0, 1, new RecordHeaders(0))).isTrue();
        assertThat(writer.seal()).isEqualTo(70);
        assertThat(hex(buffer, 10, 70)).isEqualTo(IDEMPOTENT_HEX);
        assertThat(buffer.getInt(10 + RecordBatchLayout.CRC_OFFSET, java.nio.ByteOrder.BIG_ENDIAN))
            .isEqualTo(0x5FC9226A);
    }

    @Test
    void rawAddressBufferTakesTheSoftwareCrcAndGivesTheSameBytes() {
        final ByteBuffer memory = ByteBuffer.allocateDirect(128);
        final UnsafeBuffer buffer = new UnsafeBuffer(new UnsafeBuffer(memory).addressOffset(), 128);
        writer.wrap(buffer, 0, 128);
        writer.append(TIMESTAMP, key, 0, 1, value, 0, 1, null);
        assertThat(writer.seal()).isEqualTo(70);
        assertThat(hex(buffer, 0, 70)).isEqualTo(NON_IDEMPOTENT_HEX);
        // The raw-address view does not keep the ByteBuffer, and so its memory, alive.
        Reference.reachabilityFence(memory);
    }

    @Test
    void staticEncoderAndSealerBuildTheSameBatch() {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[70]);
        final int recordSize = RecordEncoder.sizeInBytes(0, 0, 1, 1, null);
        assertThat(recordSize).isEqualTo(9);
        assertThat(RecordEncoder.write(buffer, RecordBatchLayout.RECORDS_OFFSET, 0, 0, key, 0, 1, value, 0, 1, null))
            .isEqualTo(recordSize);
        RecordBatchSealer.seal(buffer, 0, 70, 1, TIMESTAMP, TIMESTAMP, 1000L, (short) 0, 0, new Crc32c());
        assertThat(hex(buffer, 0, 70)).isEqualTo(IDEMPOTENT_HEX);
    }

    @Test
    void readerDecodesTheReferenceBatch() {
        final UnsafeBuffer buffer = new UnsafeBuffer(BitUtil.fromHex(NON_IDEMPOTENT_HEX));
        final RecordBatchReader reader = new RecordBatchReader().wrap(buffer, 0, 70);
        assertThat(reader.sizeInBytes()).isEqualTo(70);
        assertThat(reader.baseOffset()).isZero();
        assertThat(reader.partitionLeaderEpoch()).isEqualTo(-1);
        assertThat(reader.magic()).isEqualTo((byte) 2);
        assertThat(reader.checksum()).isEqualTo(0xE99B8DD8);
        assertThat(reader.attributes()).isZero();
        assertThat(reader.lastOffsetDelta()).isZero();
        assertThat(reader.baseTimestamp()).isEqualTo(TIMESTAMP);
        assertThat(reader.maxTimestamp()).isEqualTo(TIMESTAMP);
        assertThat(reader.producerId()).isEqualTo(-1L);
        assertThat(reader.producerEpoch()).isEqualTo((short) -1);
        assertThat(reader.baseSequence()).isEqualTo(-1);
        assertThat(reader.lastSequence()).isEqualTo(-1);
        assertThat(reader.recordCount()).isEqualTo(1);

        final RecordCursor records = reader.records();
        assertThat(records.next()).isTrue();
        assertThat(records.recordOffset()).isEqualTo(61);
        assertThat(records.recordSize()).isEqualTo(9);
        assertThat(records.offset()).isZero();
        assertThat(records.timestamp()).isEqualTo(TIMESTAMP);
        assertThat(records.keyOffset()).isEqualTo(66);
        assertThat(records.keyLength()).isEqualTo(1);
        assertThat(buffer.getByte(records.keyOffset())).isEqualTo((byte) 'k');
        assertThat(records.valueOffset()).isEqualTo(68);
        assertThat(records.valueLength()).isEqualTo(1);
        assertThat(buffer.getByte(records.valueOffset())).isEqualTo((byte) 'v');
        assertThat(records.headerCount()).isZero();
        assertThat(records.headers().next()).isFalse();
        assertThat(records.next()).isFalse();
    }

    static String hex(UnsafeBuffer buffer, int offset, int length) {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return BitUtil.toHex(bytes);
    }
}
