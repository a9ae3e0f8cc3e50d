package io.ackbench.fault;

/**
 * One scheduled fault: {@code kind} on broker {@code broker} from {@code atMillis} after the run's start, for
 * {@code durationMillis}. Whole milliseconds, so that its text form is exact.
 */
public record Fault(long atMillis, FaultKind kind, int broker, long durationMillis) {
    public Fault {
        if (atMillis < 0 || durationMillis <= 0 || broker < 0 || kind == null) {
            throw new IllegalArgumentException("A fault needs a time >= 0, a kind, a broker >= 0 and a duration > 0; "
                + "got at " + atMillis + " ms, " + kind + ", broker " + broker + ", for " + durationMillis + " ms");
        }
    }

    /** When it ends (the restart or resume), in milliseconds after the run's start. */
    public long endMillis() {
        return atMillis + durationMillis;
    }

    /**
     * Whether the two are in effect at a common instant. A fault is in effect from its start up to, not including,
     * its end: one that ends as the other starts does not overlap it, since {@link FaultRunner} applies ends first.
     */
    boolean overlaps(final Fault other) {
        return atMillis < other.endMillis() && other.atMillis < endMillis();
    }
}
