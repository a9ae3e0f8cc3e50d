package io.ackbench.tools.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ackbench.tools.results.BenchmarkResult;
import io.ackbench.tools.results.Metric;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * A {@link Comparison} as JSON, for the nightly job and charts: the same rows as {@link MarkdownReport} with full
 * precision, Welch's p-value and the sample counts. Numbers that are not finite (no ratio, an unbounded interval's
 * bounds) are {@code null}; {@code interval} is {@code null} where there is none.
 */
public final class JsonReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static String render(final Comparison comparison, final String baselineName, final String currentName) {
        final ObjectNode root = JSON.createObjectNode();
        root.put("baseline", baselineName);
        root.put("current", currentName);
        final ComparisonSettings settings = comparison.settings();
        root.putObject("settings")
            .put("confidence", settings.confidence())
            .put("thresholdPercent", settings.thresholdPercent())
            .put("allocationToleranceBytes", settings.allocationToleranceBytes())
            .put("zeroAllocationBytes", Comparison.ZERO_ALLOCATION_BYTES)
            .put("benchmarkThresholds", settings.benchmarkThresholds().source());
        root.put("regressed", comparison.hasRegression());
        root.put("summary", MarkdownReport.summary(comparison));
        rows(root.putArray("rows"), comparison.rows());
        rows(root.putArray("allocation"), comparison.allocationRows());
        benchmarks(root.putArray("new"), comparison.newBenchmarks());
        benchmarks(root.putArray("vanished"), comparison.vanishedBenchmarks());
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (final JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void rows(final ArrayNode array, final List<ComparisonRow> rows) {
        for (final ComparisonRow row : rows) {
            final ObjectNode node = identity(array.addObject(), row.baseline());
            node.put("metric", row.metricName());
            node.put("unit", row.unit());
            side(node.putObject("baseline"), row.baselineMetric(), row.statistics().baselineMean());
            side(node.putObject("current"), row.currentMetric(), row.statistics().currentMean());
            node.put("ratio", Figures.finiteOrNull(row.ratio()));
            row.interval().ifPresentOrElse(
                interval -> node.putObject("interval")
                    .put("low", Figures.finiteOrNull(interval.low()))
                    .put("high", Figures.finiteOrNull(interval.high())),
                () -> node.putNull("interval"));
            node.put("pValue", Figures.finiteOrNull(row.pValue()));
            node.put("thresholdPercent", row.thresholdPercent());
            node.put("verdict", row.verdict().label());
        }
    }

    private static void side(final ObjectNode node, final Metric metric, final double mean) {
        node.put("score", Figures.finiteOrNull(metric.score()));
        node.put("scoreError", Figures.finiteOrNull(metric.scoreError()));
        node.put("mean", Figures.finiteOrNull(mean));
        node.put("samples", metric.sampleCount());
    }

    private static void benchmarks(final ArrayNode array, final List<BenchmarkResult> results) {
        for (final BenchmarkResult result : results) {
            identity(array.addObject(), result);
        }
    }

    private static ObjectNode identity(final ObjectNode node, final BenchmarkResult result) {
        node.put("benchmark", result.benchmark());
        node.put("shortName", result.shortName());
        node.put("mode", result.mode());
        final ObjectNode params = node.putObject("params");
        for (final Map.Entry<String, String> param : result.params().entrySet()) {
            params.put(param.getKey(), param.getValue());
        }
        node.put("key", result.key());
        return node;
    }
}
