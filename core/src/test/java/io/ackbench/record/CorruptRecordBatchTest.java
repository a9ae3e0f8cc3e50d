package io.ackbench.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteOrder;
import java.util.zip.CRC32C;

import io.ackbench.record.CorruptRecordBatchException.Check;
import org.agrona.BitUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/** Every structural check names itself, the expected and actual values and the absolute byte. */
class CorruptRecordBatchTest {
    /** The batch sits at this index, so positions in messages are visibly absolute. */
    private static final int AT = 100;
    private static final long TIMESTAMP = 1_700_000_000_000L;
    /** The reference's one record: key "k", value "v", no headers. */
    private static final String RECORD_K_V = "10" + "00" + "00" + "00" + "026b" + "0276" + "00";

    private final RecordBatchReader reader = new RecordBatchReader();

    @Test
    void aFlippedByteAnywhereInTheCrcRangeFailsTheCrcCheck() {
        for (int i = RecordBatchLayout.ATTRIBUTES_OFFSET; i < 70; i++) {
            final UnsafeBuffer buffer = batch(RECORD_K_V, 1);
            buffer.putByte(AT + i, (byte) (buffer.getByte(AT + i) ^ 0x01));
            final int computed = jdkCrc(buffer, AT + RecordBatchLayout.ATTRIBUTES_OFFSET, 70 - 21);
            final int index = i;
            assertThatThrownBy(() -> reader.wrap(buffer, AT, 70))
                .as("flipped byte %d", index)
                .isInstanceOfSatisfying(CorruptRecordBatchException.class, e -> {
                    assertThat(e.check()).isEqualTo(Check.CRC);
                    assertThat(e.position()).isEqualTo(AT + 17);
                })
                .hasMessage("CRC mismatch at byte 117 of batch at 100: stored 0xE99B8DD8, computed 0x%08X", computed);
        }
    }

    @Test
    void baseOffsetAndLeaderEpochAreOutsideTheCrcSoALeaderMayRewriteThem() {
        final UnsafeBuffer buffer = batch(RECORD_K_V, 1);
        buffer.putLong(AT + RecordBatchLayout.BASE_OFFSET_OFFSET, 12_345L, ByteOrder.BIG_ENDIAN);
        buffer.putInt(AT + RecordBatchLayout.PARTITION_LEADER_EPOCH_OFFSET, 9, ByteOrder.BIG_ENDIAN);
        reader.wrap(buffer, AT, 70);
        assertThat(reader.baseOffset()).isEqualTo(12_345L);
        assertThat(reader.partitionLeaderEpoch()).isEqualTo(9);
        final RecordCursor records = reader.records();
        assertThat(records.next()).isTrue();
        assertThat(records.offset()).isEqualTo(12_345L);
    }

    @Test
    void wrongMagicIsNamed() {
        final UnsafeBuffer buffer = batch(RECORD_K_V, 1);
        buffer.putByte(AT + RecordBatchLayout.MAGIC_OFFSET, (byte) 1);
        assertCorrupt(buffer, 70, Check.MAGIC, AT + 16,
            "Magic mismatch at byte 116 of batch at 100: expected 2, found 1");
    }

    @Test
    void batchTruncatedInsideTheRecordsFailsTheBatchLengthCheck() {
        assertCorrupt(batch(RECORD_K_V, 1), 69, Check.BATCH_LENGTH, AT + 8,
            "Batch length check failed at byte 108 of batch at 100: expected 49 to 57 (69 bytes available), found 58");
    }

    @Test
    void batchTruncatedInsideTheHeaderFailsTheHeaderSizeCheck() {
        assertCorrupt(batch(RECORD_K_V, 1), 40, Check.HEADER_SIZE, AT + 40,
            "Header size check failed at byte 140 of batch at 100: expected at least 61 bytes, 40 available");
    }

