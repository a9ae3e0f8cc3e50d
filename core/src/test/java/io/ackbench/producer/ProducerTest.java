package io.ackbench.producer;

import io.ackbench.testing.AllocationMeter;
import io.ackbench.config.ConfigException;
import io.ackbench.partition.example.TenantPrefixPartitioner;
import io.ackbench.record.RecordBatchLayout;
import org.agrona.concurrent.UnsafeBuffer;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProducerTest {
    private static final int PARTITIONS = 12;

    private final UnsafeBuffer value = new UnsafeBuffer(ByteBuffer.allocateDirect(2048));

    @Test
    void keyedRecordsGoWhereKafkasMurmur2SendsThem() {
        final Producer producer = new Producer(Map.of("linger.ms", "0"), PARTITIONS);
        final SplittableRandom random = new SplittableRandom(7);
        final UnsafeBuffer key = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
        for (int i = 0; i < 10_000; i++) {
            final byte[] keyBytes = new byte[random.nextInt(1, 64)];
            random.nextBytes(keyBytes);
            key.putBytes(0, keyBytes);
            final int partition = producer.send(key, 0, keyBytes.length, value, 0, 10, null, 1L);
            assertThat(partition).isEqualTo(Utils.toPositive(Utils.murmur2(keyBytes)) % PARTITIONS);
        }
    }

    @Test
    void sentRecordsArriveInTheDrainedBatchWithTheirKeyValueAndTimestamp() {
        final Producer producer = new Producer(Map.of("linger.ms", "0"), PARTITIONS);
        final UnsafeBuffer key = new UnsafeBuffer("order-17".getBytes(StandardCharsets.UTF_8));
        value.putStringWithoutLengthAscii(0, "payload");
        final int partition = producer.send(key, 0, key.capacity(), value, 0, 7, null, 1_700_000_000_123L);

        final List<ProducerBatch> drained = new ArrayList<>();
        producer.accumulator().drain(System.nanoTime(), drained::add);
        assertThat(drained).hasSize(1);
        final ProducerBatch batch = drained.get(0);
        assertThat(batch.partition()).isEqualTo(partition);
        final ByteBuffer bytes = ByteBuffer.allocate(batch.sizeInBytes());
        batch.buffer().getBytes(0, bytes, batch.sizeInBytes());
        bytes.flip();
        final Record record = MemoryRecords.readableRecords(bytes).records().iterator().next();
        assertThat(StandardCharsets.UTF_8.decode(record.key()).toString()).isEqualTo("order-17");
        assertThat(StandardCharsets.UTF_8.decode(record.value()).toString()).isEqualTo("payload");
        assertThat(record.timestamp()).isEqualTo(1_700_000_000_123L);
    }

    @Test
    void recordAboveMaxRequestSizeIsRefusedBeforeAppendNamingTheSetting() {
        final Producer producer = new Producer(Map.of("max.request.size", "1000"), PARTITIONS);
        assertThatThrownBy(() -> producer.send(null, 0, -1, value, 0, 1000, null, RecordBatchLayout.NO_TIMESTAMP))
            .isInstanceOf(RecordTooLargeException.class)
            .hasMessageContaining("max.request.size=1000")
            .hasMessageContaining("1086 bytes"); // 61 + 21 + null key 1 + value length 2 + 1000 + header count 1
        assertThat(producer.accumulator().availableMemory()).isEqualTo(producer.accumulator().totalMemory());
    }

    @Test
    void partitionerClassPlugsInACustomPartitioner() {
        final Producer producer = new Producer(
            Map.of("partitioner.class", TenantPrefixPartitioner.class.getName()), PARTITIONS);
        final UnsafeBuffer first = new UnsafeBuffer("acme:1".getBytes(StandardCharsets.UTF_8));
        final UnsafeBuffer second = new UnsafeBuffer("acme:2".getBytes(StandardCharsets.UTF_8));
        assertThat(producer.send(first, 0, 6, value, 0, 1, null, 1L))
            .isEqualTo(producer.send(second, 0, 6, value, 0, 1, null, 1L));
    }

    @Test
    void unknownPartitionerClassIsAClearConfigError() {
        assertThatThrownBy(() -> new Producer(Map.of("partitioner.class", "com.example.Nope"), PARTITIONS))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("partitioner.class")
            .hasMessageContaining("com.example.Nope");
        assertThatThrownBy(() -> new Producer(Map.of("batch.size", "-5"), PARTITIONS))
            .isInstanceOf(ConfigException.class).hasMessageContaining("batch.size");
    }

    @Test
    void ignoringKeysSpreadsKeyedRecordsStickily() {
        final Producer producer = new Producer(Map.of("partitioner.ignore.keys", "true"), PARTITIONS);
        final UnsafeBuffer key = new UnsafeBuffer(new byte[8]);
        final int first = producer.send(key, 0, 8, value, 0, 100, null, 1L);
        key.putLong(0, 12345);
        // uniform sticky stays on one partition until about batch.size bytes went to it
        assertThat(producer.send(key, 0, 8, value, 0, 100, null, 1L)).isEqualTo(first);
    }

    @Test
    void sendingAndDrainingAMillionKeyedRecordsAllocatesNothing() {
        final Producer producer = new Producer(Map.of("linger.ms", "0", "buffer.memory", "4194304"), PARTITIONS);
        final UnsafeBuffer key = new UnsafeBuffer(ByteBuffer.allocateDirect(16));
        final ReadyBatchHandler release = producer.accumulator()::release;
        sendAndDrain(producer, key, release, 200_000);
        final long before = AllocationMeter.currentThreadAllocatedBytes();
        sendAndDrain(producer, key, release, 1_000_000);
        assertThat(AllocationMeter.currentThreadAllocatedBytes() - before)
            .as("bytes allocated by 1,000,000 sends and their drains").isLessThan(1024);
    }

    private void sendAndDrain(final Producer producer, final UnsafeBuffer key, final ReadyBatchHandler handler,
                              final int records) {
        for (int i = 0; i < records; i++) {
            key.putLong(0, i);
            key.putLong(8, ~i);
            producer.send(key, 0, 16, value, 0, 100, null, RecordBatchLayout.NO_TIMESTAMP);
            if ((i & 255) == 0) {
                producer.accumulator().drain(System.nanoTime(), handler);
            }
        }
    }
}
