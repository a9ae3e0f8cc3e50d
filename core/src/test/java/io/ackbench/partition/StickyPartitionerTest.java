package io.ackbench.partition;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StickyPartitionerTest {
    private static final int PARTITIONS = 12;

    @Test
    void staysOnOnePartitionWhileNoNewBatchIsOpened() {
        final StickyPartitioner partitioner = new StickyPartitioner(1L);
        final int sticky = partitioner.partition(null, 0, -1, PARTITIONS);

        for (int i = 0; i < 10_000; i++) {
            assertThat(partitioner.partition(null, 0, -1, PARTITIONS)).isEqualTo(sticky);
            partitioner.onAppend(sticky, 100, false);
        }
    }

    @Test
    void switchesToADifferentPartitionWhenANewBatchIsOpened() {
        final StickyPartitioner partitioner = new StickyPartitioner(2L);
        int sticky = partitioner.partition(null, 0, -1, PARTITIONS);
        partitioner.onAppend(sticky, 161, true); // first append after the pick: Kafka's retry, no switch

        for (int switches = 0; switches < 1000; switches++) {
            partitioner.onAppend(sticky, 100, false);
            assertThat(partitioner.partition(null, 0, -1, PARTITIONS)).isEqualTo(sticky);

            partitioner.onAppend(sticky, 161, true);
            final int next = partitioner.partition(null, 0, -1, PARTITIONS);
            assertThat(next).isNotEqualTo(sticky).isBetween(0, PARTITIONS - 1);

            partitioner.onAppend(next, 161, true); // opens the first batch on the new partition: no switch
            assertThat(partitioner.partition(null, 0, -1, PARTITIONS)).isEqualTo(next);
            sticky = next;
        }
    }

    @Test
    void alternatesBetweenTwoPartitions() {
        final StickyPartitioner partitioner = new StickyPartitioner(3L);
        int sticky = partitioner.partition(null, 0, -1, 2);

        for (int i = 0; i < 100; i++) {
            partitioner.onAppend(sticky, 161, true);
            partitioner.onAppend(sticky, 161, true);
            final int next = partitioner.partition(null, 0, -1, 2);
            assertThat(next).isEqualTo(1 - sticky);
            sticky = next;
        }
    }

    @Test
    void ignoresAppendsToOtherPartitions() {
        final StickyPartitioner partitioner = new StickyPartitioner(4L);
        final int sticky = partitioner.partition(null, 0, -1, PARTITIONS);
        final int other = (sticky + 1) % PARTITIONS;
        partitioner.onAppend(sticky, 161, true);

        partitioner.onAppend(other, 161, true);
        partitioner.onAppend(other, 161, true);

        assertThat(partitioner.partition(null, 0, -1, PARTITIONS)).isEqualTo(sticky);
    }

    @Test
    void staysOnTheOnlyPartition() {
        final StickyPartitioner partitioner = new StickyPartitioner(5L);

        for (int i = 0; i < 10; i++) {
            assertThat(partitioner.partition(null, 0, -1, 1)).isZero();
            partitioner.onAppend(0, 161, true);
        }
    }

    @Test
    void repeatsItsPicksForTheSameSeed() {
        assertThat(picks(new StickyPartitioner(6L))).containsExactly(picks(new StickyPartitioner(6L)));
    }

    private static int[] picks(final StickyPartitioner partitioner) {
        final int[] picks = new int[50];
        for (int i = 0; i < picks.length; i++) {
            picks[i] = partitioner.partition(null, 0, -1, 100);
            partitioner.onAppend(picks[i], 161, true);
            partitioner.onAppend(picks[i], 161, true);
        }
        return picks;
    }
}
