package io.ackbench.kafka;

import java.util.Map;

/**
 * One broker's Produce request histograms at the breakdown ({@code end}) and their counts at the measurement start
 * ({@code startCounts}, empty when none were taken), or why it could not be read ({@code error}, else null).
 */
record BrokerReading(int node, Map<String, RequestHistogram> end, Map<String, Long> startCounts, String error) {
    BrokerReading {
        end = Map.copyOf(end);
        startCounts = Map.copyOf(startCounts);
    }

    static BrokerReading failed(final int node, final String error) {
        return new BrokerReading(node, Map.of(), Map.of(), error);
    }

    /**
     * The {@code name} requests served since the measurement start, or since the broker started when no count was
     * taken then or the broker restarted since (its count began again from zero).
     */
    long measuredCount(final String name) {
        final RequestHistogram histogram = end.getOrDefault(name, RequestHistogram.NONE);
        final Long start = startCounts.get(name);
        return start == null || start > histogram.count() ? histogram.count() : histogram.count() - start;
    }
}
