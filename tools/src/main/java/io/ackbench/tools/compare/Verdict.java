package io.ackbench.tools.compare;

/** What a comparison row says about the change from baseline to current. */
public enum Verdict {
    /** Significant and beyond the threshold in the direction worse for the unit (or allocation grew from ~0). */
    REGRESSION("regression"),
    /** Significant and beyond the threshold in the better direction. */
    IMPROVEMENT("improvement"),
    /** Not significant, or within the threshold. */
    UNCHANGED("unchanged"),
    /** A side has fewer than two samples (or a zero baseline), so no test and no interval are possible. */
    NO_INTERVAL("no interval");

    private final String label;

    Verdict(final String label) {
        this.label = label;
    }

    /** As written in the reports: {@code regression}, {@code improvement}, {@code unchanged}, {@code no interval}. */
    public String label() {
        return label;
    }
}
