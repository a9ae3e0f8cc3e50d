package io.ackbench.jmh.peer;

import org.apache.kafka.clients.producer.internals.ProducerBatch;
import org.apache.kafka.clients.producer.internals.RecordAccumulator.RecordAppendResult;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaAccumulatorPeerTest {

    private static final int BATCH_SIZE = 16_384;
    private static final long BUFFER_MEMORY = 32L * 1024 * 1024;
    private static final int PARTITIONS = 6;
    private static final int VALUE_SIZE = 100;

    /**
     * Reads every drained batch the way a broker would and counts each record id (the 8-byte key).
     * Called by one thread at a time: the drain thread, then close() on the test thread after joining it.
     */
    private static final class RecordTally implements KafkaAccumulatorPeer.DrainedBatchObserver {
        final int[] seen;
        long batches;
        long records;
        long recordsInWrongPartition;
        long badValues;

        RecordTally(int ids) {
            seen = new int[ids];
        }

        @Override
        public void onDrained(ProducerBatch batch) {
            batches++;
            int partitionOfBatch = -1;
            for (MutableRecordBatch recordBatch : batch.records().batches()) {
                assertThat(recordBatch.isValid()).as("CRC of a drained batch").isTrue();
                for (Record record : recordBatch) {
                    records++;
                    ByteBuffer key = record.key();
                    int id = (int) key.getLong(key.position());
                    seen[id]++;
                    // Every record of a batch must belong to the batch's one partition.
                    int partition = id % PARTITIONS;
                    if (partitionOfBatch < 0) {
                        partitionOfBatch = partition;
                    } else if (partition != partitionOfBatch) {
                        recordsInWrongPartition++;
                    }
                    if (record.valueSize() != VALUE_SIZE) {
                        badValues++;
                    }
                }
            }
        }
    }

    private static byte[] keyFor(long id) {
        return ByteBuffer.allocate(Long.BYTES).putLong(0, id).array();
    }

    @Test
    void everyRecordAppendedByTwoThreadsIsDrainedExactlyOnceAndEveryBufferReturnsToThePool() throws Exception {
        int threads = 2;
        int recordsPerThread = 100_000;
        int total = threads * recordsPerThread;
        RecordTally tally = new RecordTally(total);
        KafkaAccumulatorPeer peer = new KafkaAccumulatorPeer(BATCH_SIZE, 5, BUFFER_MEMORY, PARTITIONS, tally);
        peer.start();

        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<Throwable> appendFailure = new AtomicReference<>();
        List<Thread> appenders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int firstId = t * recordsPerThread;
            Thread appender = new Thread(() -> {
                byte[] value = new byte[VALUE_SIZE];
                new SplittableRandom(firstId).nextBytes(value);
                try {
                    go.await();
                    for (int id = firstId; id < firstId + recordsPerThread; id++) {
                        peer.append(id % PARTITIONS, keyFor(id), value, System.currentTimeMillis());
                    }
                } catch (Throwable e) {
                    appendFailure.compareAndSet(null, e);
                }
            }, "appender-" + t);
            appender.start();
            appenders.add(appender);
        }
        go.countDown();
        for (Thread appender : appenders) {
            appender.join();
        }
        assertThat(appendFailure.get()).isNull();

        peer.close();

        assertThat(tally.records).isEqualTo(total);
        for (int id = 0; id < total; id++) {
            if (tally.seen[id] != 1) {
                assertThat(tally.seen[id]).as("times record %d was drained", id).isEqualTo(1);
            }
        }
        assertThat(tally.recordsInWrongPartition).isZero();
        assertThat(tally.badValues).isZero();
        assertThat(peer.drainedRecords()).isEqualTo(total);
        assertThat(peer.drainedBatches()).isEqualTo(tally.batches);
        // 116-byte records, 140 to a 16 KiB batch: most batches leave full, so far fewer batches than records.
        assertThat(peer.drainedBatches()).isBetween((long) total * VALUE_SIZE / BATCH_SIZE, (long) total / 50);
        assertThat(peer.expiredBatches()).isZero();
        assertThat(peer.bufferPoolAvailableMemory()).isEqualTo(BUFFER_MEMORY);
    }

    @Test
    void partialBatchWaitsForLingerWhileAFullOneDrainsAtOnce() {
        RecordTally tally = new RecordTally(1_000);
        KafkaAccumulatorPeer peer = new KafkaAccumulatorPeer(BATCH_SIZE, 60_000, BUFFER_MEMORY, PARTITIONS, tally);
        try {
            byte[] value = new byte[VALUE_SIZE];
            peer.append(0, keyFor(0), value, 0L);
            assertThat(peer.drainOnce()).as("one lingering, non-full batch").isZero();

            // Fill partition 0 until a second batch starts: the first is then full, hence ready.
            int id = PARTITIONS;
            RecordAppendResult result;
            do {
                result = peer.append(0, keyFor(id), value, 0L);
                id += PARTITIONS;
            } while (!result.newBatchCreated);
            assertThat(peer.drainOnce()).isEqualTo(1);
            assertThat(peer.drainOnce()).as("the new batch lingers").isZero();
            long recordsInFullBatch = peer.drainedRecords();
            assertThat(recordsInFullBatch).isEqualTo(id / PARTITIONS - 1);
            assertThat(peer.bufferPoolAvailableMemory()).isEqualTo(BUFFER_MEMORY - BATCH_SIZE);

            peer.close(); // flush: the lingering batch is drained too
            assertThat(peer.drainedBatches()).isEqualTo(2);
            assertThat(peer.drainedRecords()).isEqualTo(id / PARTITIONS);
            assertThat(tally.records).isEqualTo(id / PARTITIONS);
            assertThat(peer.bufferPoolAvailableMemory()).isEqualTo(BUFFER_MEMORY);
        } finally {
            peer.close();
        }
    }

    @Test
    void withZeroLingerEveryPartitionWithDataIsDrainedInOnePass() {
        try (KafkaAccumulatorPeer peer = new KafkaAccumulatorPeer(BATCH_SIZE, 0, BUFFER_MEMORY, PARTITIONS)) {
            byte[] value = new byte[VALUE_SIZE];
            for (int id = 0; id < 4; id++) {
                peer.append(id, keyFor(id), value, 0L);
            }
            assertThat(peer.drainOnce()).isEqualTo(4);
            assertThat(peer.drainedRecords()).isEqualTo(4);
            assertThat(peer.bufferPoolAvailableMemory()).isEqualTo(BUFFER_MEMORY);
        }
    }

    @Test
    void drainOnceIsRefusedWhileTheDrainThreadRuns() {
        try (KafkaAccumulatorPeer peer = new KafkaAccumulatorPeer(BATCH_SIZE, 0, BUFFER_MEMORY, PARTITIONS)) {
            peer.start();
            assertThatThrownBy(peer::drainOnce).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void partitionOutsideTheTopicIsRejectedBeforeTheAccumulator() {
        try (KafkaAccumulatorPeer peer = new KafkaAccumulatorPeer(BATCH_SIZE, 0, BUFFER_MEMORY, PARTITIONS)) {
            assertThatThrownBy(() -> peer.append(PARTITIONS, keyFor(0), new byte[1], 0L))
                    .isInstanceOf(KafkaException.class)
                    .hasMessageContaining("Invalid partition");
            assertThat(peer.bufferPoolAvailableMemory()).isEqualTo(BUFFER_MEMORY);
        }
    }

    @Test
    void invalidConfigurationNamesTheKeyAndTheValue() {
        assertThatThrownBy(() -> new KafkaAccumulatorPeer(-1, 0, BUFFER_MEMORY, PARTITIONS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch.size").hasMessageContaining("-1");
        assertThatThrownBy(() -> new KafkaAccumulatorPeer(BATCH_SIZE, 0, BATCH_SIZE - 1, PARTITIONS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("buffer.memory").hasMessageContaining(String.valueOf(BATCH_SIZE - 1));
        assertThatThrownBy(() -> new KafkaAccumulatorPeer(BATCH_SIZE, 0, BUFFER_MEMORY, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partitions");
    }
}
