package io.ackbench.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Random;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.junit.jupiter.api.Test;

/** kafka-clients must parse and validate every batch RecordBatchWriter produces, and see what was written. */
class KafkaReadsOurBatchesTest {
    private static final int BATCHES = 2000;
    private static final int BUFFER_CAPACITY = 2 * 1024 * 1024;

    private final ByteBuffer directMemory = ByteBuffer.allocateDirect(BUFFER_CAPACITY);
    private final UnsafeBuffer directBuffer = new UnsafeBuffer(directMemory);
    private final UnsafeBuffer rawAddressBuffer = new UnsafeBuffer(directBuffer.addressOffset(), BUFFER_CAPACITY);
    private final UnsafeBuffer arrayBuffer = new UnsafeBuffer(new byte[BUFFER_CAPACITY]);
    private final RecordBatchWriter writer = new RecordBatchWriter();
    private final RecordHeaders headers = new RecordHeaders(64 * 1024);

    @Test
    void kafkaParsesThousandsOfRandomBatchesWithTheValuesWeWrote() {
        final Random random = new Random(20240601L);
        int nullKeys = 0;
        int nullValues = 0;
        int emptyValues = 0;
        int largeValues = 0;
        int nullHeaderValues = 0;
        int maxHeaders = 0;
        int maxRecords = 0;
        int minRecords = Integer.MAX_VALUE;
        for (int b = 0; b < BATCHES; b++) {
            final BatchSpec spec = BatchSpec.random(random, b);
            final UnsafeBuffer buffer = b % 3 == 0 ? directBuffer : b % 3 == 1 ? rawAddressBuffer : arrayBuffer;
            final int offset = random.nextInt(16);
            final int size = write(spec, buffer, offset, spec.upperBoundSize());

            final byte[] ours = new byte[size];
            buffer.getBytes(offset, ours);
            // Byte for byte what Kafka's own builder makes from the same records.
            assertThat(ours).as("batch %d", b)
                .isEqualTo(KafkaInterop.bytes(KafkaInterop.kafkaBatch(spec, 0L, RecordBatchLayout.NO_PARTITION_LEADER_EPOCH)));

            final ByteBuffer view = b % 3 == 0
                ? directMemory.duplicate().position(offset).limit(offset + size).slice()
                : ByteBuffer.wrap(ours);
            assertKafkaSees(spec, view, size);

            minRecords = Math.min(minRecords, spec.records().size());
            maxRecords = Math.max(maxRecords, spec.records().size());
            for (BatchSpec.RecordSpec record : spec.records()) {
                nullKeys += record.key() == null ? 1 : 0;
                nullValues += record.value() == null ? 1 : 0;
                emptyValues += record.value() != null && record.value().length == 0 ? 1 : 0;
                largeValues += record.value() != null && record.value().length == BatchSpec.LARGE_VALUE ? 1 : 0;
                maxHeaders = Math.max(maxHeaders, record.headers().size());
                nullHeaderValues += record.headers().stream().filter(h -> h.value() == null).count();
            }
        }
        assertThat(nullKeys).isPositive();
        assertThat(nullValues).isPositive();
        assertThat(emptyValues).isPositive();
        assertThat(largeValues).isPositive();
        assertThat(nullHeaderValues).isPositive();
        assertThat(maxHeaders).isEqualTo(10);
        assertThat(minRecords).isEqualTo(1);
        assertThat(maxRecords).isEqualTo(1000);
    }

    private int write(BatchSpec spec, MutableDirectBuffer buffer, int offset, int capacity) {
        writer.wrap(buffer, offset, capacity).producerState(spec.producerId(), spec.producerEpoch(), spec.baseSequence());
        for (BatchSpec.RecordSpec record : spec.records()) {
            BatchSpec.fill(headers, record);
            final UnsafeBuffer key = record.key() == null ? null : new UnsafeBuffer(record.key());
            final UnsafeBuffer value = record.value() == null ? null : new UnsafeBuffer(record.value());
            final int expectedSize = RecordEncoder.sizeInBytes(writer.recordCount(),
                writer.recordCount() == 0 ? 0 : record.timestamp() - spec.records().get(0).timestamp(),
                BatchSpec.length(record.key()), BatchSpec.length(record.value()), headers);
            final int before = writer.sizeInBytes();
            assertThat(writer.append(record.timestamp(), key, 0, BatchSpec.length(record.key()),
                value, 0, BatchSpec.length(record.value()), headers)).isTrue();
            assertThat(writer.sizeInBytes() - before).isEqualTo(expectedSize);
        }
        assertThat(writer.recordCount()).isEqualTo(spec.records().size());
        final int size = writer.seal();
        assertThat(size).isEqualTo(writer.sizeInBytes());
        return size;
    }

