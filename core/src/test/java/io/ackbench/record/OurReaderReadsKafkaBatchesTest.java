package io.ackbench.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.DefaultRecordBatch;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.api.Test;

/** RecordBatchReader must read what kafka-clients' MemoryRecordsBuilder writes. */
class OurReaderReadsKafkaBatchesTest {
    private static final int SEGMENTS = 150;
    private static final int BATCHES_PER_SEGMENT = 8;

    private final RecordBatchReader reader = new RecordBatchReader();

    @Test
    void readsSegmentsOfRandomKafkaBatchesWithTheValuesKafkaWrote() {
        final Random random = new Random(424242L);
        final ByteBuffer directMemory = ByteBuffer.allocateDirect(8 * 1024 * 1024);
        final ByteBuffer segment = ByteBuffer.allocate(8 * 1024 * 1024);
        int batchIndex = 0;
        for (int s = 0; s < SEGMENTS; s++) {
            final List<BatchSpec> specs = new ArrayList<>();
            final List<Long> baseOffsets = new ArrayList<>();
            final List<Integer> epochs = new ArrayList<>();
            segment.clear();
            final int start = random.nextInt(8);
            segment.position(start);
            long nextOffset = random.nextInt(1_000_000);
            for (int b = 0; b < BATCHES_PER_SEGMENT; b++) {
                final BatchSpec spec = BatchSpec.random(random, batchIndex++);
                final int leaderEpoch = random.nextInt(3) == 0 ? RecordBatchLayout.NO_PARTITION_LEADER_EPOCH
                    : random.nextInt(1000);
                final ByteBuffer batch = KafkaInterop.kafkaBatch(spec, nextOffset, leaderEpoch);
                if (segment.remaining() < batch.remaining()) {
                    break;
                }
                specs.add(spec);
                baseOffsets.add(nextOffset);
                epochs.add(leaderEpoch);
                segment.put(batch);
                nextOffset += spec.records().size();
            }
            final int end = segment.position();
            final DirectBuffer buffer;
            switch (s % 3) {
                case 0 -> buffer = new UnsafeBuffer(segment.array());
                case 1 -> {
                    final UnsafeBuffer direct = new UnsafeBuffer(directMemory);
                    direct.putBytes(0, segment.array(), 0, end);
                    buffer = direct;
                }
                default -> {
                    final UnsafeBuffer direct = new UnsafeBuffer(directMemory);
                    direct.putBytes(0, segment.array(), 0, end);
                    buffer = new UnsafeBuffer(direct.addressOffset(), direct.capacity());
                }
            }

            int found = 0;
            for (int at = start; at < end; at = reader.nextBatchOffset()) {
                assertThat(RecordBatchReader.sizeOfBatchAt(buffer, at)).isLessThanOrEqualTo(end - at);
                reader.wrap(buffer, at, end - at);
                assertThat(reader.sizeInBytes()).isEqualTo(RecordBatchReader.sizeOfBatchAt(buffer, at));
                assertReads(specs.get(found), baseOffsets.get(found), epochs.get(found));
                found++;
            }
            assertThat(found).isEqualTo(specs.size());
        }
        // Raw-address views do not keep the ByteBuffer, and so its memory, alive.
        Reference.reachabilityFence(directMemory);
    }

