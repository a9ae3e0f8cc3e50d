package io.ackbench.load.audit;

import io.ackbench.fault.BrokerFaults;
import io.ackbench.fault.Fault;
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
    /** The broker struck and not yet restored, or -1; written and read by the driver's thread and by stop(). */
    private int struck = -1;
    private long struckAtMillis;
    /** Set by stop(); volatile, read by the driver's thread. */
    private volatile boolean stopping;
    /** What ended the driver early, or null; volatile. */
    private volatile Throwable failure;

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
                final int target = target();
                if (target < 0) {
                    note("no broker has the role " + (fault.strikesLeader() ? "leader" : "follower")
                        + " of partition 0: fault skipped");
                    continue;
                }
                strike(target);
                if (!awaitMillis(millisNow() + fault.holdMillis())) {
                    return;
                }
                restore();
                awaitHealed(at);
            }
        } catch (final RuntimeException | Error e) {
            if (!stopping) {
                failure = e;
            }
        }
    }

    /** Partition 0's leader, or a replica of it that does not lead it; -1 if there is none. */
    private int target() {
        final int[] current = leaders.current();
        final int leader = current.length == 0 ? PartitionLeaders.NO_LEADER : current[0];
        if (fault.strikesLeader()) {
            return leader;
        }
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

    private void strike(final int broker) {
        final long at = millisNow();
        synchronized (this) {
            struck = broker;
            struckAtMillis = at;
        }
        note(at, verb(true) + " broker " + broker + " (" + (fault.strikesLeader() ? "leader" : "follower")
            + " of partition 0)");
        switch (fault.kind()) {
            case KILL -> brokers.kill(broker);
            case PAUSE -> brokers.pause(broker);
            case POWER_LOSS -> brokers.powerOff(broker);
        }
    }

    /** Ends the fault in effect, if any: the replayable fault lasts from its strike to this restart or resume. */
    private void restore() {
        final int broker;
        final long at;
        synchronized (this) {
            broker = struck;
            at = struckAtMillis;
        }
        if (broker < 0) {
            return;
        }
        final long now = millisNow();
        note(now, verb(false) + " broker " + broker);
        synchronized (this) {
            applied.add(new Fault(at, fault.kind(), broker, Math.max(1, now - at)));
            struck = -1;
        }
        switch (fault.kind()) {
            case KILL, POWER_LOSS -> brokers.restart(broker);
            case PAUSE -> brokers.resume(broker);
        }
    }

    /** Until every replica is back in the ISR, or the next fault's slot is half gone. */
    private void awaitHealed(final long at) {
        final long deadline = at + (atMillis.size() > 1 ? atMillis.get(1) - atMillis.get(0) : 60_000) / 2
            + fault.holdMillis();
        while (!stopping && millisNow() < deadline) {
            if (healed()) {
                note("every replica back in the ISR");
                return;
            }
            LockSupport.parkNanos(this, POLL_NANOS);
        }
        if (!stopping) {
            note("not every replica back in the ISR yet; going on");
        }
    }

    private boolean healed() {
        try {
            return cluster.fullyReplicated();
        } catch (final RuntimeException e) {
            return false;
        }
    }

    private String verb(final boolean start) {
        return switch (fault.kind()) {
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
     * broker half started), joins the thread, then ends a fault still in effect, so the cluster can heal.
     */
    public void stop() throws InterruptedException {
        stopping = true;
        LockSupport.unpark(thread);
        thread.join();
        try {
            restore();
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

    /** The faults applied, by broker: replayable with {@code produce-perf --faults}. */
    public synchronized FaultSchedule applied() {
        return new FaultSchedule(brokers.brokerCount(), List.copyOf(applied));
    }
}
