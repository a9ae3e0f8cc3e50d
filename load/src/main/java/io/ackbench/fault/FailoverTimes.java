package io.ackbench.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Times each failover a run's faults cause: at each kill or pause ({@link #strike}) it notes which partitions the
 * broker led, then takes, from the acknowledgement callbacks ({@link #onAcknowledged}), the first record of each
 * such partition acknowledged after the fault; the failover time is from the fault to that acknowledgement.
 *
 * <p>Whose acknowledgement it is. A record handed to the producer before the fault might have been answered by the
 * old leader, its answer read only after the kill returned; so only records sent after the fault was in effect
 * count. That skips the successor's answers to retried older records, which it sends in order just before the new
 * ones (usually in the same response): the time is at most one request late. An acknowledgement before the
 * fault's end (restart or SIGCONT) cannot be the faulted broker's; one after it counts as the successor's only if
 * {@link PartitionLeaders} showed another leader for the partition meanwhile, else it is "no successor ack" (the
 * broker came back and led again, as ackbench's brokers do while no controller moves leaders).
 *
 * <p>Threads: {@link #onAcknowledged} runs on the producers' sender threads, allocation-free; every other method on
 * the one thread applying faults. Per partition, the fault thread writes the fault time and clears the first
 * acknowledgement before it publishes the watch (a volatile store of {@link #watchOf}); a sender thread reads the
 * watch (volatile load) before the fault time, and claims the first acknowledgement with a CAS, which the fault
 * thread reads (volatile) when it closes the watch.
 */
public final class FailoverTimes {
    private static final int NO_WATCH = 0;
    private static final long UNSET = Long.MIN_VALUE;

    private final PartitionLeaders leaders;
    private final long originNanos;
    /** Per partition: 1 + the index of its open watch in {@link #watches}, or {@value #NO_WATCH}. */
    private final AtomicIntegerArray watchOf;
    /** Per partition: when its open watch's fault was in effect (nanoTime). */
    private final AtomicLongArray faultNanosOf;
    /** Per partition: the first qualifying acknowledgement's nanoTime, or {@link #UNSET}. */
    private final AtomicLongArray firstAckOf;
    /** Fault thread only. */
    private final List<Watch> watches = new ArrayList<>();
    /** The last leaders the cluster told; fault thread only. */
    private int[] lastLeaders;

    /**
     * @param partitions  the topic's partition count
     * @param originNanos the time faults are scheduled from (nanoTime): reported times are relative to it
     */
    public FailoverTimes(final int partitions, final PartitionLeaders leaders, final long originNanos) {
        this.leaders = leaders;
        this.originNanos = originNanos;
        this.watchOf = new AtomicIntegerArray(partitions);
        this.faultNanosOf = new AtomicLongArray(partitions);
        this.firstAckOf = new AtomicLongArray(partitions);
    }

    /** A record of {@code partition} sent at {@code sentNanos} was acknowledged at {@code ackNanos}. */
    public void onAcknowledged(final int partition, final long sentNanos, final long ackNanos) {
        if (partition < 0 || partition >= watchOf.length()) {
            return;
        }
        final int watch = watchOf.get(partition);
        if (watch == NO_WATCH) {
            return;
        }
        final long fault = faultNanosOf.get(partition);
        if (sentNanos - fault > 0 && ackNanos - fault > 0 && firstAckOf.compareAndSet(partition, UNSET, ackNanos)) {
            watchOf.compareAndSet(partition, watch, NO_WATCH); // later acks leave at the first check
        }
    }

    /**
     * Applies a kill or pause of {@code broker} ({@code fault}), watching the partitions it led just before. The
     * fault's time is when {@code fault} returned: the broker is then certainly stopped.
     */
    public void strike(final String action, final int broker, final Runnable fault) {
        final int[] led = leaders();
        fault.run();
        final long at = System.nanoTime();
        for (int p = 0; p < led.length && p < watchOf.length(); p++) {
            if (led[p] != broker) {
                continue;
            }
            close(p); // a second fault on the partition before it was answered ends the first watch there
            final Watch watch = new Watch(action, broker, p, at);
            watches.add(watch);
            firstAckOf.set(p, UNSET);
            faultNanosOf.set(p, at);
            watchOf.set(p, watches.size());
        }
    }

    /** {@code broker} is about to be restarted or resumed: from now on an acknowledgement may be its own. */
    public void faultEnding(final int broker) {
        final long at = System.nanoTime();
        for (final Watch watch : watches) {
            if (watch.broker == broker && !watch.ended) {
                watch.ended = true;
                watch.endNanos = at;
            }
        }
    }

    /** Whether a watched partition has not shown a successor yet: worth asking the leaders again. */
    public boolean awaitingSuccessors() {
        for (final Watch watch : watches) {
            if (watch.successor == PartitionLeaders.NO_LEADER && !watch.closed) {
                return true;
            }
        }
        return false;
    }

    /** Asks the cluster for the leaders and notes, for each open watch, the first leader other than its broker. */
    public void pollSuccessors() {
        final int[] now = leaders();
        for (final Watch watch : watches) {
            if (!watch.closed && watch.successor == PartitionLeaders.NO_LEADER && watch.partition < now.length
                && now[watch.partition] != watch.broker && now[watch.partition] != PartitionLeaders.NO_LEADER) {
                watch.successor = now[watch.partition];
            }
        }
    }

    /** Closes every watch (a last look at the leaders first) and returns them in the order of their faults. */
    public List<Failover> finish() {
        if (awaitingSuccessors()) {
            pollSuccessors();
        }
        for (int p = 0; p < watchOf.length(); p++) {
            close(p);
        }
        final List<Failover> failovers = new ArrayList<>(watches.size());
        for (final Watch watch : watches) {
            failovers.add(watch.result(originNanos));
        }
        return failovers;
    }

    private void close(final int partition) {
        watchOf.set(partition, NO_WATCH);
        // A watch claimed by an acknowledgement has already left watchOf; find the partition's last watch either way.
        for (int i = watches.size() - 1; i >= 0; i--) {
            final Watch watch = watches.get(i);
            if (watch.partition == partition) {
                if (!watch.closed) {
                    watch.closed = true;
                    watch.ackNanos = firstAckOf.get(partition);
                }
                break;
            }
        }
    }

    private int[] leaders() {
        try {
            lastLeaders = leaders.current();
        } catch (final RuntimeException e) {
            // The cluster did not answer (a broker is down or paused); the last answer is the best there is.
        }
        return lastLeaders == null ? new int[0] : lastLeaders;
    }

    /** One partition's watch after one fault; fault thread only. */
    private static final class Watch {
        final String action;
        final int broker;
        final int partition;
        final long faultNanos;
        boolean ended;
        long endNanos;
        int successor = PartitionLeaders.NO_LEADER;
        boolean closed;
        long ackNanos = UNSET;

        Watch(final String action, final int broker, final int partition, final long faultNanos) {
            this.action = action;
            this.broker = broker;
            this.partition = partition;
            this.faultNanos = faultNanos;
        }

        Failover result(final long originNanos) {
            final boolean acked = ackNanos != UNSET;
            final boolean bySuccessor = acked
                && ((!ended || ackNanos - endNanos < 0) || successor != PartitionLeaders.NO_LEADER);
            return new Failover(action, broker, partition, faultNanos - originNanos, successor,
                acked ? ackNanos - originNanos : Failover.NO_ACK, bySuccessor);
        }
    }
}
