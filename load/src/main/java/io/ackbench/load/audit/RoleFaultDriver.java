package io.ackbench.load.audit;

import io.ackbench.fault.BrokerFaults;
import io.ackbench.fault.Fault;
import io.ackbench.fault.FaultKind;
import io.ackbench.fault.FaultSchedule;
import io.ackbench.fault.PartitionLeaders;
import io.ackbench.load.LoadCluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.concurrent.locks.LockSupport;

/**
 * Applies an {@link AuditFault} several times during a cell's measured load, on a thread of its own: at each of its
 * seeded times it asks the cluster who leads partition 0, strikes that broker (or one of its followers), holds the
 * fault, ends it (restart or resume) and waits, until the next fault is due, for every replica to be back in the
 * ISR, so that each fault strikes a cluster that has healed from the last. What it did, with times from the
 * measurement start, is its {@link #timeline()}, and as broker-numbered {@link FaultSchedule} text that
 * {@code produce-perf --faults} replays.
 *
 * <p>Threads: the driver's thread writes the timeline and the applied faults under this object's lock; any thread
 * reads copies of them. {@link #stop()} wakes a wait, joins the thread and ends a fault still in effect.
 */
public final class RoleFaultDriver {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long ORIGIN_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** A fault's start lies in the first part of its slot, leaving the rest for the hold and the healing. */
    private static final double EARLIEST_IN_SLOT = 0.1;
    private static final double LATEST_IN_SLOT = 0.3;
    /** How long an unclean fault waits for an out-of-sync replica to be elected before it restarts the old leader. */
    private static final long UNCLEAN_ELECTION_WAIT_MILLIS = 30_000;

    private final AuditFault fault;
    private final List<Long> atMillis;
    private final BrokerFaults brokers;
    private final PartitionLeaders leaders;
    private final LoadCluster cluster;
    /** The measurement start, once known; read by the driver's thread. */
    private final LongSupplier origin;
    /** Taken from {@link #origin} by the driver's thread before its first fault; plain, that thread only. */
    private long originNanos;
    private final Thread thread;
    private final List<String> timeline = new ArrayList<>();
    private final List<Fault> applied = new ArrayList<>();
    /** Brokers struck and not yet restored, oldest first; guarded by this object's lock. */
    private final List<Strike> struck = new ArrayList<>();
    /** Set by stop(); volatile, read by the driver's thread. */
    private volatile boolean stopping;
    /** What ended the driver early, or null; volatile. */
    private volatile Throwable failure;

    /** A broker struck with {@code kind} at {@code atMillis}. */
    private record Strike(int broker, FaultKind kind, long atMillis) {
    }

    private RoleFaultDriver(final AuditFault fault, final List<Long> atMillis, final BrokerFaults brokers,
                            final LoadCluster cluster, final LongSupplier origin) {
        this.fault = fault;
        this.atMillis = atMillis;
        this.brokers = brokers;
        this.leaders = cluster.leaders();
        this.cluster = cluster;
        this.origin = origin;
        this.thread = new Thread(this::run, "ackbench-audit-faults");
        this.thread.setDaemon(true);
    }

    /**
     * The times, in milliseconds from the measurement start, of {@code count} faults over {@code durationMillis}:
     * one in each equal slot, at a point the seed draws in the slot's first part.
     */
    public static List<Long> times(final long seed, final int count, final long durationMillis) {
        final SplittableRandom random = new SplittableRandom(seed);
        final List<Long> times = new ArrayList<>();
        final long slot = durationMillis / Math.max(1, count);
        for (int k = 0; k < count; k++) {
            final double within = EARLIEST_IN_SLOT + random.nextDouble() * (LATEST_IN_SLOT - EARLIEST_IN_SLOT);
            times.add(k * slot + Math.round(within * slot));
        }
        return List.copyOf(times);
    }

    /**
     * Starts striking {@code brokers} at {@code atMillis} after the measurement start, which {@code origin} answers
     * once it is known ({@link OutcomeLedger#NO_ORIGIN} before).
     */
    public static RoleFaultDriver start(final AuditFault fault, final List<Long> atMillis, final BrokerFaults brokers,
                                        final LoadCluster cluster, final LongSupplier origin) {
        final RoleFaultDriver driver = new RoleFaultDriver(fault, atMillis, brokers, cluster, origin);
        driver.thread.start();
        return driver;
    }

