package io.ackbench.tools.latency;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures Kafka's EndToEndLatency prints at its end: {@code Avg latency: 1.2345 ms} and
 * {@code Percentiles: 50th = 1, 99th = 3, 99.9th = 7}, the percentiles in whole milliseconds (each latency rounded
 * down before sorting). The average is printed with the JVM's default locale, so its decimal mark may be a comma.
 */
record EndToEndLatencyFigures(double averageMs, long p50Ms, long p99Ms, long p999Ms) {
    private static final Pattern AVERAGE = Pattern.compile("^Avg latency: ([0-9]+[.,][0-9]+) ms$", Pattern.MULTILINE);
    private static final Pattern PERCENTILES = Pattern.compile(
        "^Percentiles: 50th = ([0-9]+), 99th = ([0-9]+), 99\\.9th = ([0-9]+)$", Pattern.MULTILINE);

    /** @throws IllegalArgumentException when the text holds no average or percentiles line */
    static EndToEndLatencyFigures parse(final String printed) {
        final String text = printed.replace("\r\n", "\n");
        final Matcher average = AVERAGE.matcher(text);
        final Matcher percentiles = PERCENTILES.matcher(text);
        if (!average.find() || !percentiles.find()) {
            throw new IllegalArgumentException("Kafka's EndToEndLatency printed no 'Avg latency' and 'Percentiles' "
                + "lines");
        }
        return new EndToEndLatencyFigures(Double.parseDouble(average.group(1).replace(',', '.')),
            Long.parseLong(percentiles.group(1)), Long.parseLong(percentiles.group(2)),
            Long.parseLong(percentiles.group(3)));
    }

    /** The run in one line, in produce-perf's manner: counts and setting first, then the latencies. */
    String summaryLine(final EndToEndLatencyOptions options) {
        return String.format(Locale.ROOT, "%d records sent one at a time (acks=%s, %d-byte values, %d brokers, "
                + "%d partition, RF %d, min.insync.replicas %d), %.4f ms avg latency, %d ms 50th, %d ms 99th, "
                + "%d ms 99.9th (Kafka's EndToEndLatency: send to consumed, whole ms rounded down).",
            options.numRecords(), options.acks(), options.recordSize(), EndToEndLatencyOptions.BROKERS,
            EndToEndLatencyOptions.PARTITIONS, EndToEndLatencyOptions.REPLICATION_FACTOR,
            options.minInsyncReplicas(), averageMs, p50Ms, p99Ms, p999Ms);
    }
}
