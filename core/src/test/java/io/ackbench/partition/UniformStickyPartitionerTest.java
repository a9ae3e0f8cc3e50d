package io.ackbench.partition;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UniformStickyPartitionerTest {
    /** Large enough that a random re-pick of the same partition is practically impossible for these seeds. */
    private static final int PARTITIONS = 1_000_000;

    private static UniformStickyPartitioner withBatchSize(final long seed, final int batchSize) {
        final UniformStickyPartitioner partitioner = new UniformStickyPartitioner(seed);
        partitioner.configure(Map.of("batch.size", Integer.toString(batchSize)));
        return partitioner;
    }

    @Test
    void switchesWhenTheBytesProducedReachTwiceBatchSizeWithoutANewBatch() {
        final UniformStickyPartitioner partitioner = withBatchSize(1L, 1000);
        final int sticky = partitioner.partition(null, 0, -1, PARTITIONS);

        for (int i = 0; i < 19; i++) {
            partitioner.onAppend(sticky, 100, false); // up to 1900 bytes: stay
            assertThat(partitioner.partition(null, 0, -1, PARTITIONS)).isEqualTo(sticky);
        }
        partitioner.onAppend(sticky, 100, false); // 2000 bytes = 2 * batch.size

        assertThat(partitioner.partition(null, 0, -1, PARTITIONS)).isNotEqualTo(sticky);
    }

    @Test
    void switchesOnANewBatchOnceBatchSizeBytesWereProduced() {
        final UniformStickyPartitioner partitioner = withBatchSize(2L, 1000);
        final int sticky = partitioner.partition(null, 0, -1, PARTITIONS);

        partitioner.onAppend(sticky, 161, true);   // the partition's first batch
        for (int i = 0; i < 8; i++) {
            partitioner.onAppend(sticky, 100, false);
        }
        partitioner.onAppend(sticky, 39, false);    // exactly 1000 bytes produced
        assertThat(partitioner.partition(null, 0, -1, PARTITIONS)).isEqualTo(sticky);

        partitioner.onAppend(sticky, 161, true);   // a new batch after batch.size bytes

        assertThat(partitioner.partition(null, 0, -1, PARTITIONS)).isNotEqualTo(sticky);
    }

    @Test
    void staysOnANewBatchBeforeBatchSizeBytesWereProduced() {
        final UniformStickyPartitioner partitioner = withBatchSize(3L, 1000);
        final int sticky = partitioner.partition(null, 0, -1, PARTITIONS);

        partitioner.onAppend(sticky, 999, true);
        partitioner.onAppend(sticky, 161, true); // 999 < 1000 before this append: stay

        assertThat(partitioner.partition(null, 0, -1, PARTITIONS)).isEqualTo(sticky);
    }

    @Test
    void ignoresAppendsToOtherPartitions() {
        final UniformStickyPartitioner partitioner = withBatchSize(5L, 1000);
        final int sticky = partitioner.partition(null, 0, -1, PARTITIONS);

        partitioner.onAppend(sticky + 1, 5000, false);
        partitioner.onAppend(sticky + 1, 161, true);

        assertThat(partitioner.partition(null, 0, -1, PARTITIONS)).isEqualTo(sticky);
    }

    @Test
    void treatsBatchSizeZeroAsOneLikeKafka() {
        final UniformStickyPartitioner partitioner = withBatchSize(6L, 0);

        assertThat(partitioner.stickyBatchSize()).isEqualTo(1);
        final int sticky = partitioner.partition(null, 0, -1, PARTITIONS);
        partitioner.onAppend(sticky, 2, false); // 2 >= 2 * 1
        assertThat(partitioner.partition(null, 0, -1, PARTITIONS)).isNotEqualTo(sticky);
    }

    @Test
    void defaultsToKafkasBatchSize() {
        final UniformStickyPartitioner partitioner = new UniformStickyPartitioner(7L);
        partitioner.configure(Map.of());

        assertThat(partitioner.stickyBatchSize()).isEqualTo(16384);
    }

    @Test
    void rejectsABadBatchSizeNamingTheConfig() {
        assertThatThrownBy(() -> withBatchSize(8L, -1))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Invalid value '-1' for configuration batch.size: expected a whole number in [0, 2147483647]");

        final UniformStickyPartitioner partitioner = new UniformStickyPartitioner(9L);
        assertThatThrownBy(() -> partitioner.configure(Map.of("batch.size", "16k")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Invalid value '16k' for configuration batch.size: expected a whole number in [0, 2147483647]");
    }

    @Test
    void mayPickTheSamePartitionAgainUnlikeKip480() {
        final UniformStickyPartitioner partitioner = withBatchSize(10L, 1);
        final int[] seen = new int[2];
        int repeats = 0;
        int previous = partitioner.partition(null, 0, -1, 2);
        for (int i = 0; i < 1000; i++) {
            partitioner.onAppend(previous, 2, false); // forces a switch every record
            final int next = partitioner.partition(null, 0, -1, 2);
            repeats += next == previous ? 1 : 0;
            seen[next]++;
            previous = next;
        }

        assertThat(repeats).isBetween(400, 600); // about half of the picks land where they were
        assertThat(seen[0] + seen[1]).isEqualTo(1000);
    }
}
