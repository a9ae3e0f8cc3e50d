package io.ackbench.consumer;

import io.ackbench.broker.BrokerConfig;
import io.ackbench.broker.InProcessCluster;
import io.ackbench.testing.AllocationMeter;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hot-path rule for the consumer, on the polling thread: once warm, polls that hand over records and polls that
 * find nothing new allocate no byte. The records are read one batch per leader per fetch
 * (max.partition.fetch.bytes=1, KIP-74 still sends the first batch), so they take hundreds of polls, measured in
 * rounds of {@value #POLLS_PER_ROUND}.
 *
 * <p>Why rounds: the in-process network's frame dispatch is shared with the brokers and the producer in this JVM,
 * and the JIT may deoptimize it once in a while as new receivers show up; rematerializing a compiled frame can
 * allocate a few hundred bytes on whichever thread hits it. A flight recording with every allocation traced shows
 * none under {@code Consumer.poll} after warm-up, so a round of exactly 0 bytes is what the poll path costs, and an
 * allocation on the poll path would show in every round.
 */
class ConsumerAllocationTest {
    private static final int RECORDS = 60_000;
    private static final int PARTITIONS = 3;
    private static final int POLLS_PER_ROUND = 100;
    private static final int ROUNDS = 3;

    @TempDir
    Path dataDir;

    private long checksum;
    private int read;

    @Test
    void pollsAllocateNothingOnceWarm() {
        final Map<String, String> brokerSettings = Map.of(BrokerConfig.NUM_PARTITIONS, Integer.toString(PARTITIONS),
            BrokerConfig.REPLICA_FETCH_WAIT_MAX_MS, "20");
        try (InProcessCluster cluster = InProcessCluster.start(brokerSettings, dataDir)) {
            ProducedRecords.produce(cluster, Map.of("acks", "all", "linger.ms", "1", "batch.size", "1024"), 0,
                RECORDS);
            final RecordListener listener = this::onRecord;
            try (Consumer consumer = Consumer.create(Map.of(ConsumerConfig.MAX_PARTITION_FETCH_BYTES, "1",
                ConsumerConfig.FETCH_MAX_WAIT_MS, "20"), cluster.connectClient(), cluster.layout(),
                new int[] {0, 1, 2}, listener)) {
                pollUntilRead(consumer, RECORDS / 4);

                final long[] reading = new long[ROUNDS];
                for (int round = 0; round < ROUNDS; round++) {
                    final long before = AllocationMeter.currentThreadAllocatedBytes();
                    final int readBefore = read;
                    for (int poll = 0; poll < POLLS_PER_ROUND; poll++) {
                        consumer.poll(100);
                    }
                    reading[round] = AllocationMeter.currentThreadAllocatedBytes() - before;
                    assertThat(read - readBefore).as("records read in round %d", round).isPositive();
                }
                assertThat(read).as("records read by the end of the measured rounds").isLessThan(RECORDS);
                assertThat(Arrays.stream(reading).min().getAsLong())
                    .as("bytes allocated by the least of %d rounds of %d polls that read records: %s", ROUNDS,
                        POLLS_PER_ROUND, Arrays.toString(reading))
                    .isZero();

                pollUntilRead(consumer, RECORDS);
                final long[] idle = new long[ROUNDS];
                for (int round = 0; round < ROUNDS; round++) {
                    final long before = AllocationMeter.currentThreadAllocatedBytes();
                    int empty = 0;
                    for (int poll = 0; poll < POLLS_PER_ROUND; poll++) {
                        empty += consumer.poll(1) == 0 ? 1 : 0;
                    }
                    idle[round] = AllocationMeter.currentThreadAllocatedBytes() - before;
                    assertThat(empty).isEqualTo(POLLS_PER_ROUND);
                }
                assertThat(Arrays.stream(idle).min().getAsLong())
                    .as("bytes allocated by the least of %d rounds of %d polls that found nothing: %s", ROUNDS,
                        POLLS_PER_ROUND, Arrays.toString(idle))
                    .isZero();
                System.out.printf("Consumer polls, bytes allocated per round of %d: reading %s, idle %s%n",
                    POLLS_PER_ROUND, Arrays.toString(reading), Arrays.toString(idle));
                assertThat(consumer.atEnd()).isTrue();
                assertThat(consumer.sequenceGaps()).isZero();
            }
        }
        assertThat(read).isEqualTo(RECORDS);
        // Every record number 0 .. RECORDS-1 once: their sum.
        assertThat(checksum).isEqualTo((long) RECORDS * (RECORDS - 1) / 2);
    }

    /** Polls until {@code target} records were read. */
    private void pollUntilRead(final Consumer consumer, final int target) {
        final long deadline = System.nanoTime() + 60_000_000_000L;
        while (read < target) {
            consumer.poll(100);
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Read only " + read + " of " + target + " records");
            }
        }
    }

    private void onRecord(final int partition, final long offset, final long timestamp, final DirectBuffer buffer,
                          final int keyOffset, final int keyLength, final int valueOffset, final int valueLength) {
        checksum += buffer.getLong(valueOffset, ByteOrder.BIG_ENDIAN);
        read++;
    }
}
