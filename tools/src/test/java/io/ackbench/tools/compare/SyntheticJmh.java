package io.ackbench.tools.compare;

import io.ackbench.tools.results.BenchmarkResult;
import io.ackbench.tools.results.JmhResults;
import org.apache.commons.math3.distribution.TDistribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Builds JMH result JSON the way JMH writes it ({@code rawData} per fork and iteration, {@code rawDataHistogram}
 * for sample mode, {@code "NaN"} for an error it cannot compute), from given per-iteration values.
 */
final class SyntheticJmh {
    static final String PACKAGE = "io.ackbench.jmh.";
    private static final double JMH_CONFIDENCE = 0.999;
    /** A sample-mode iteration is two histogram buckets 10% either side of its mean, 500 samples each. */
    private static final double BUCKET_SPREAD = 0.1;
    private static final int BUCKET_COUNT = 500;

    private final List<String> entries = new ArrayList<>();

    static double[] normal(final long seed, final double mean, final double deviation, final int count) {
        final Random random = new Random(seed);
        final double[] samples = new double[count];
        for (int i = 0; i < count; i++) {
            samples[i] = mean + deviation * random.nextGaussian();
        }
        return samples;
    }

    static double[] constant(final double value, final int count) {
        final double[] samples = new double[count];
        Arrays.fill(samples, value);
        return samples;
    }

    /** A throughput result in ops/us without allocation figures. */
    SyntheticJmh thrpt(final String benchmark, final Map<String, String> params, final double[] samples) {
        return add(benchmark, "thrpt", "ops/us", params, samples, null);
    }

    SyntheticJmh add(final String benchmark, final String mode, final String unit, final Map<String, String> params,
                     final double[] samples, final double[] allocation) {
        final String primary = "sample".equals(mode) ? histogramMetric(unit, samples) : metric(unit, samples);
        final String secondaries = allocation == null ? "{}"
            : "{\"gc.alloc.rate.norm\":" + metric("B/op", allocation) + "}";
        entries.add("{\"jmhVersion\":\"1.37\",\"benchmark\":\"" + PACKAGE + benchmark + "\",\"mode\":\"" + mode
            + "\",\"threads\":1,\"forks\":1,\"params\":" + params(params) + ",\"primaryMetric\":" + primary
            + ",\"secondaryMetrics\":" + secondaries + "}");
        return this;
    }

    String json() {
        return "[" + String.join(",\n", entries) + "]";
    }

    List<BenchmarkResult> results() {
        return JmhResults.parse(json(), "synthetic");
    }

    Path write(final Path file) throws IOException {
        return Files.writeString(file, json());
    }

    private static String metric(final String unit, final double[] samples) {
        return "{" + summary(unit, samples) + ",\"rawData\":[[" + numbers(samples) + "]]}";
    }

    private static String histogramMetric(final String unit, final double[] samples) {
        final String iterations = Arrays.stream(samples)
            .mapToObj(mean -> "[[" + number(mean * (1 - BUCKET_SPREAD)) + "," + BUCKET_COUNT + "],["
                + number(mean * (1 + BUCKET_SPREAD)) + "," + BUCKET_COUNT + "]]")
            .collect(Collectors.joining(","));
        return "{" + summary(unit, samples) + ",\"rawDataHistogram\":[[" + iterations + "]]}";
    }

    private static String summary(final String unit, final double[] samples) {
        final double mean = Arrays.stream(samples).average().orElse(Double.NaN);
        return "\"score\":" + number(mean) + ",\"scoreError\":" + jmhError(samples, mean)
            + ",\"scoreUnit\":\"" + unit + "\"";
    }

    /** JMH's half-width of the 99.9% interval, "NaN" for one iteration. */
    private static String jmhError(final double[] samples, final double mean) {
        if (samples.length < 2) {
            return "\"NaN\"";
        }
        final double variance = Arrays.stream(samples).map(x -> (x - mean) * (x - mean)).sum() / (samples.length - 1);
        final double t = new TDistribution(samples.length - 1).inverseCumulativeProbability(1 - (1 - JMH_CONFIDENCE) / 2);
        return number(t * Math.sqrt(variance / samples.length));
    }

    private static String params(final Map<String, String> params) {
        return params.entrySet().stream()
            .map(param -> "\"" + param.getKey() + "\":\"" + param.getValue() + "\"")
            .collect(Collectors.joining(",", "{", "}"));
    }

    private static String numbers(final double[] values) {
        return Arrays.stream(values).mapToObj(SyntheticJmh::number).collect(Collectors.joining(","));
    }

    private static String number(final double value) {
        return String.format(Locale.ROOT, "%.17g", value);
    }
}