    private static void assertKafkaSees(BatchSpec spec, ByteBuffer bytes, int size) {
        final Iterator<MutableRecordBatch> batches = MemoryRecords.readableRecords(bytes).batches().iterator();
        assertThat(batches.hasNext()).isTrue();
        final MutableRecordBatch batch = batches.next();
        assertThat(batches.hasNext()).isFalse();

        batch.ensureValid();
        assertThat(batch.isValid()).isTrue();
        assertThat(batch.magic()).isEqualTo((byte) 2);
        assertThat(batch.sizeInBytes()).isEqualTo(size);
        assertThat(batch.baseOffset()).isZero();
        assertThat(batch.lastOffset()).isEqualTo(spec.records().size() - 1);
        assertThat(batch.countOrNull()).isEqualTo(spec.records().size());
        assertThat(batch.partitionLeaderEpoch()).isEqualTo(-1);
        assertThat(batch.compressionType()).isEqualTo(CompressionType.NONE);
        assertThat(batch.timestampType()).isEqualTo(TimestampType.CREATE_TIME);
        assertThat(batch.isTransactional()).isFalse();
        assertThat(batch.isControlBatch()).isFalse();
        assertThat(batch.producerId()).isEqualTo(spec.producerId());
        assertThat(batch.producerEpoch()).isEqualTo(spec.producerEpoch());
        assertThat(batch.baseSequence()).isEqualTo(spec.baseSequence());
        final long maxTimestamp = spec.records().stream().mapToLong(BatchSpec.RecordSpec::timestamp).max().orElseThrow();
        assertThat(batch.maxTimestamp()).isEqualTo(maxTimestamp);

        int i = 0;
        for (Record record : batch) {
            final BatchSpec.RecordSpec expected = spec.records().get(i);
            assertThat(record.offset()).isEqualTo(i);
            assertThat(record.timestamp()).isEqualTo(expected.timestamp());
            assertThat(record.sequence()).isEqualTo(spec.baseSequence() < 0 ? -1
                : org.apache.kafka.common.record.internal.DefaultRecordBatch.incrementSequence(spec.baseSequence(), i));
            assertThat(record.hasKey()).isEqualTo(expected.key() != null);
            if (expected.key() != null) {
                assertThat(KafkaInterop.bytes(record.key())).isEqualTo(expected.key());
            }
            assertThat(record.hasValue()).isEqualTo(expected.value() != null);
            if (expected.value() != null) {
                assertThat(KafkaInterop.bytes(record.value())).isEqualTo(expected.value());
            }
            final Header[] headers = record.headers();
            assertThat(headers).hasSize(expected.headers().size());
            for (int h = 0; h < headers.length; h++) {
                assertThat(headers[h].key()).isEqualTo(expected.headers().get(h).key());
                assertThat(headers[h].value()).isEqualTo(expected.headers().get(h).value());
            }
            i++;
        }
        assertThat(i).isEqualTo(spec.records().size());
    }

    @Test
    void headerKeysAreUtf8AsKafkaDecodesThem() {
        final RecordHeaders headers = new RecordHeaders(64);
        final byte[] key = "日本".getBytes(StandardCharsets.UTF_8);
        headers.add(new UnsafeBuffer(key), 0, key.length, null, 0, -1);
        assertThat(headers.count()).isEqualTo(1);
        assertThat(headers.encodedLength()).isEqualTo(1 + 6 + 1);
        writer.wrap(arrayBuffer, 0, 256);
        writer.append(5L, null, 0, -1, null, 0, -1, headers);
        final int size = writer.seal();
        final byte[] bytes = new byte[size];
        arrayBuffer.getBytes(0, bytes);
        final Record record = MemoryRecords.readableRecords(ByteBuffer.wrap(bytes)).records().iterator().next();
        assertThat(record.key()).isNull();
        assertThat(record.value()).isNull();
        assertThat(record.headers()).hasSize(1);
        assertThat(record.headers()[0].key()).isEqualTo("日本");
        assertThat(record.headers()[0].value()).isNull();
    }
}
