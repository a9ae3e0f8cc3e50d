package io.ackbench.partition;

import io.ackbench.testing.AllocationMeter;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hot-path rule: after warm-up, choosing partitions allocates nothing.
 */
class ZeroAllocationTest {
    private static final int CALLS = 1_000_000;
    private static final int KEY_COUNT = 64;
    private static final int KEY_LENGTH = 37; // a tail after the 4- and 8-byte blocks
    private static final int PARTITIONS = 12;


    @ParameterizedTest
    @EnumSource(PartitionStrategy.class)
    void choosingPartitionsAllocatesNothingAfterWarmUp(final PartitionStrategy strategy) {
        final Partitioner partitioner = Partitioners.create(strategy.alias(), Map.of("batch.size", "16384"));
        final UnsafeBuffer keys = KeyBuffers.offHeap(KEY_COUNT * KEY_LENGTH + 1);
        final byte[] random = new byte[KEY_COUNT * KEY_LENGTH];
        new SplittableRandom(11L).nextBytes(random);
        keys.putBytes(1, random); // keys start at odd offsets

        long checksum = sendRecords(partitioner, keys); // warm-up: interpreter, C1, C2
        checksum += sendRecords(partitioner, keys);

        final long before = AllocationMeter.currentThreadAllocatedBytes();
        checksum += sendRecords(partitioner, keys);
        final long allocated = AllocationMeter.currentThreadAllocatedBytes() - before;

        assertThat(checksum).isNotNegative();
        assertThat(allocated).as("bytes allocated by %,d calls of %s", CALLS, strategy).isLessThan(1024);
    }

    /** One million records, every fourth without a key, each followed by its append feedback. */
    private static long sendRecords(final Partitioner partitioner, final UnsafeBuffer keys) {
        long checksum = 0;
        for (int i = 0; i < CALLS; i++) {
            final int keyLength = (i & 3) == 3 ? -1 : KEY_LENGTH;
            final int partition =
                partitioner.partition(keys, 1 + (i & (KEY_COUNT - 1)) * KEY_LENGTH, keyLength, PARTITIONS);
            partitioner.onAppend(partition, 100, (i & 127) == 0);
            checksum += partition;
        }
        return checksum;
    }
}
