package io.ackbench.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteOrder;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class RecordBatchWriterTest {
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
    private final UnsafeBuffer value = new UnsafeBuffer(new byte[200]);
    private final RecordBatchWriter writer = new RecordBatchWriter();
    private final RecordBatchReader reader = new RecordBatchReader();

    @Test
    void appendThatDoesNotFitReturnsFalseAndLeavesTheBatchUnchanged() {
        // Record: length varint 2 + attributes 1 + timestamp delta 1 + offset delta 1 + null key 1
        // + value length 2 + value 100 + header count 1 = 109 bytes; with the header, 170.
        final int recordSize = RecordEncoder.sizeInBytes(0, 0, -1, 100, null);
        assertThat(recordSize).isEqualTo(109);
        writer.wrap(buffer, 0, 170);
        assertThat(writer.append(10L, null, 0, -1, value, 0, 100, null)).isTrue();
        assertThat(writer.remaining()).isZero();
        assertThat(writer.append(11L, null, 0, -1, value, 0, 0, null)).isFalse();
        assertThat(writer.recordCount()).isEqualTo(1);
        assertThat(writer.sizeInBytes()).isEqualTo(170);
        assertThat(writer.seal()).isEqualTo(170);
        reader.wrap(buffer, 0, 170);
        assertThat(reader.recordCount()).isEqualTo(1);
        assertThat(reader.maxTimestamp()).isEqualTo(10L);
    }

    @Test
    void firstRecordThatDoesNotFitIsRefused() {
        writer.wrap(buffer, 0, 169);
        assertThat(writer.append(10L, null, 0, -1, value, 0, 100, null)).isFalse();
        assertThat(writer.recordCount()).isZero();
        assertThat(writer.sizeInBytes()).isEqualTo(61);
    }

    @Test
    void baseTimestampIsTheFirstRecordsAndMaxTimestampTheLargest() {
        writer.wrap(buffer, 0, 1024);
        writer.append(1_000L, null, 0, -1, value, 0, 1, null);
        writer.append(5_000L, null, 0, -1, value, 0, 1, null);
        writer.append(400L, null, 0, -1, value, 0, 1, null);
        final int size = writer.seal();
        reader.wrap(buffer, 0, size);
        assertThat(reader.baseTimestamp()).isEqualTo(1_000L);
        assertThat(reader.maxTimestamp()).isEqualTo(5_000L);
        assertThat(reader.lastOffsetDelta()).isEqualTo(2);
        final RecordCursor records = reader.records();
        assertThat(records.next()).isTrue();
        assertThat(records.timestampDelta()).isZero();
        assertThat(records.next()).isTrue();
        assertThat(records.timestampDelta()).isEqualTo(4_000L);
        assertThat(records.next()).isTrue();
        assertThat(records.timestampDelta()).isEqualTo(-600L);
        assertThat(records.timestamp()).isEqualTo(400L);
        assertThat(records.offsetDelta()).isEqualTo(2);
    }

    @Test
    void wrapStartsAFreshBatchWithoutProducerState() {
        writer.wrap(buffer, 0, 1024).producerState(5L, (short) 1, 9);
        writer.append(1L, null, 0, -1, value, 0, 1, null);
        writer.seal();
        writer.wrap(buffer, 200, 500);
        assertThat(writer.recordCount()).isZero();
        assertThat(writer.sizeInBytes()).isEqualTo(61);
        assertThat(writer.batchOffset()).isEqualTo(200);
        writer.append(7L, null, 0, -1, value, 0, 1, null);
        final int size = writer.seal();
        reader.wrap(buffer, 200, size);
        assertThat(reader.producerId()).isEqualTo(-1L);
        assertThat(reader.producerEpoch()).isEqualTo((short) -1);
        assertThat(reader.baseSequence()).isEqualTo(-1);
        assertThat(reader.baseTimestamp()).isEqualTo(7L);
    }

    @Test
    void sealingAgainAfterMoreAppendsCoversTheNewRecords() {
        writer.wrap(buffer, 0, 1024);
        writer.append(1L, null, 0, -1, value, 0, 3, null);
        final int first = writer.seal();
        writer.append(2L, null, 0, -1, value, 0, 3, null);
        final int second = writer.seal();
        assertThat(second).isGreaterThan(first);
        reader.wrap(buffer, 0, second);
        assertThat(reader.recordCount()).isEqualTo(2);
        assertThat(buffer.getInt(RecordBatchLayout.BATCH_LENGTH_OFFSET, ByteOrder.BIG_ENDIAN)).isEqualTo(second - 12);
    }

    @Test
    void sealingAnEmptyBatchIsRefused() {
        writer.wrap(buffer, 0, 100);
        assertThatThrownBy(writer::seal).isInstanceOf(IllegalStateException.class)
            .hasMessage("Cannot seal a batch without records");
    }

    @Test
    void capacityBelowTheHeaderIsRefused() {
        assertThatThrownBy(() -> writer.wrap(buffer, 0, 60)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("capacity must be >= 61 (the batch header), was 60");
        assertThatThrownBy(() -> writer.wrap(buffer, 1000, 61)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void negativeTimestampOtherThanNoTimestampIsRefused() {
        writer.wrap(buffer, 0, 1024);
        assertThatThrownBy(() -> writer.append(-2L, null, 0, -1, value, 0, 1, null))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("Invalid negative timestamp -2");
        assertThat(writer.append(RecordBatchLayout.NO_TIMESTAMP, null, 0, -1, value, 0, 1, null)).isTrue();
    }

    @Test
    void lengthsBelowMinusOneAreRefused() {
        writer.wrap(buffer, 0, 1024);
        assertThatThrownBy(() -> writer.append(1L, null, 0, -2, value, 0, 1, null))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("keyLength and valueLength must be >= -1, were -2 and 1");
        assertThat(writer.recordCount()).isZero();
    }

    @Test
    void keyAndValueAreCopiedFromTheirOffsets() {
        final UnsafeBuffer source = new UnsafeBuffer(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        writer.wrap(buffer, 3, 500);
        writer.append(1L, source, 2, 3, source, 6, 4, null);
        final int size = writer.seal();
        final RecordCursor records = reader.wrap(buffer, 3, size).records();
        assertThat(records.next()).isTrue();
        assertThat(buffer.getByte(records.keyOffset())).isEqualTo((byte) 2);
        assertThat(buffer.getByte(records.keyOffset() + 2)).isEqualTo((byte) 4);
        assertThat(buffer.getByte(records.valueOffset())).isEqualTo((byte) 6);
        assertThat(buffer.getByte(records.valueOffset() + 3)).isEqualTo((byte) 9);
    }

    @Test
    void staticWriteRefusesARecordPastTheBufferEndBeforeWritingAnything() {
        final UnsafeBuffer small = new UnsafeBuffer(new byte[120]);
        final int size = RecordEncoder.sizeInBytes(0, 0, -1, 100, null);
        assertThatThrownBy(() -> RecordEncoder.write(small, 120 - size + 1, 0, 0, null, 0, -1, value, 0, 100, null))
            .isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(small.byteArray()).containsOnly(0);
        assertThat(RecordEncoder.write(small, 120 - size, 0, 0, null, 0, -1, value, 0, 100, null)).isEqualTo(size);
    }

    @Test
    void sealRefusesABatchPastTheBufferEnd() {
        final UnsafeBuffer small = new UnsafeBuffer(new byte[100]);
        assertThatThrownBy(() -> RecordBatchSealer.seal(small, 40, 61, 1, 0L, 0L, -1L, (short) -1, -1, new Crc32c()))
            .isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(small.byteArray()).containsOnly(0);
    }

    @Test
    void keyOrValueRangeOutsideItsBufferIsRefused() {
        final UnsafeBuffer source = new UnsafeBuffer(new byte[10]);
        writer.wrap(buffer, 0, 1024);
        assertThatThrownBy(() -> writer.append(1L, source, 5, 6, value, 0, 1, null))
            .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> writer.append(1L, null, 0, -1, source, 0, 11, null))
            .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
