package io.ackbench.kafka;

/**
 * One of a broker's request-time histograms as its JMX bean shows it: three percentiles and the maximum in
 * milliseconds, and how many requests it has seen since the broker started. Kafka keeps these in Yammer histograms
 * whose percentiles come from an exponentially decaying reservoir (about the last five minutes, weighted to the most
 * recent) while {@code Count} and {@code Max} cover the broker's whole life.
 */
record RequestHistogram(double p50Millis, double p99Millis, double p999Millis, double maxMillis, long count) {
    /** A histogram the broker has not registered: it has served no such request yet. */
    static final RequestHistogram NONE = new RequestHistogram(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
}
