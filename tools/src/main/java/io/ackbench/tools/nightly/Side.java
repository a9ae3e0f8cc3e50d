package io.ackbench.tools.nightly;

import java.util.List;

/** Which of a nightly A B B A session's two commits a run measures: the subject (A) or the reference (B). */
public enum Side {
    SUBJECT, REFERENCE;

    /**
     * The four runs of a comparison, A B B A: a drift during the session (a disk's write-back, another tenant's load,
     * the machine warming) weighs on both systems alike, and each system has a first and a later run.
     */
    public static final List<Side> ORDER = List.of(SUBJECT, REFERENCE, REFERENCE, SUBJECT);

    /** {@link #ORDER} applied to two things: {@code first} stands for the subject, {@code second} for the reference. */
    public static <T> List<T> alternate(final T first, final T second) {
        return ORDER.stream().map(side -> side == SUBJECT ? first : second).toList();
    }
}
