package io.ackbench.tools.nightly;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** JMH JSON entries as JMH 1.37 writes them, reduced to what the readers use. */
final class NightlyJson {
    private NightlyJson() {
    }

    /** A throughput entry of io.ackbench.jmh.NAME in ops/s, one fork with these iterations, allocation 0 B/op. */
    static String thrpt(final String name, final double... iterations) {
        final double mean = Arrays.stream(iterations).average().orElse(Double.NaN);
        return "{\"jmhVersion\":\"1.37\",\"benchmark\":\"io.ackbench.jmh." + name + "\",\"mode\":\"thrpt\","
            + "\"threads\":1,\"forks\":1,\"params\":{\"acks\":\"all\"},"
            + "\"primaryMetric\":" + metric(mean, "ops/s", iterations) + ","
            + "\"secondaryMetrics\":{\"gc.alloc.rate.norm\":" + metric(0, "B/op", new double[iterations.length])
            + "}}";
    }

    private static String metric(final double score, final String unit, final double[] iterations) {
        final String raw = Arrays.stream(iterations).mapToObj(v -> String.format(Locale.ROOT, "%.6f", v))
            .collect(Collectors.joining(","));
        return String.format(Locale.ROOT, "{\"score\":%.6f,\"scoreError\":\"NaN\",\"scoreConfidence\":[0,0],"
            + "\"scorePercentiles\":{},\"scoreUnit\":\"%s\",\"rawData\":[[%s]]}", score, unit, raw);
    }
}
