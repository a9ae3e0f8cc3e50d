package io.ackbench.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Draws a {@link FaultSchedule} from a seed: each fault's broker, kind, start and duration uniformly at random,
 * redrawn while it would break the schedule's rules. The same arguments give the same schedule on any JVM:
 * {@link Random}'s sequence is specified by its documentation, unlike {@code SplittableRandom}'s mixing or
 * {@code ThreadLocalRandom}.
 */
public final class FaultScheduleGenerator {
    /** Draws per fault before giving up: a fault that does not fit after this many is unlikely to fit at all. */
    static final int ATTEMPTS_PER_FAULT = 10_000;

    private FaultScheduleGenerator() {
    }

    /**
     * @param run         faults start and end within it
     * @param count       how many faults
     * @param kinds       the kinds to draw from
     * @param minDuration shortest fault (whole milliseconds)
     * @param maxDuration longest fault, at most {@code run}
     * @throws IllegalArgumentException when the arguments are inconsistent, or {@code count} faults do not fit
     */
    public static FaultSchedule generate(final long seed, final int brokers, final Duration run, final int count,
                                         final Set<FaultKind> kinds, final Duration minDuration,
                                         final Duration maxDuration) {
        final long runMillis = run.toMillis();
        final long minMillis = minDuration.toMillis();
        final long maxMillis = maxDuration.toMillis();
        if (count < 0 || kinds.isEmpty() || minMillis <= 0 || maxMillis < minMillis || maxMillis > runMillis) {
            throw new IllegalArgumentException("Need count >= 0, some kinds and 0 < minDuration <= maxDuration <= run;"
                + " got count " + count + ", kinds " + kinds + ", durations " + minDuration + ".." + maxDuration
                + ", run " + run);
        }
        if (count > 0 && FaultSchedule.maxConcurrentFaults(brokers) == 0) {
            throw new IllegalArgumentException("A fault on any of " + brokers + " brokers would leave no majority up;"
                + " faults need at least 3 brokers");
        }
        final List<FaultKind> allowed = List.copyOf(EnumSet.copyOf(kinds)); // enum order, whatever the set's
        final Random random = new Random(seed);
        final List<Fault> faults = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            faults.add(draw(random, brokers, runMillis, minMillis, maxMillis, allowed, faults, seed));
        }
        return new FaultSchedule(brokers, faults);
    }

    private static Fault draw(final Random random, final int brokers, final long runMillis, final long minMillis,
                              final long maxMillis, final List<FaultKind> kinds, final List<Fault> placed,
                              final long seed) {
        for (int attempt = 0; attempt < ATTEMPTS_PER_FAULT; attempt++) {
            final long duration = minMillis + bounded(random, maxMillis - minMillis + 1);
            final long at = bounded(random, runMillis - duration + 1);
            final Fault fault = new Fault(at, kinds.get(random.nextInt(kinds.size())), random.nextInt(brokers),
                duration);
            if (fits(fault, placed, brokers)) {
                return fault;
            }
        }
        throw new IllegalArgumentException("Could not place fault " + (placed.size() + 1) + " (seed " + seed + ") in "
            + runMillis + " ms among " + brokers + " brokers after " + ATTEMPTS_PER_FAULT + " draws: fewer or shorter"
            + " faults, or a longer run");
    }

    private static boolean fits(final Fault fault, final List<Fault> placed, final int brokers) {
        for (final Fault other : placed) {
            if (other.broker() == fault.broker() && other.overlaps(fault)) {
                return false;
            }
        }
        final List<Fault> with = new ArrayList<>(placed);
        with.add(fault);
        return FaultSchedule.maxConcurrent(with) <= FaultSchedule.maxConcurrentFaults(brokers);
    }

    /**
     * Uniform in [0, bound), bound >= 1, through {@link Random#nextInt(int)}, whose algorithm {@code Random}'s
     * documentation fixes; the {@code nextLong(long)} that Java 17 inherits from {@code RandomGenerator} does not.
     * Bounds past 2^31 ms (24 days) take a modulo, whose bias is negligible.
     */
    private static long bounded(final Random random, final long bound) {
        return bound <= Integer.MAX_VALUE ? random.nextInt((int) bound) : Math.floorMod(random.nextLong(), bound);
    }
}
