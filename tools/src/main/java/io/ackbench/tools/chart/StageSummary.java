package io.ackbench.tools.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ackbench.load.stages.StageBreakdown;
import io.ackbench.load.stages.StageRow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One run's stage breakdown as its {@code summary.json} carries it under {@code "stages"} (what
 * {@link StageBreakdown#json()} writes: percentiles in microseconds, null where unknown), named for the chart.
 *
 * @param label the run's name on the chart: given, or the name of the directory that holds the file
 */
record StageSummary(String label, StageBreakdown breakdown) {
    static final String STAGES = "stages";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param label null to name the run by its directory
     * @throws IllegalArgumentException when the file has no {@code "stages"} object or a stage lacks a field
     * @throws UncheckedIOException naming the file when it cannot be read or parsed
     */
    static StageSummary read(final Path summaryJson, final String label) {
        final JsonNode root;
        try {
            root = JSON.readTree(summaryJson.toFile());
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read " + summaryJson + ": " + e.getMessage(), e);
        }
        final JsonNode stages = root == null ? null : root.get(STAGES);
        if (stages == null || !stages.isObject()) {
            throw new IllegalArgumentException(summaryJson + " has no \"" + STAGES + "\" object: the run's target "
                + "reported no stage breakdown");
        }
        return new StageSummary(label != null ? label : runName(summaryJson), parse(stages, summaryJson));
    }

    static StageBreakdown parse(final JsonNode stages, final Path from) {
        final List<String> notes = new ArrayList<>();
        stages.path("notes").forEach(note -> notes.add(note.asText()));
        final List<StageRow> rows = new ArrayList<>();
        for (final JsonNode row : stages.path(STAGES)) {
            rows.add(new StageRow(text(row, "name", from), text(row, "spans", from), row.path("count").asLong(
                StageRow.UNKNOWN_COUNT), text(row, "unit", from), micros(row, "p50"), micros(row, "p99"),
                micros(row, "p999"), micros(row, "max"), required(row, "inTotal", from).asBoolean()));
        }
        return new StageBreakdown(text(stages, "source", from), rows, notes);
    }

    private static String runName(final Path summaryJson) {
        final Path dir = summaryJson.toAbsolutePath().getParent();
        return dir == null || dir.getFileName() == null ? summaryJson.toString() : dir.getFileName().toString();
    }

    private static double micros(final JsonNode row, final String field) {
        final JsonNode value = row.get(field);
        return value == null || value.isNull() ? StageRow.UNKNOWN : value.asDouble();
    }

    private static String text(final JsonNode node, final String field, final Path from) {
        return required(node, field, from).asText();
    }

    private static JsonNode required(final JsonNode node, final String field, final Path from) {
        final JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(from + ": a stage breakdown without \"" + field + "\" in " + node);
        }
        return value;
    }
}
