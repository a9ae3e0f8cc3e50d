package io.ackbench.load.audit;

import io.ackbench.load.LoadCluster;
import io.ackbench.load.LoadConsumer;
import io.ackbench.load.RecordId;
import io.ackbench.load.Workload;

import java.util.concurrent.TimeUnit;

/**
 * Reads a healed cluster's topic back in full after a cell's load: one consumer over every partition, from the
 * first offset to the high watermark, each record's id added to a {@link DeliveryHistory}. The consumer counts as at
 * the end once every partition's position has reached the high watermark its leader last reported, twice in a row
 * with no record between (a high watermark can still move as the last follower catches up).
 */
final class ReadBack {
    private static final long POLL_WAIT_MS = 100;

    private ReadBack() {
    }

    /**
     * Reads everything into {@code history}. Returns the records read, or -1 if the end was not reached within
     * {@code boundMillis}.
     */
    static long readAll(final LoadCluster cluster, final Workload workload, final DeliveryHistory history,
                        final long boundMillis) {
        final long[] read = new long[1];
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(boundMillis);
        try (LoadConsumer consumer = cluster.consumer(workload, 0, 1,
            (partition, offset, buffer, keyOffset, keyLength, valueOffset, valueLength) -> {
                history.read(partition, offset, RecordId.read(buffer, valueOffset));
                read[0]++;
            })) {
            int quietAtEnd = 0;
            while (System.nanoTime() - deadline < 0) {
                final int polled = consumer.poll(POLL_WAIT_MS);
                quietAtEnd = polled == 0 && consumer.atEnd() ? quietAtEnd + 1 : 0;
                if (quietAtEnd == 2) {
                    return read[0];
                }
            }
            return -1;
        }
    }
}
