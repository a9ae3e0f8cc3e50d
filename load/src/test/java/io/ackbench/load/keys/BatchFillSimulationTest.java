package io.ackbench.load.keys;

import io.ackbench.partition.UniformStickyPartitioner;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The batch-fill stand-in drives Kafka's uniform sticky partitioner through batches sized as the accumulator's. */
class BatchFillSimulationTest {
    private static final int DEFAULT_BATCH_SIZE = 16384;
    private static final int RECORD_BYTES = 100;
    /** So many that the partitioner's random re-pick of the same partition is practically impossible. */
    private static final int MANY_PARTITIONS = 1_000_000;

    @Test
    void switchesAfterTwoFullBatchesOfOneHundredByteRecordsAtDefaultBatchSize() {
        // 16384-byte batches hold 163 records of 100 bytes (61 + 163 * 100 = 16361). The first batch ends below
        // batch.size (16361 bytes produced), so opening the second does not switch; opening the third, at
        // 32722 bytes, does. Record 327 is the one that opened it (Kafka would have put it on the next partition).
        final UniformStickyPartitioner partitioner = new UniformStickyPartitioner(4L);
        partitioner.configure(Map.of(UniformStickyPartitioner.BATCH_SIZE, Integer.toString(DEFAULT_BATCH_SIZE)));
        final BatchFillSimulation batches = new BatchFillSimulation(MANY_PARTITIONS, DEFAULT_BATCH_SIZE, RECORD_BYTES);
        final int first = partitioner.partition(null, 0, -1, MANY_PARTITIONS);

        for (int record = 1; record <= 327; record++) {
            assertThat(partitioner.partition(null, 0, -1, MANY_PARTITIONS)).as("record %d", record).isEqualTo(first);
            batches.append(partitioner, first);
        }

        assertThat(partitioner.partition(null, 0, -1, MANY_PARTITIONS)).isNotEqualTo(first);
    }
}
