package io.ackbench.tools.versus;

import io.ackbench.load.RunResult;

/**
 * The figures a side-by-side comparison reports per run: throughput, and latency percentiles in whole microseconds
 * from each record's intended send time, read exactly as produce-perf's final line reads them.
 */
enum Figure {
    RECORDS_PER_SECOND("records/s", "recordsPerSecond"),
    MEGABYTES_PER_SECOND("MB/s", "megabytesPerSecond"),
    P50("p50 µs", "p50Micros"),
    P99("p99 µs", "p99Micros"),
    P99_9("p99.9 µs", "p999Micros"),
    MAX("max µs", "maxMicros");

    private static final double MEDIAN = 50;
    private static final double NINETY_NINE = 99;
    private static final double NINETY_NINE_NINE = 99.9;

    private final String heading;
    private final String jsonName;

    Figure(final String heading, final String jsonName) {
        this.heading = heading;
        this.jsonName = jsonName;
    }

    /** The column's heading in a table. */
    String heading() {
        return heading;
    }

    /** The field's name in versus.json. */
    String jsonName() {
        return jsonName;
    }

    boolean isLatency() {
        return this != RECORDS_PER_SECOND && this != MEGABYTES_PER_SECOND;
    }

    double of(final RunResult result) {
        return switch (this) {
            case RECORDS_PER_SECOND -> result.recordsPerSecond();
            case MEGABYTES_PER_SECOND -> result.megabytesPerSecond();
            case P50 -> result.latencyMicrosAt(MEDIAN);
            case P99 -> result.latencyMicrosAt(NINETY_NINE);
            case P99_9 -> result.latencyMicrosAt(NINETY_NINE_NINE);
            case MAX -> result.maxLatencyMicros();
        };
    }
}