    private void run() {
        try {
            while ((originNanos = origin.getAsLong()) == OutcomeLedger.NO_ORIGIN) {
                if (stopping) {
                    return;
                }
                LockSupport.parkNanos(this, ORIGIN_POLL_NANOS);
            }
            for (final long at : atMillis) {
                if (!awaitMillis(at)) {
                    return;
                }
                final int[] current = currentLeaders();
                final int leader = current.length == 0 ? PartitionLeaders.NO_LEADER : current[0];
                if (fault == AuditFault.UNCLEAN) {
                    if (!forceUncleanElection(leader)) {
                        return;
                    }
                } else {
                    final int target = fault.strikesLeader() ? leader : follower(current, leader);
                    if (target < 0) {
                        note("no broker has the role " + (fault.strikesLeader() ? "leader" : "follower")
                            + " of partition 0: fault skipped");
                        continue;
                    }
                    strike(target, fault.kind(), (fault.strikesLeader() ? "leader" : "follower") + " of partition 0");
                    if (!awaitMillis(millisNow() + fault.holdMillis())) {
                        return;
                    }
                    restoreAll();
                }
                awaitHealed(at);
            }
        } catch (final RuntimeException | Error e) {
            if (!stopping) {
                failure = e;
            }
        }
    }

    /**
     * Kafka's unclean election, forced: the followers are paused past the session timeout, so the controller fences
     * them and the ISR shrinks to the leader, which alone acknowledges what arrives meanwhile; the leader is killed and
     * the followers resumed, so that no ISR member is alive and, with unclean.leader.election.enable, an out-of-sync
     * follower is elected; then the old leader restarts and truncates to the new one. Returns false if stopped.
     */
    private boolean forceUncleanElection(final int leader) {
        if (leader < 0) {
            note("partition 0 has no leader: fault skipped");
            return true;
        }
        for (int broker = 0; broker < brokers.brokerCount(); broker++) {
            if (broker != leader) {
                strike(broker, FaultKind.PAUSE, "follower of partition 0");
            }
        }
        if (!awaitMillis(millisNow() + fault.holdMillis())) {
            return false;
        }
        strike(leader, FaultKind.KILL, "leader of partition 0, now its ISR alone");
        for (final Strike pause : strikes(FaultKind.PAUSE)) {
            restore(pause);
        }
        final long deadline = millisNow() + UNCLEAN_ELECTION_WAIT_MILLIS;
        while (!stopping && millisNow() < deadline) {
            final int[] current = currentLeaders();
            if (current.length > 0 && current[0] >= 0 && current[0] != leader) {
                note("broker " + current[0] + " elected leader of partition 0 from outside the ISR");
                break;
            }
            LockSupport.parkNanos(this, POLL_NANOS);
        }
        restoreAll();
        return !stopping;
    }

    private int[] currentLeaders() {
        try {
            return leaders.current();
        } catch (final RuntimeException e) {
            return new int[0];
        }
    }

    /** A broker that is a replica of partition 0 and leads nothing, or -1. */
    private int follower(final int[] current, final int leader) {
        for (int broker = 0; broker < brokers.brokerCount(); broker++) {
            if (broker != leader && leadsNothing(current, broker)) {
                return broker;
            }
        }
        return -1;
    }

    private static boolean leadsNothing(final int[] current, final int broker) {
        for (final int leader : current) {
            if (leader == broker) {
                return false;
            }
        }
        return true;
    }

    private void strike(final int broker, final FaultKind kind, final String role) {
        final long at = millisNow();
        synchronized (this) {
            struck.add(new Strike(broker, kind, at));
        }
        note(at, verb(kind, true) + " broker " + broker + " (" + role + ")");
        switch (kind) {
            case KILL -> brokers.kill(broker);
            case PAUSE -> brokers.pause(broker);
            case POWER_LOSS -> brokers.powerOff(broker);
        }
    }

    private synchronized List<Strike> strikes(final FaultKind kind) {
        return struck.stream().filter(s -> s.kind() == kind).toList();
    }

