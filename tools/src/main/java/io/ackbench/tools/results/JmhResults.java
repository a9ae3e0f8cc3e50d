package io.ackbench.tools.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a JMH result file ({@code -rf json}): an array with one object per benchmark × mode × parameters.
 *
 * <p>Per-iteration samples come from {@code rawData} ({@code [fork][iteration] → value}); a {@code sample} mode
 * primary metric has {@code rawDataHistogram} instead ({@code [fork][iteration] → [[value, count], ...]}), and
 * its samples are each iteration's mean, the figure a throughput or average-time iteration would have reported.
 * JMH writes a number it could not compute as the string {@code "NaN"}; it is read as {@link Double#NaN}.
 */
public final class JmhResults {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String BENCHMARK = "benchmark";
    private static final String MODE = "mode";
    private static final String PARAMS = "params";
    private static final String PRIMARY_METRIC = "primaryMetric";
    private static final String SECONDARY_METRICS = "secondaryMetrics";
    private static final String SCORE = "score";
    private static final String SCORE_ERROR = "scoreError";
    private static final String SCORE_UNIT = "scoreUnit";
    private static final String RAW_DATA = "rawData";
    private static final String RAW_DATA_HISTOGRAM = "rawDataHistogram";

    private static final int HISTOGRAM_VALUE = 0;
    private static final int HISTOGRAM_COUNT = 1;

    private JmhResults() {
    }

    /**
     * @throws IllegalArgumentException naming the file and what is wrong: unreadable, not JSON, not an array, or
     *                                  an entry without a field JMH always writes
     */
    public static List<BenchmarkResult> read(final Path file) {
        final String json;
        try {
            json = Files.readString(file);
        } catch (final IOException e) {
            throw new IllegalArgumentException(file + ": cannot read JMH results (" + e + ")", e);
        }
        return parse(json, file.toString());
    }

    /** As {@link #read}, from JSON text; {@code source} names it in errors. */
    public static List<BenchmarkResult> parse(final String json, final String source) {
        final JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (final JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException(source + ": not a JMH result file, expected a JSON array of results"
                + " but found " + (root == null || root.isMissingNode() ? "nothing" : root.getNodeType()));
        }
        final List<BenchmarkResult> results = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            results.add(result(root.get(i), new Where(source, i)));
        }
        return results;
    }

    private static BenchmarkResult result(final JsonNode entry, final Where where) {
        if (!entry.isObject()) {
            throw where.error("is " + entry.getNodeType() + ", not an object");
        }
        final String benchmark = text(entry, BENCHMARK, where);
        final Where named = where.named(benchmark);
        final String mode = text(entry, MODE, named);
        final Metric primary = metric(required(entry, PRIMARY_METRIC, named), named.field(PRIMARY_METRIC));
        return BenchmarkResult.of(benchmark, mode, params(entry, named), primary, secondaries(entry, named));
    }

    private static Map<String, String> params(final JsonNode entry, final Where where) {
        final Map<String, String> params = new TreeMap<>();
        final JsonNode node = entry.get(PARAMS);
        if (node == null || node.isNull()) {
            return params;
        }
        if (!node.isObject()) {
            throw where.error("field \"" + PARAMS + "\" is " + node.getNodeType() + ", not an object");
        }
        for (final Map.Entry<String, JsonNode> param : node.properties()) {
            params.put(param.getKey(), param.getValue().asText());
        }
        return params;
    }

    private static Map<String, Metric> secondaries(final JsonNode entry, final Where where) {
        final Map<String, Metric> secondaries = new LinkedHashMap<>();
        final JsonNode node = entry.get(SECONDARY_METRICS);
        if (node == null || node.isNull()) {
            return secondaries;
        }
        if (!node.isObject()) {
            throw where.error("field \"" + SECONDARY_METRICS + "\" is " + node.getNodeType() + ", not an object");
        }
        for (final Map.Entry<String, JsonNode> metric : node.properties()) {
            secondaries.put(metric.getKey(),
                metric(metric.getValue(), where.field(SECONDARY_METRICS + "." + metric.getKey())));
        }
        return secondaries;
    }

    private static Metric metric(final JsonNode node, final Where where) {
        if (!node.isObject()) {
            throw where.error("is " + node.getNodeType() + ", not an object");
        }
        final double score = number(required(node, SCORE, where), where.field(SCORE));
        final double error = number(required(node, SCORE_ERROR, where), where.field(SCORE_ERROR));
        final String unit = text(node, SCORE_UNIT, where);
        final double[] samples;
        if (node.has(RAW_DATA_HISTOGRAM)) {
            samples = histogramMeans(node.get(RAW_DATA_HISTOGRAM), where.field(RAW_DATA_HISTOGRAM));
        } else if (node.has(RAW_DATA)) {
            samples = rawData(node.get(RAW_DATA), where.field(RAW_DATA));
        } else {
            throw where.error("field \"" + RAW_DATA + "\" (or \"" + RAW_DATA_HISTOGRAM + "\") is missing");
        }
        return Metric.of(score, error, unit, samples);
    }

    private static double[] rawData(final JsonNode forks, final Where where) {
        final List<Double> samples = new ArrayList<>();
        for (final JsonNode fork : array(forks, where)) {
            for (final JsonNode iteration : array(fork, where)) {
                samples.add(number(iteration, where));
            }
        }
        return samples.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] histogramMeans(final JsonNode forks, final Where where) {
        final List<Double> means = new ArrayList<>();
        for (final JsonNode fork : array(forks, where)) {
            for (final JsonNode iteration : array(fork, where)) {
                double weightedSum = 0;
                double count = 0;
                for (final JsonNode bucket : array(iteration, where)) {
                    if (!bucket.isArray() || bucket.size() != 2) {
                        throw where.error("has a bucket " + bucket + ", expected [value, count]");
                    }
                    final double bucketCount = number(bucket.get(HISTOGRAM_COUNT), where);
                    weightedSum += number(bucket.get(HISTOGRAM_VALUE), where) * bucketCount;
                    count += bucketCount;
                }
                if (count <= 0) {
                    throw where.error("has an iteration with no samples");
                }
                means.add(weightedSum / count);
            }
        }
        return means.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static JsonNode required(final JsonNode node, final String field, final Where where) {
        final JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw where.error("field \"" + field + "\" is missing");
        }
        return value;
    }

    private static String text(final JsonNode node, final String field, final Where where) {
        final JsonNode value = required(node, field, where);
        if (!value.isTextual()) {
            throw where.error("field \"" + field + "\" is " + value.getNodeType() + ", not a string");
        }
        return value.asText();
    }

    private static Iterable<JsonNode> array(final JsonNode node, final Where where) {
        if (!node.isArray()) {
            throw where.error("is " + node.getNodeType() + " where an array was expected");
        }
        return node;
    }

    /** A JSON number, or the strings JMH writes for non-finite values ({@code "NaN"}, {@code "Infinity"}). */
    private static double number(final JsonNode node, final Where where) {
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isTextual()) {
            try {
                return Double.parseDouble(node.asText());
            } catch (final NumberFormatException e) {
                throw where.error("has \"" + node.asText() + "\" where a number was expected");
            }
        }
        throw where.error("has " + node.getNodeType() + " where a number was expected");
    }

    /** Where in the file a value was read, for error messages: file, entry index and benchmark, field. */
    private static final class Where {
        private final String source;
        private final int index;
        private final String benchmark;
        private final String field;

        Where(final String source, final int index) {
            this(source, index, null, null);
        }

        private Where(final String source, final int index, final String benchmark, final String field) {
            this.source = source;
            this.index = index;
            this.benchmark = benchmark;
            this.field = field;
        }

        Where named(final String name) {
            return new Where(source, index, name, field);
        }

        Where field(final String name) {
            return new Where(source, index, benchmark, field == null ? name : field + "." + name);
        }

        IllegalArgumentException error(final String what) {
            final StringBuilder message = new StringBuilder(source).append(": result ").append(index);
            if (benchmark != null) {
                message.append(" (").append(benchmark).append(')');
            }
            if (field != null) {
                message.append(", ").append(field);
            }
            return new IllegalArgumentException(message.append(' ').append(what).toString());
        }
    }
}