    @Test
    void batchLengthBelowTheHeaderOrBeyondTheBufferIsNamed() {
        final UnsafeBuffer small = batch(RECORD_K_V, 1);
        small.putInt(AT + RecordBatchLayout.BATCH_LENGTH_OFFSET, 20, ByteOrder.BIG_ENDIAN);
        assertCorrupt(small, 70, Check.BATCH_LENGTH, AT + 8,
            "Batch length check failed at byte 108 of batch at 100: expected 49 to 58 (70 bytes available), found 20");

        final UnsafeBuffer negative = batch(RECORD_K_V, 1);
        negative.putInt(AT + RecordBatchLayout.BATCH_LENGTH_OFFSET, -1, ByteOrder.BIG_ENDIAN);
        assertCorrupt(negative, 70, Check.BATCH_LENGTH, AT + 8,
            "Batch length check failed at byte 108 of batch at 100: expected 49 to 58 (70 bytes available), found -1");

        final UnsafeBuffer huge = batch(RECORD_K_V, 1);
        huge.putInt(AT + RecordBatchLayout.BATCH_LENGTH_OFFSET, Integer.MAX_VALUE, ByteOrder.BIG_ENDIAN);
        assertCorrupt(huge, 70, Check.BATCH_LENGTH, AT + 8,
            "Batch length check failed at byte 108 of batch at 100: expected 49 to 58 (70 bytes available),"
                + " found 2147483647");
    }

    @Test
    void negativeRecordCountIsNamed() {
        final UnsafeBuffer buffer = batch(RECORD_K_V, -3);
        assertCorrupt(buffer, 70, Check.RECORD_COUNT, AT + 57,
            "Record count check failed at byte 157 of batch at 100: expected >= 0, found -3");
    }

    @Test
    void fewerRecordsThanDeclaredIsNamed() {
        final RecordCursor records = reader.wrap(batch(RECORD_K_V, 2), AT, 70).records();
        assertThat(records.next()).isTrue();
        assertRecordCorrupt(records, Check.RECORD_COUNT, AT + 70,
            "Record count mismatch at byte 170 of batch at 100: expected 2 records, the batch ends after 1");
    }

    @Test
    void moreBytesThanTheDeclaredRecordsIsNamed() {
        final RecordCursor records = reader.wrap(batch(RECORD_K_V, 0), AT, 70).records();
        assertRecordCorrupt(records, Check.RECORD_COUNT, AT + 61,
            "Record count mismatch at byte 161 of batch at 100: 9 bytes remain after the 0 declared records");
    }

    @Test
    void recordLengthPastTheBatchEndIsNamed() {
        assertFirstRecordCorrupt("7e" + "00" + "00" + "00" + "026b" + "0276" + "00", Check.RECORD_LENGTH, AT + 61,
            "Record length check failed at byte 161 of batch at 100: record 0 expected 1 to 8 bytes, found 63");
        assertFirstRecordCorrupt("00" + "00" + "00" + "00" + "026b" + "0276" + "00", Check.RECORD_LENGTH, AT + 61,
            "Record length check failed at byte 161 of batch at 100: record 0 expected 1 to 8 bytes, found 0");
    }

    @Test
    void keyLengthPastTheRecordEndIsNamed() {
        assertFirstRecordCorrupt("10" + "00" + "00" + "00" + "206b" + "0276" + "00", Check.KEY_LENGTH, AT + 65,
            "Key length check failed at byte 165 of batch at 100: record 0 expected -1 to 4, found 16");
        assertFirstRecordCorrupt("10" + "00" + "00" + "00" + "036b" + "0276" + "00", Check.KEY_LENGTH, AT + 65,
            "Key length check failed at byte 165 of batch at 100: record 0 expected -1 to 4, found -2");
    }

    @Test
    void valueLengthPastTheRecordEndIsNamed() {
        assertFirstRecordCorrupt("10" + "00" + "00" + "00" + "026b" + "0676" + "00", Check.VALUE_LENGTH, AT + 67,
            "Value length check failed at byte 167 of batch at 100: record 0 expected -1 to 2, found 3");
    }

    @Test
    void negativeHeaderCountIsNamed() {
        assertFirstRecordCorrupt("10" + "00" + "00" + "00" + "026b" + "0276" + "01", Check.HEADER_COUNT, AT + 69,
            "Header count check failed at byte 169 of batch at 100: expected >= 0, found -1");
    }

    @Test
    void nullOrOverlongHeaderKeyIsNamed() {
        assertFirstRecordCorrupt("10" + "00" + "00" + "00" + "01" + "01" + "02" + "03" + "00",
            Check.HEADER_KEY_LENGTH, AT + 68,
            "Header key length check failed at byte 168 of batch at 100: record 0 expected 0 to 1, found -2");
    }

