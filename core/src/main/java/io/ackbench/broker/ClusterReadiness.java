package io.ackbench.broker;

import java.util.concurrent.locks.LockSupport;
import java.util.function.IntPredicate;

/** Waits, when a cluster starts, until every partition has a leader serving it, so the first produce finds one. */
final class ClusterReadiness {
    /** Long enough for a cold JVM to start its threads and exchange the first heartbeats; short enough to fail. */
    static final long TIMEOUT_MS = 30_000;

    private ClusterReadiness() {
    }

    /** @throws IllegalStateException naming a partition still without a leader after {@link #TIMEOUT_MS} */
    static void awaitLeaders(final IntPredicate hasLeader, final int partitions) {
        final long deadline = System.nanoTime() + TIMEOUT_MS * 1_000_000L;
        for (int p = 0; p < partitions; p++) {
            while (!hasLeader.test(p)) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("Partition " + p + " has no leader " + TIMEOUT_MS
                        + " ms after the cluster started: is the controller reachable?");
                }
                LockSupport.parkNanos(1_000_000L); // a start-up wait: no core taken from the brokers
            }
        }
    }
}