    /** Ends every fault in effect, pauses first (a resumed follower is one more live replica for the restart). */
    private void restoreAll() {
        final List<Strike> all;
        synchronized (this) {
            all = new ArrayList<>(struck);
        }
        all.sort((a, b) -> Boolean.compare(a.kind() != FaultKind.PAUSE, b.kind() != FaultKind.PAUSE));
        for (final Strike strike : all) {
            restore(strike);
        }
    }

    /** Ends one fault: the replayable fault lasts from its strike to this restart or resume. */
    private void restore(final Strike strike) {
        final long now = millisNow();
        synchronized (this) {
            if (!struck.remove(strike)) {
                return;
            }
            applied.add(new Fault(strike.atMillis(), strike.kind(), strike.broker(),
                Math.max(1, now - strike.atMillis())));
        }
        note(now, verb(strike.kind(), false) + " broker " + strike.broker());
        switch (strike.kind()) {
            case KILL, POWER_LOSS -> brokers.restart(strike.broker());
            case PAUSE -> brokers.resume(strike.broker());
        }
    }

    /** Until every replica is back in the ISR, or the next fault's slot is half gone. */
    private void awaitHealed(final long at) {
        final long deadline = at + (atMillis.size() > 1 ? atMillis.get(1) - atMillis.get(0) : 60_000) / 2
            + fault.holdMillis();
        while (!stopping && millisNow() < deadline) {
            if (healed(cluster)) {
                note("every replica back in the ISR");
                return;
            }
            LockSupport.parkNanos(this, POLL_NANOS);
        }
        if (!stopping) {
            note("not every replica back in the ISR yet; going on");
        }
    }

    /**
     * Whether every replica of {@code cluster} is in its ISR; a cluster that does not answer yet is not. One that
     * cannot tell at all ({@link UnsupportedOperationException}) cannot be audited, and that is thrown.
     */
    static boolean healed(final LoadCluster cluster) {
        try {
            return cluster.fullyReplicated();
        } catch (final UnsupportedOperationException e) {
            throw e;
        } catch (final RuntimeException e) {
            return false;
        }
    }

    private static String verb(final FaultKind kind, final boolean start) {
        return switch (kind) {
            case KILL -> start ? "kill -9" : "restart";
            case PAUSE -> start ? "pause (SIGSTOP)" : "resume (SIGCONT)";
            case POWER_LOSS -> start ? "power off" : "restart";
        };
    }

    /** Whether the wait ended because the time came (false: stopping). */
    private boolean awaitMillis(final long atMillisFromOrigin) {
        final long due = originNanos + TimeUnit.MILLISECONDS.toNanos(atMillisFromOrigin);
        long wait;
        while (!stopping && (wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, wait);
        }
        return !stopping;
    }

    private long millisNow() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - originNanos);
    }

    private void note(final String what) {
        note(millisNow(), what);
    }

    private synchronized void note(final long atMillis, final String what) {
        timeline.add(String.format(Locale.ROOT, "%9d ms  %s", atMillis, what));
    }

    /**
     * Stops striking: wakes a wait (a restart or resume under way is let finish: interrupted, it could leave the
     * broker half started), joins the thread, then ends the faults still in effect, so the cluster can heal.
     */
    public void stop() throws InterruptedException {
        stopping = true;
        LockSupport.unpark(thread);
        thread.join();
        try {
            restoreAll();
        } catch (final RuntimeException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }

    /** Why a fault could not be applied, or null. */
    public Throwable failure() {
        return failure;
    }

    /** What was done, one line each, with its time from the measurement start. */
    public synchronized List<String> timeline() {
        return List.copyOf(timeline);
    }

    /**
     * The faults applied, by broker, in {@link FaultSchedule}'s text: {@code produce-perf --faults} replays them,
     * unless more than a minority of brokers was struck at once (an unclean election's), which it refuses.
     */
    public synchronized String appliedText() {
        final List<Fault> sorted = new ArrayList<>(applied);
        sorted.sort(java.util.Comparator.comparingLong(Fault::atMillis));
        return FaultSchedule.textOf(brokers.brokerCount(), sorted);
    }
}
