package io.ackbench.broker;

import io.ackbench.config.ConfigException;
import io.ackbench.record.Crc32c;
import io.ackbench.record.RecordBatchLayout;
import io.ackbench.record.RecordBatchReader;
import io.ackbench.record.RecordBatchSealer;
import io.ackbench.record.RecordBatchWriter;
import io.ackbench.record.RecordEncoder;
import io.ackbench.record.RecordHeaders;
import io.ackbench.record.Varint;
import io.ackbench.testing.AllocationMeter;
import io.ackbench.transport.ErrorCode;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The leader's per-record walk (Kafka's LogValidator on an uncompressed v2 batch), through {@link BatchValidator} as the
 * broker calls it, with the wall clock standing at {@link #NOW}. Error codes are written as Kafka's numbers.
 */
class RecordValidatorTest {
    private static final short NONE = 0;
    private static final short CORRUPT_MESSAGE = 2;
    private static final short INVALID_TIMESTAMP = 32;
    private static final short INVALID_RECORD = 87;
    private static final long NOW = 1_700_000_000_000L;
    private static final long HOUR_MS = 3_600_000L;
    private static final long DAY_MS = 86_400_000L;

    private static BatchValidator validator(final String... overrides) {
        return validatorAt(NOW, overrides);
    }

    private static BatchValidator validatorAt(final long nowMs, final String... overrides) {
        final Map<String, String> settings = new HashMap<>();
        for (int i = 0; i < overrides.length; i += 2) {
            settings.put(overrides[i], overrides[i + 1]);
        }
        return new BatchValidator(BrokerConfig.of(settings), () -> nowMs);
    }

    private static short validate(final BatchValidator validator, final Batch batch) {
        return validator.validate(batch.buffer, 0, batch.length);
    }

    @Test
    void defaultsAreKafkasAndTheChecksAreOn() {
        final BrokerConfig defaults = BrokerConfig.defaults();
        assertThat(defaults.validateRecords()).isTrue();
        assertThat(defaults.replicaVerifyCrc()).isTrue();
        assertThat(defaults.messageTimestampBeforeMaxMs()).isEqualTo(Long.MAX_VALUE);
        assertThat(defaults.messageTimestampAfterMaxMs()).isEqualTo(3_600_000L);
        for (final String[] bad : new String[][] {{BrokerConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS, "-1"},
            {BrokerConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS, "-1"}, {BrokerConfig.VALIDATE_RECORDS, "yes"},
            {BrokerConfig.REPLICA_VERIFY_CRC, "1"}}) {
            assertThatThrownBy(() -> BrokerConfig.of(Map.of(bad[0], bad[1])))
                .isInstanceOf(ConfigException.class).hasMessageContaining(bad[0]);
        }
    }

    @Test
    void aProducersBatchWithKeysValuesAndHeadersPassesUnchanged() {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
        final RecordBatchWriter writer = new RecordBatchWriter().wrap(buffer, 0, buffer.capacity());
        final UnsafeBuffer bytes = new UnsafeBuffer("key-value".getBytes(StandardCharsets.UTF_8));
        final RecordHeaders headers = new RecordHeaders(256).add("trace", new byte[] {1, 2, 3}).add("empty", null);
        for (int i = 0; i < 7; i++) {
            assertThat(writer.append(NOW - 1000 + i, bytes, 0, 3, bytes, 4, 5, i % 2 == 0 ? headers : null)).isTrue();
        }
        final Batch batch = new Batch(buffer, writer.seal());
        final byte[] before = batch.copy();

        assertThat(validate(validator(), batch)).isEqualTo(NONE);
        assertThat(batch.copy()).isEqualTo(before);
    }

    @Test
    void aRecordLengthThatLiesIsAnInvalidRecord() {
        for (final int lie : new int[] {1, -1}) {
            final Batch batch = Batch.build().value(0, 0, "a").value(1, 0, "b").value(2, 0, "c").seal(NOW, NOW);
            assertThat(validate(validator(), batch)).isEqualTo(NONE);
            // Each body is under 64 bytes, so its length is the one-byte varint at the record's start.
            final int at = RecordBatchLayout.RECORDS_OFFSET;
            final int bodyLength = batch.buffer.getByte(at) >> 1;
            Varint.putVarint(batch.buffer, at, bodyLength + lie);
            batch.reseal();

            assertThat(validate(validator(), batch)).as("length %+d", lie).isEqualTo(INVALID_RECORD);
        }
    }

    @Test
    void bytesAfterTheLastRecordOrRecordsMissingAreAnInvalidRecord() {
        final Batch trailing = Batch.build().value(0, 0, "a").value(1, 0, "b").raw((byte) 0, (byte) 0).sealAs(2, NOW, NOW);
        assertThat(validate(validator(), trailing)).isEqualTo(INVALID_RECORD);

        final Batch missing = Batch.build().value(0, 0, "a").value(1, 0, "b").sealAs(3, NOW, NOW);
        assertThat(validate(validator(), missing)).isEqualTo(INVALID_RECORD);
    }

    @Test
    void offsetDeltasOutOfOrderAreAnInvalidRecord() {
        final Batch swapped = Batch.build().value(0, 0, "a").value(2, 0, "b").value(1, 0, "c").seal(NOW, NOW);
        assertThat(validate(validator(), swapped)).isEqualTo(INVALID_RECORD);

        final Batch shifted = Batch.build().value(1, 0, "a").value(2, 0, "b").value(3, 0, "c").sealAs(3, NOW, NOW);
        assertThat(validate(validator(), shifted)).isEqualTo(INVALID_RECORD);
    }

    @Test
    void aNullHeaderKeyIsAnInvalidRecord() {
        final Batch named = Batch.build().value(0, 0, "a").headerRecord(1, "k").seal(NOW, NOW);
        assertThat(validate(validator(), named)).isEqualTo(NONE);

        final Batch nullKey = Batch.build().value(0, 0, "a").headerRecord(1, null).seal(NOW, NOW);
        assertThat(validate(validator(), nullKey)).isEqualTo(INVALID_RECORD);
    }

    @Test
    void timestampsUpToAfterMaxMsAheadPassAndOneMillisecondMoreIsInvalid() {
        final Batch edge = Batch.build().value(0, 0, "a").value(1, HOUR_MS, "b").seal(NOW, NOW + HOUR_MS);
        assertThat(validate(validator(), edge)).isEqualTo(NONE);

        final Batch past = Batch.build().value(0, 0, "a").value(1, HOUR_MS + 1, "b").value(2, 0, "c")
            .seal(NOW, NOW + HOUR_MS + 1);
        assertThat(validate(validator(), past)).isEqualTo(INVALID_TIMESTAMP);

        final BatchValidator tight = validator(BrokerConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS, "0");
        assertThat(validate(tight, Batch.build().value(0, 0, "a").seal(NOW, NOW))).isEqualTo(NONE);
        assertThat(validate(tight, Batch.build().value(0, 1, "a").seal(NOW, NOW + 1))).isEqualTo(INVALID_TIMESTAMP);
    }

    @Test
    void timestampsUpToBeforeMaxMsBehindPassAndOneMillisecondMoreIsInvalid() {
        final BatchValidator day = validator(BrokerConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS, Long.toString(DAY_MS));
        final Batch edge = Batch.build().value(0, 0, "a").value(1, DAY_MS, "b").seal(NOW - DAY_MS, NOW);
        assertThat(validate(day, edge)).isEqualTo(NONE);

        final Batch before = Batch.build().value(0, 0, "a").value(1, DAY_MS + 1, "b").seal(NOW - DAY_MS - 1, NOW);
        assertThat(validate(day, before)).isEqualTo(INVALID_TIMESTAMP);

        // Kafka's default before.max.ms is Long.MAX_VALUE: no lower bound, the epoch itself included.
        assertThat(validate(validator(), Batch.build().value(0, 0, "a").seal(0, 0))).isEqualTo(NONE);
    }

    @Test
    void limitsSaturateInsteadOfWrapping() {
        // now + after.max.ms and now - before.max.ms would wrap; both bounds stay at the ends of the long range.
        final BatchValidator lateClock = validatorAt(Long.MAX_VALUE - 1000);
        assertThat(validate(lateClock, Batch.build().value(0, 0, "a").seal(Long.MAX_VALUE, Long.MAX_VALUE)))
            .isEqualTo(NONE);
        final BatchValidator noLimits = validator(BrokerConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS,
            Long.toString(Long.MAX_VALUE));
        assertThat(validate(noLimits, Batch.build().value(0, 0, "a").seal(Long.MAX_VALUE, Long.MAX_VALUE)))
            .isEqualTo(NONE);

        assertThat(RecordValidator.saturatedAdd(10, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(RecordValidator.saturatedAdd(-10, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE - 10);
        assertThat(RecordValidator.saturatedSubtract(-10, Long.MAX_VALUE)).isEqualTo(Long.MIN_VALUE);
        assertThat(RecordValidator.saturatedSubtract(10, Long.MAX_VALUE)).isEqualTo(10 - Long.MAX_VALUE);
        assertThat(RecordValidator.saturatedSubtract(NOW, DAY_MS)).isEqualTo(NOW - DAY_MS);
    }

    @Test
    void aRecordWithoutATimestampIsNotChecked() {
        final BatchValidator tight = validator(BrokerConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS, "0",
            BrokerConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS, "0");
        final Batch untimed = Batch.build().value(0, 0, "a").value(1, 0, "b").seal(-1, -1);
        assertThat(validate(tight, untimed)).isEqualTo(NONE);
    }

    @Test
    void aMalformedRecordAfterABadTimestampMakesTheBatchAnInvalidRecord() {
        // Kafka collects record errors and throws at once on a malformed record: INVALID_RECORD wins.
        final Batch batch = Batch.build().value(0, 2 * HOUR_MS, "a").headerRecord(1, null).seal(NOW, NOW + 2 * HOUR_MS);
        assertThat(validate(validator(), batch)).isEqualTo(INVALID_RECORD);
    }

    @Test
    void aWrongMaxTimestampIsRewrittenWithANewCrcAsKafkaDoes() {
        final Batch batch = Batch.build().value(0, 0, "a").value(1, 10, "b").value(2, 4, "c").seal(NOW, NOW - 5);
        final byte[] before = batch.copy();

        assertThat(validate(validator(), batch)).isEqualTo(NONE);
        assertThat(batch.buffer.getLong(RecordBatchLayout.MAX_TIMESTAMP_OFFSET, ByteOrder.BIG_ENDIAN))
            .isEqualTo(NOW + 10);
        assertThat(new RecordBatchReader().wrap(batch.buffer, 0, batch.length).maxTimestamp()).isEqualTo(NOW + 10);
        assertOnlyChanged(before, batch.copy(), RecordBatchLayout.MAX_TIMESTAMP_OFFSET, Long.BYTES);
        // Validating the fixed batch again changes nothing.
        final byte[] fixed = batch.copy();
        assertThat(validate(validator(), batch)).isEqualTo(NONE);
        assertThat(batch.copy()).isEqualTo(fixed);
    }

    @Test
    void aLogAppendTimeBatchFromAProducerIsTurnedIntoCreateTimeOrRefusedWithoutAMaxTimestamp() {
        final Batch batch = Batch.build().value(0, 0, "a").value(1, 7, "b").seal(NOW, NOW + 3);
        batch.buffer.putShort(RecordBatchLayout.ATTRIBUTES_OFFSET, RecordBatchLayout.TIMESTAMP_TYPE_MASK,
            ByteOrder.BIG_ENDIAN);
        batch.reseal();
        final byte[] before = batch.copy();

        // Kafka reads every record's timestamp as the header's maxTimestamp, then sets CreateTime keeping that value.
        assertThat(validate(validator(), batch)).isEqualTo(NONE);
        assertThat(batch.buffer.getShort(RecordBatchLayout.ATTRIBUTES_OFFSET, ByteOrder.BIG_ENDIAN)).isZero();
        assertThat(new RecordBatchReader().wrap(batch.buffer, 0, batch.length).maxTimestamp()).isEqualTo(NOW + 3);
        assertOnlyChanged(before, batch.copy(), RecordBatchLayout.ATTRIBUTES_OFFSET, Short.BYTES);

        final Batch noMax = Batch.build().value(0, 0, "a").seal(NOW, -1);
        noMax.buffer.putShort(RecordBatchLayout.ATTRIBUTES_OFFSET, RecordBatchLayout.TIMESTAMP_TYPE_MASK,
            ByteOrder.BIG_ENDIAN);
        noMax.reseal();
        assertThat(validate(validator(), noMax)).isEqualTo(INVALID_TIMESTAMP);
    }

    @Test
    void compressedBatchesAreNotWalked() {
        final Batch gzip = Batch.build().value(1, 0, "not gzip").seal(NOW, NOW);
        gzip.buffer.putShort(RecordBatchLayout.ATTRIBUTES_OFFSET, (short) 1, ByteOrder.BIG_ENDIAN);
        gzip.reseal();
        assertThat(validate(validator(), gzip)).isEqualTo(NONE);
    }

    @Test
    void withRecordValidationOffOnlyTheHeaderChecksRun() {
        final BatchValidator headerOnly = validator(BrokerConfig.VALIDATE_RECORDS, "false");
        final Batch lying = Batch.build().value(0, 0, "a").value(1, 0, "b").seal(NOW, NOW);
        Varint.putVarint(lying.buffer, RecordBatchLayout.RECORDS_OFFSET,
            (lying.buffer.getByte(RecordBatchLayout.RECORDS_OFFSET) >> 1) + 1);
        lying.reseal();
        final Batch[] malformed = {
            lying,
            Batch.build().value(0, 0, "a").value(2, 0, "b").value(1, 0, "c").seal(NOW, NOW),
            Batch.build().value(0, 0, "a").headerRecord(1, null).seal(NOW, NOW),
            Batch.build().value(0, 0, "a").seal(NOW + HOUR_MS + 1, NOW + HOUR_MS + 1),
            Batch.build().value(0, 0, "a").value(1, 0, "b").raw((byte) 0).sealAs(2, NOW, NOW),
        };
        for (int i = 0; i < malformed.length; i++) {
            assertThat(validate(validator(), malformed[i])).as("batch %d checked", i).isNotEqualTo(NONE);
            assertThat(validate(headerOnly, malformed[i])).as("batch %d unchecked", i).isEqualTo(NONE);
        }
        final Batch wrongMax = Batch.build().value(0, 0, "a").seal(NOW, NOW - 5);
        final byte[] before = wrongMax.copy();
        assertThat(validate(headerOnly, wrongMax)).isEqualTo(NONE);
        assertThat(wrongMax.copy()).isEqualTo(before);
        // The header checks still run.
        final Batch corrupt = Batch.build().value(0, 0, "a").seal(NOW, NOW);
        corrupt.buffer.putByte(corrupt.length - 1, (byte) 'b');
        assertThat(validate(headerOnly, corrupt)).isEqualTo(CORRUPT_MESSAGE);
    }

    @Test
    void validatingBatchesAllocatesNothing() {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[16 * 1024]);
        final RecordBatchWriter writer = new RecordBatchWriter().wrap(buffer, 0, buffer.capacity());
        final UnsafeBuffer value = new UnsafeBuffer(new byte[100]);
        final RecordHeaders headers = new RecordHeaders(64).add("h", new byte[] {1});
        for (int i = 0; i < 50; i++) {
            assertThat(writer.append(NOW + i, value, 0, 8, value, 0, 100, i % 5 == 0 ? headers : null)).isTrue();
        }
        final int length = writer.seal();
        final BatchValidator validator = validator();
        long failures = validateRepeatedly(validator, buffer, length, 20_000);
        final long before = AllocationMeter.currentThreadAllocatedBytes();
        failures += validateRepeatedly(validator, buffer, length, 20_000);
        final long allocated = AllocationMeter.currentThreadAllocatedBytes() - before;
        assertThat(failures).isZero();
        // The module's guard: under 1 KiB for the JIT's own stray allocations; one object per batch would be 320 KB.
        assertThat(allocated).as("bytes allocated validating 20000 batches of 50 records").isLessThan(1024);
    }

    private static long validateRepeatedly(final BatchValidator validator, final UnsafeBuffer buffer, final int length,
                                           final int times) {
        long failures = 0;
        for (int i = 0; i < times; i++) {
            failures += validator.validate(buffer, 0, length) == ErrorCode.NONE ? 0 : 1;
        }
        return failures;
    }

    /** Every byte equal but those of the field named and the CRC. */
    private static void assertOnlyChanged(final byte[] before, final byte[] after, final int fieldOffset,
                                          final int fieldLength) {
        assertThat(after).hasSameSizeAs(before);
        for (int i = 0; i < before.length; i++) {
            final boolean inField = i >= fieldOffset && i < fieldOffset + fieldLength;
            final boolean inCrc = i >= RecordBatchLayout.CRC_OFFSET && i < RecordBatchLayout.CRC_OFFSET + 4;
            if (!inField && !inCrc) {
                assertThat(after[i]).as("byte %d", i).isEqualTo(before[i]);
            }
        }
    }

    /** A batch assembled record by record, with offset and timestamp deltas as given, sealed as a producer would. */
    private static final class Batch {
        final UnsafeBuffer buffer;
        int length;
        private int records;

        private Batch(final UnsafeBuffer buffer, final int length) {
            this.buffer = buffer;
            this.length = length;
        }

        static Batch build() {
            return new Batch(new UnsafeBuffer(new byte[4096]), RecordBatchLayout.RECORDS_OFFSET);
        }

        Batch value(final int offsetDelta, final long timestampDelta, final String value) {
            final UnsafeBuffer bytes = new UnsafeBuffer(value.getBytes(StandardCharsets.UTF_8));
            length += RecordEncoder.write(buffer, length, offsetDelta, timestampDelta, null, 0, -1,
                bytes, 0, bytes.capacity(), null);
            records++;
            return this;
        }

        /** A record with value "v" and one header whose key is {@code key} (null: length -1) and whose value is null. */
        Batch headerRecord(final int offsetDelta, final String key) {
            final UnsafeBuffer body = new UnsafeBuffer(new byte[64]);
            int at = 0;
            body.putByte(at++, (byte) 0); // attributes
            at += Varint.putVarlong(body, at, 0);
            at += Varint.putVarint(body, at, offsetDelta);
            at += Varint.putVarint(body, at, -1);
            at += Varint.putVarint(body, at, 1);
            body.putByte(at++, (byte) 'v');
            at += Varint.putVarint(body, at, 1);
            if (key == null) {
                at += Varint.putVarint(body, at, -1);
            } else {
                final byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
                at += Varint.putVarint(body, at, keyBytes.length);
                body.putBytes(at, keyBytes);
                at += keyBytes.length;
            }
            at += Varint.putVarint(body, at, -1);
            length += Varint.putVarint(buffer, length, at);
            buffer.putBytes(length, body, 0, at);
            length += at;
            records++;
            return this;
        }

        Batch raw(final byte... bytes) {
            buffer.putBytes(length, bytes);
            length += bytes.length;
            return this;
        }

        Batch seal(final long baseTimestamp, final long maxTimestamp) {
            return sealAs(records, baseTimestamp, maxTimestamp);
        }

        /** Seals declaring {@code recordCount} records (lastOffsetDelta one less), whatever was written. */
        Batch sealAs(final int recordCount, final long baseTimestamp, final long maxTimestamp) {
            RecordBatchSealer.seal(buffer, 0, length, recordCount, baseTimestamp, maxTimestamp,
                RecordBatchLayout.NO_PRODUCER_ID, RecordBatchLayout.NO_PRODUCER_EPOCH, RecordBatchLayout.NO_SEQUENCE,
                new Crc32c());
            return this;
        }

        /** A correct CRC over the bytes as they now are, so that only the record checks can refuse them. */
        void reseal() {
            RecordBatchSealer.writeCrc(buffer, 0, length, new Crc32c());
        }

        byte[] copy() {
            final byte[] bytes = new byte[length];
            buffer.getBytes(0, bytes);
            return bytes;
        }
    }
}
