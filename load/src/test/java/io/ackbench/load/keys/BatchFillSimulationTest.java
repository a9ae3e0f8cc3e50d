package io.ackbench.load.keys;

import io.ackbench.partition.UniformStickyPartitioner;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The batch-fill stand-in drives Kafka's uniform sticky partitioner through batches sized as the accumulator's. */
class BatchFillSimulationTest {
    /** Large enough that a random re-pick of the same partition is practically impossible for these seeds. */
    private static final int PARTITIONS = 1_000_000;

    private static UniformStickyPartitioner withBatchSize(final long seed, final int batchSize) {
        final UniformStickyPartitioner partitioner = new UniformStickyPartitioner(seed);
        partitioner.configure(Map.of("batch.size", Integer.toString(batchSize)));
        return partitioner;
    }

    @Test
    void switchesAfterTwoFullBatchesOfOneHundredByteRecordsAtDefaultBatchSize() {
        // 16384-byte batches hold 163 records of 100 bytes (61 + 163 * 100 = 16361). The first batch ends below
        // batch.size (16361 bytes produced), so opening the second does not switch; opening the third, at
        // 32722 bytes, does. Record 327 is the one that opened it (Kafka would have put it on the next partition).
        final UniformStickyPartitioner partitioner = withBatchSize(4L, 16384);
        final BatchFillSimulation batches = new BatchFillSimulation(PARTITIONS, 16384, 100);
        final int first = partitioner.partition(null, 0, -1, PARTITIONS);

        for (int record = 1; record <= 327; record++) {
            assertThat(partitioner.partition(null, 0, -1, PARTITIONS)).as("record %d", record).isEqualTo(first);
            batches.append(partitioner, first);
        }

        assertThat(partitioner.partition(null, 0, -1, PARTITIONS)).isNotEqualTo(first);
    }
}