    private void assertReads(BatchSpec spec, long baseOffset, int leaderEpoch) {
        final int count = spec.records().size();
        assertThat(reader.magic()).isEqualTo(RecordBatchLayout.MAGIC_V2);
        assertThat(reader.baseOffset()).isEqualTo(baseOffset);
        assertThat(reader.lastOffsetDelta()).isEqualTo(count - 1);
        assertThat(reader.lastOffset()).isEqualTo(baseOffset + count - 1);
        assertThat(reader.recordCount()).isEqualTo(count);
        assertThat(reader.partitionLeaderEpoch()).isEqualTo(leaderEpoch);
        assertThat(reader.attributes()).isZero();
        assertThat(reader.compressionCodec()).isZero();
        assertThat(reader.isLogAppendTime()).isFalse();
        assertThat(reader.isTransactional()).isFalse();
        assertThat(reader.isControl()).isFalse();
        assertThat(reader.hasDeleteHorizon()).isFalse();
        assertThat(reader.producerId()).isEqualTo(spec.producerId());
        assertThat(reader.producerEpoch()).isEqualTo(spec.producerEpoch());
        assertThat(reader.baseSequence()).isEqualTo(spec.baseSequence());
        assertThat(reader.lastSequence()).isEqualTo(spec.baseSequence() < 0 ? -1
            : DefaultRecordBatch.incrementSequence(spec.baseSequence(), count - 1));
        assertThat(reader.baseTimestamp()).isEqualTo(spec.records().get(0).timestamp());
        assertThat(reader.maxTimestamp())
            .isEqualTo(spec.records().stream().mapToLong(BatchSpec.RecordSpec::timestamp).max().orElseThrow());

        final DirectBuffer buffer = reader.buffer();
        final RecordCursor records = reader.records();
        int i = 0;
        while (records.next()) {
            final BatchSpec.RecordSpec expected = spec.records().get(i);
            assertThat(records.offsetDelta()).isEqualTo(i);
            assertThat(records.offset()).isEqualTo(baseOffset + i);
            assertThat(records.sequence()).isEqualTo(spec.baseSequence() < 0 ? -1
                : DefaultRecordBatch.incrementSequence(spec.baseSequence(), i));
            assertThat(records.timestamp()).isEqualTo(expected.timestamp());
            assertThat(records.timestampDelta()).isEqualTo(expected.timestamp() - spec.records().get(0).timestamp());
            assertThat(bytes(buffer, records.keyOffset(), records.keyLength())).isEqualTo(expected.key());
            assertThat(bytes(buffer, records.valueOffset(), records.valueLength())).isEqualTo(expected.value());
            assertThat(records.headerCount()).isEqualTo(expected.headers().size());
            final HeaderCursor headers = records.headers();
            int h = 0;
            while (headers.next()) {
                final BatchSpec.HeaderSpec header = expected.headers().get(h);
                assertThat(new String(bytes(buffer, headers.keyOffset(), headers.keyLength()), StandardCharsets.UTF_8))
                    .isEqualTo(header.key());
                assertThat(bytes(buffer, headers.valueOffset(), headers.valueLength())).isEqualTo(header.value());
                h++;
            }
            assertThat(h).isEqualTo(expected.headers().size());
            i++;
        }
        assertThat(i).isEqualTo(count);
    }

    @Test
    void logAppendTimeRecordsTakeTheBatchMaxTimestamp() {
        final MemoryRecordsBuilder builder = MemoryRecords.builder(ByteBuffer.allocate(256), RecordBatch.MAGIC_VALUE_V2,
            Compression.NONE, TimestampType.LOG_APPEND_TIME, 100L, 1_800_000_000_000L);
        builder.append(1_700_000_000_000L, "a".getBytes(StandardCharsets.UTF_8), null);
        builder.append(1_700_000_000_500L, null, "b".getBytes(StandardCharsets.UTF_8));
        final ByteBuffer batch = builder.build().buffer();
        reader.wrap(new UnsafeBuffer(batch), 0, batch.remaining());
        assertThat(reader.isLogAppendTime()).isTrue();
        assertThat(reader.attributes()).isEqualTo((short) RecordBatchLayout.TIMESTAMP_TYPE_MASK);
        assertThat(reader.maxTimestamp()).isEqualTo(1_800_000_000_000L);
        final RecordCursor records = reader.records();
        assertThat(records.next()).isTrue();
        assertThat(records.offset()).isEqualTo(100L);
        assertThat(records.timestamp()).isEqualTo(1_800_000_000_000L);
        assertThat(records.keyLength()).isEqualTo(1);
        assertThat(records.valueLength()).isEqualTo(-1);
        assertThat(records.next()).isTrue();
        assertThat(records.offset()).isEqualTo(101L);
        assertThat(records.timestamp()).isEqualTo(1_800_000_000_000L);
        assertThat(records.keyLength()).isEqualTo(-1);
        assertThat(records.next()).isFalse();
    }

    @Test
    void transactionalBatchSetsTheTransactionalBit() {
        final MemoryRecordsBuilder builder = MemoryRecords.builder(ByteBuffer.allocate(256), RecordBatch.MAGIC_VALUE_V2,
            Compression.NONE, TimestampType.CREATE_TIME, 0L, RecordBatch.NO_TIMESTAMP, 77L, (short) 3, 10, true,
            RecordBatch.NO_PARTITION_LEADER_EPOCH);
        builder.append(1L, null, new byte[] {1}, new RecordHeader[] {new RecordHeader("h", new byte[] {9})});
        final ByteBuffer batch = builder.build().buffer();
        reader.wrap(new UnsafeBuffer(batch), 0, batch.remaining());
        assertThat(reader.isTransactional()).isTrue();
        assertThat(reader.attributes()).isEqualTo((short) RecordBatchLayout.TRANSACTIONAL_FLAG_MASK);
        assertThat(reader.producerId()).isEqualTo(77L);
        assertThat(reader.producerEpoch()).isEqualTo((short) 3);
        assertThat(reader.baseSequence()).isEqualTo(10);
        assertThat(reader.lastSequence()).isEqualTo(10);
    }

    private static byte[] bytes(DirectBuffer buffer, int offset, int length) {
        if (length < 0) {
            return null;
        }
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return bytes;
    }
}