    @Test
    void headerValuePastTheRecordEndIsNamed() {
        assertFirstRecordCorrupt("12" + "00" + "00" + "00" + "01" + "01" + "02" + "0261" + "08",
            Check.HEADER_VALUE_LENGTH, AT + 70,
            "Header value length check failed at byte 170 of batch at 100: record 0 expected -1 to 0, found 4");
    }

    @Test
    void varintRunningPastTheRecordIsNamed() {
        assertFirstRecordCorrupt("10" + "00" + "80808080808080", Check.VARINT_OVERRUN, AT + 70,
            "Varint overrun at byte 170: the varint starting at byte 163 continues past the limit at byte 170");
    }

    @Test
    void overlongVarintInARecordIsNamed() {
        assertFirstRecordCorrupt("10" + "00" + "00" + "ffffffffff" + "00", Check.VARINT_TOO_LONG, AT + 68,
            "Varint too long at byte 168: byte 5 of the varint starting at byte 164 is 0xFF,"
                + " expected the continuation bit 0x80 clear");
    }

    @Test
    void fieldsShorterThanTheRecordLengthAreNamed() {
        assertFirstRecordCorrupt("12" + "00" + "00" + "00" + "026b" + "0276" + "00" + "00", Check.RECORD_SIZE, AT + 70,
            "Record size mismatch at byte 170 of batch at 100: record 0 declares 9 bytes, its fields take 8");
    }

    @Test
    void wellFormedHandBuiltRecordReadsBack() {
        final String record = "12" + "00" + "00" + "00" + "01" + "01" + "02" + "0261" + "01";
        final RecordCursor records = reader.wrap(batch(record, 1), AT, 71).records();
        assertThat(records.next()).isTrue();
        assertThat(records.keyLength()).isEqualTo(-1);
        assertThat(records.valueLength()).isEqualTo(-1);
        final HeaderCursor headers = records.headers();
        assertThat(headers.next()).isTrue();
        assertThat(headers.keyOffset()).isEqualTo(AT + 69);
        assertThat(headers.keyLength()).isEqualTo(1);
        assertThat(headers.valueLength()).isEqualTo(-1);
        assertThat(headers.next()).isFalse();
        assertThat(records.next()).isFalse();
    }

    /** A batch at {@link #AT} holding the given record bytes, with a valid header and CRC. */
    private static UnsafeBuffer batch(String recordsHex, int recordCount) {
        final byte[] records = BitUtil.fromHex(recordsHex);
        final int size = RecordBatchLayout.RECORD_BATCH_OVERHEAD + records.length;
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[AT + size + 16]);
        buffer.putBytes(AT + RecordBatchLayout.RECORDS_OFFSET, records);
        RecordBatchSealer.seal(buffer, AT, size, recordCount, TIMESTAMP, TIMESTAMP,
            RecordBatchLayout.NO_PRODUCER_ID, RecordBatchLayout.NO_PRODUCER_EPOCH, RecordBatchLayout.NO_SEQUENCE,
            new Crc32c());
        return buffer;
    }

    private void assertCorrupt(UnsafeBuffer buffer, int available, Check check, int position, String message) {
        assertThatThrownBy(() -> reader.wrap(buffer, AT, available))
            .isInstanceOfSatisfying(CorruptRecordBatchException.class, e -> {
                assertThat(e.check()).isEqualTo(check);
                assertThat(e.position()).isEqualTo(position);
            })
            .hasMessage(message);
    }

    private void assertFirstRecordCorrupt(String recordHex, Check check, int position, String message) {
        final int size = RecordBatchLayout.RECORD_BATCH_OVERHEAD + recordHex.length() / 2;
        final RecordCursor records = reader.wrap(batch(recordHex, 1), AT, size).records();
        assertRecordCorrupt(records, check, position, message);
    }

    private static void assertRecordCorrupt(RecordCursor records, Check check, int position, String message) {
        assertThatThrownBy(records::next)
            .isInstanceOfSatisfying(CorruptRecordBatchException.class, e -> {
                assertThat(e.check()).isEqualTo(check);
                assertThat(e.position()).isEqualTo(position);
            })
            .hasMessage(message);
    }

    private static int jdkCrc(UnsafeBuffer buffer, int offset, int length) {
        final CRC32C crc = new CRC32C();
        crc.update(buffer.byteArray(), offset, length);
        return (int) crc.getValue();
    }
}
