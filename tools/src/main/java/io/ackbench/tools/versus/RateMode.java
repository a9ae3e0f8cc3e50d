package io.ackbench.tools.versus;

/**
 * How a configuration sets each system's rate, which decides what its ratios can mean (docs/measuring.md, "Reading
 * a side-by-side").
 */
enum RateMode {
    /**
     * Unbounded: throughput ratios mean what they say; latency is the backlog the producer keeps queued divided by
     * the throughput, so a latency ratio restates the throughput ratio and is not printed.
     */
    MAX,
    /**
     * Each system at a fixed share of its own mean maximum, measured in the same session: equal load relative to
     * capacity, so latency ratios compare the systems' queueing at the same utilisation. Throughput differs by
     * construction.
     */
    SHARE_OF_OWN_MAX,
    /** Both at the same rate: latency ratios hold where both kept the rate. Throughput is the rate. */
    FIXED;

    /** Whether a ratio of this figure means something in this mode (before asking whether the rate was kept). */
    boolean compares(final Figure figure) {
        return figure.isLatency() ? this != MAX : this == MAX;
    }
}
