package io.ackbench.fault;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Applies a {@link FaultSchedule} to a running cluster on a thread of its own while a load runs, and times the
 * failovers it causes ({@link FailoverTimes}). A thread of its own, not the load generator's reporting loop: a
 * restart returns only once the broker serves again (seconds for an ackbench broker, 10 to 20 s for a Kafka JVM),
 * and the reporting loop must keep its intervals meanwhile; and between actions this thread asks the cluster for
 * the struck partitions' new leaders, which for Kafka is an Admin round trip.
 *
 * <p>A fault that fails (a restart that never serves) ends the thread; {@link #failure()} says why and the run
 * should stop. {@link #stop()} interrupts whatever action is under way, joins the thread and reports.
 */
public final class FaultInjector {
    /** How often the leaders are asked while a struck partition has shown no successor yet. */
    static final long LEADER_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final FaultSchedule schedule;
    private final FaultRunner runner;
    private final FailoverTimes failovers;
    private final Thread thread;
    /** Set by {@link #stop()} on the caller's thread, read by the fault thread; volatile. */
    private volatile boolean stopping;
    /** What ended the fault thread early, or null: written by it before it ends, read by anyone; volatile. */
    private volatile Throwable failure;

    private FaultInjector(final FaultSchedule schedule, final BrokerFaults brokers, final FailoverTimes failovers,
                          final long originNanos, final PrintStream out) {
        this.schedule = schedule;
        this.failovers = failovers;
        this.runner = new FaultRunner(schedule, new TimedBrokerFaults(brokers, failovers, out, originNanos),
            originNanos);
        this.thread = new Thread(this::run, "ackbench-faults");
        this.thread.setDaemon(true);
    }

    /**
     * Starts applying {@code schedule} to {@code brokers}, its times counted from {@code originNanos}.
     *
     * @param failovers told of every kill, pause, restart and resume; the producers' acknowledgements go to it too
     * @param out       where each action is printed as it is applied
     */
    public static FaultInjector start(final FaultSchedule schedule, final BrokerFaults brokers,
                                      final FailoverTimes failovers, final long originNanos, final PrintStream out) {
        checkSupported(schedule, brokers);
        final FaultInjector injector = new FaultInjector(schedule, brokers, failovers, originNanos, out);
        injector.thread.start();
        return injector;
    }

    /**
     * Refuses, before anything is applied, a schedule with a kind these brokers cannot apply.
     *
     * @throws IllegalArgumentException naming the fault kind and the brokers
     */
    public static void checkSupported(final FaultSchedule schedule, final BrokerFaults brokers) {
        for (final Fault fault : schedule.faults()) {
            if (!brokers.supports(fault.kind())) {
                throw new IllegalArgumentException(fault.kind() + " faults cannot be applied by "
                    + brokers.getClass().getSimpleName() + " (scheduled at " + fault.atMillis() + " ms on broker "
                    + fault.broker() + "); only ackbench's broker processes (--transport tcp-processes) can lose "
                    + "what their logs did not force");
            }
        }
    }

    /** Why a fault failed, or null. */
    public Throwable failure() {
        return failure;
    }

    private void run() {
        try {
            while (!stopping) {
                final long now = System.nanoTime();
                runner.runDue(now);
                final boolean polling = failovers.awaitingSuccessors();
                if (polling) {
                    failovers.pollSuccessors();
                }
                if (runner.done() && !polling) {
                    return; // nothing left to apply or to ask
                }
                final long due = runner.done() ? now + LEADER_POLL_NANOS : runner.nextDueNanos();
                final long wake = polling && due - (now + LEADER_POLL_NANOS) > 0 ? now + LEADER_POLL_NANOS : due;
                final long wait = wake - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(this, wait);
                }
            }
        } catch (final RuntimeException | Error e) {
            if (!stopping) {
                failure = e;
            }
        }
    }

    /**
     * Stops applying faults (an action under way is interrupted), waits for the thread, and reports the failovers.
     * The join hands the fault thread's state to the caller's.
     */
    public FailoverReport stop() throws InterruptedException {
        stopping = true;
        thread.interrupt();
        thread.join();
        int started = 0;
        for (final FaultAction action : runner.applied()) {
            if (action.start()) {
                started++;
            }
        }
        return new FailoverReport(failovers.finish(), started, schedule.faults().size());
    }
}
