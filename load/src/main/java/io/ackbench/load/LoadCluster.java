package io.ackbench.load;

import io.ackbench.fault.BrokerFaults;
import io.ackbench.fault.PartitionLeaders;
import io.ackbench.load.machine.ClusterProcesses;
import io.ackbench.load.stages.StageBreakdown;
import io.ackbench.producer.DeliveryListener;

/** A cluster a {@link LoadTarget} started or connected to, hosting the workload's topic. */
public interface LoadCluster extends AutoCloseable {
    /**
     * A producer for one producing thread, configured with the workload's producer settings, that tells
     * {@code listener} how each record ended, passing back the intended send time given to
     * {@link LoadProducer#send}.
     */
    LoadProducer connect(Workload workload, DeliveryListener listener);

    /**
     * Consumer {@code index} of {@code count}: it reads the partitions {@code p} with {@code p % count == index}
     * (manual assignment, no group), from their first offset.
     *
     * @throws UnsupportedOperationException if this cluster has no consumer
     */
    default LoadConsumer consumer(final Workload workload, final int index, final int count,
                                  final ConsumedRecordListener listener) {
        throw new UnsupportedOperationException("This cluster has no consumer");
    }

    /**
     * Makes every producer connected from now on lose {@code fraction} of the Produce responses sent to it, chosen by
     * a generator seeded from {@code seed}: the broker appended and answered, the producer never hears, times out and
     * retries. Returns false, changing nothing, where the cluster's transport cannot drop a response.
     */
    default boolean loseResponses(final double fraction, final long seed) {
        return false;
    }

    /**
     * The brokers as faults strike them (kill, restart, pause, resume), or null when they are not this run's to
     * stop (running brokers it connected to) or cannot be struck one at a time.
     */
    default BrokerFaults faults() {
        return null;
    }

    /** Who leads each partition of the topic now; for timing failovers. None known by default. */
    default PartitionLeaders leaders() {
        return () -> new int[0];
    }

    /**
     * Whether every partition of the topic has a leader and all of its replicas in its ISR, as the cluster's controller
     * last committed: a delivery audit waits for this after its faults before it reads the topic back. Cold path.
     *
     * @throws UnsupportedOperationException if this cluster cannot tell
     */
    default boolean fullyReplicated() {
        throw new UnsupportedOperationException("This cluster cannot tell whether its topic is fully replicated");
    }

    /**
     * Tells the cluster when the measurement starts, before any producer connects: a stage breakdown covers only
     * records intended from then on. Nothing by default.
     */
    default void measureFrom(final long measureStartNanos) {
    }

    /**
     * Where the measured records' latency went, stage by stage, or null where this cluster cannot say. The generator
     * calls it once, after the producers have flushed and before {@link #close()}. Cold path.
     */
    default StageBreakdown stages() {
        return null;
    }

    /**
     * The data directory and the JVMs this cluster started on this host, for the run header and stall attribution:
     * each JVM's command line and its GC and safepoint log. The generator reads the logs after the producers have
     * flushed and before {@link #close()}. Nothing known by default. Cold path.
     */
    default ClusterProcesses processes() {
        return ClusterProcesses.UNKNOWN;
    }

    /** Stops what the target started, without forcing its data to disk; leaves a cluster it connected to running. */
    @Override
    void close();

    /**
     * The partitions consumer {@code index} of {@code count} reads, {@code p % count == index}, in increasing order.
     *
     * @throws IllegalArgumentException unless {@code 0 <= index < count}
     */
    static int[] partitionsOf(final int index, final int count, final int partitions) {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("Consumer " + index + " of " + count + ": need 0 <= index < count");
        }
        final int[] assigned = new int[Math.max(0, (partitions - index + count - 1) / count)];
        for (int p = index, i = 0; p < partitions; p += count, i++) {
            assigned[i] = p;
        }
        return assigned;
    }
}
