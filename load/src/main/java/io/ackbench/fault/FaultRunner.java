package io.ackbench.fault;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Applies a {@link FaultSchedule} to a {@link BrokerFaults} on a clock the caller drives: {@link #runDue} applies
 * every start and end due by the time it is given, in order, so tests pass explicit times and never sleep, and a
 * run calls it from its own loop with {@code System.nanoTime()}. One thread only.
 *
 * <p>At one instant ends go before starts, so a restart frees its broker's place in the majority before another
 * fault takes one. An action that throws is not retried: the exception reaches the caller with the runner past it.
 */
public final class FaultRunner {
    private final BrokerFaults target;
    private final List<FaultAction> actions;
    private final List<FaultAction> applied = new ArrayList<>();
    private int next;

    /**
     * @param startNanos the run's start on the caller's clock: a fault at {@code t} ms is due at
     *                   {@code startNanos + t ms}
     * @throws IllegalArgumentException when the schedule is for more brokers than {@code target} has
     */
    public FaultRunner(final FaultSchedule schedule, final BrokerFaults target, final long startNanos) {
        if (schedule.brokers() > target.brokerCount()) {
            throw new IllegalArgumentException("The schedule is for " + schedule.brokers() + " brokers; there are "
                + target.brokerCount());
        }
        this.target = target;
        final List<FaultAction> all = new ArrayList<>(2 * schedule.faults().size());
        for (final Fault fault : schedule.faults()) {
            all.add(new FaultAction(startNanos + TimeUnit.MILLISECONDS.toNanos(fault.atMillis()), fault, true));
            all.add(new FaultAction(startNanos + TimeUnit.MILLISECONDS.toNanos(fault.endMillis()), fault, false));
        }
        // By time since the start, not by raw clock value, which may wrap past Long.MAX_VALUE (as nanoTime may).
        all.sort(Comparator.<FaultAction>comparingLong(action -> action.atNanos() - startNanos)
            .thenComparing(FaultAction::start) // false (an end) first
            .thenComparingInt(action -> action.fault().broker()));
        this.actions = List.copyOf(all);
    }

    /**
     * Applies, in order, every action due at or before {@code nowNanos} and not yet applied.
     *
     * @return how many it applied
     */
    public int runDue(final long nowNanos) {
        int count = 0;
        while (next < actions.size() && actions.get(next).atNanos() - nowNanos <= 0) {
            final FaultAction action = actions.get(next++);
            action.apply(target);
            applied.add(action);
            count++;
        }
        return count;
    }

    /** When the next action is due, or {@link Long#MAX_VALUE} when all are applied (see {@link #done()}). */
    public long nextDueNanos() {
        return next < actions.size() ? actions.get(next).atNanos() : Long.MAX_VALUE;
    }

    public boolean done() {
        return next == actions.size();
    }

    /** Every action, in the order they are applied. */
    public List<FaultAction> actions() {
        return actions;
    }

    /** The actions applied so far, in order. */
    public List<FaultAction> applied() {
        return List.copyOf(applied);
    }
}
