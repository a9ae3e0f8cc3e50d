package io.ackbench.tools.versus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ackbench.load.RunResult;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One run of a side-by-side comparison as its table, JSON and charts show it: which run of which system, in which
 * directory, its counts and {@link Figure}s, or the error that ended it before it measured anything. A run in a JVM of
 * its own hands its measurement back as one JSON line ({@link #measurementLine}, {@link #fromMeasurementLine}).
 */
final class RunFigures {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SENT = "recordsSent";
    private static final String ACKNOWLEDGED = "recordsAcknowledged";
    private static final String FAILED = "recordsFailed";
    private static final String FAILURE = "failure";
    private static final String RATE_LIMITED = "rateLimited";
    private static final String KEPT_RATE = "keptRate";

    private final int number;
    private final String system;
    private final String directory;
    private final String error;
    private final long sent;
    private final long acknowledged;
    private final long failed;
    private final String failureLine;
    private final boolean rateLimited;
    private final boolean keptRate;
    private final Map<Figure, Double> figures;

    /**
     * @param figures a value for every {@link Figure}, or none when {@code error} is not null
     */
    RunFigures(final int number, final String system, final String directory, final String error, final long sent,
               final long acknowledged, final long failed, final String failureLine, final boolean rateLimited,
               final boolean keptRate, final Map<Figure, Double> figures) {
        this.number = number;
        this.system = Objects.requireNonNull(system, "system");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.error = error;
        this.sent = sent;
        this.acknowledged = acknowledged;
        this.failed = failed;
        this.failureLine = failureLine;
        this.rateLimited = rateLimited;
        this.keptRate = keptRate;
        this.figures = figures.isEmpty() ? Map.of() : new EnumMap<>(figures);
        if (error == null && this.figures.size() != Figure.values().length) {
            throw new IllegalArgumentException("run " + number + " (" + system + ") has " + figures.keySet()
                + ", not every figure");
        }
    }

    /** A run that measured. */
    static RunFigures of(final int number, final String system, final String directory, final RunResult result) {
        final Map<Figure, Double> figures = new EnumMap<>(Figure.class);
        for (final Figure figure : Figure.values()) {
            figures.put(figure, figure.of(result));
        }
        return new RunFigures(number, system, directory, null, result.sent(), result.acknowledged(), result.failed(),
            result.failureLine(), result.workload().isRateLimited(), result.keptRate(), figures);
    }

    /** What a run measured, as the one line its JVM prints: counts, rate verdict and every figure, unrounded. */
    static String measurementLine(final RunResult result) {
        final ObjectNode line = JSON.createObjectNode();
        of(0, "", "", result).writeMeasurement(line);
        try {
            return JSON.writeValueAsString(line);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("could not write a run's figures", e);
        }
    }

    /** A completed run's counts, rate verdict and figures into {@code node}, as {@link #fromMeasurement} reads them. */
    void writeMeasurement(final ObjectNode node) {
        node.put(SENT, sent);
        node.put(ACKNOWLEDGED, acknowledged);
        node.put(FAILED, failed);
        node.put(FAILURE, failureLine);
        node.put(RATE_LIMITED, rateLimited);
        node.put(KEPT_RATE, keptRate);
        for (final Figure figure : Figure.values()) {
            node.put(figure.jsonName(), figure(figure));
        }
    }

    /**
     * The run whose JVM printed {@code line} ({@link #measurementLine}).
     *
     * @throws IllegalArgumentException naming what is missing when the line is not such a measurement
     */
    static RunFigures fromMeasurementLine(final int number, final String system, final String directory,
                                          final String line) {
        try {
            return fromMeasurement(number, system, directory, JSON.readTree(line));
        } catch (final JsonProcessingException e) {
            throw new IllegalArgumentException("run " + number + " (" + system + ") printed no measurement: '" + line
                + "'", e);
        }
    }

    /**
     * A completed run from the fields {@link #writeMeasurement} wrote into {@code node}.
     *
     * @throws IllegalArgumentException naming the first field missing
     */
    static RunFigures fromMeasurement(final int number, final String system, final String directory,
                                      final JsonNode node) {
        final Map<Figure, Double> figures = new EnumMap<>(Figure.class);
        for (final Figure figure : Figure.values()) {
            figures.put(figure, required(node, figure.jsonName(), number).asDouble());
        }
        final JsonNode failure = node.get(FAILURE);
        return new RunFigures(number, system, directory, null, required(node, SENT, number).asLong(),
            required(node, ACKNOWLEDGED, number).asLong(), required(node, FAILED, number).asLong(),
            failure == null || failure.isNull() ? null : failure.asText(),
            required(node, RATE_LIMITED, number).asBoolean(), required(node, KEPT_RATE, number).asBoolean(), figures);
    }

    private static JsonNode required(final JsonNode node, final String field, final int number) {
        final JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("run " + number + "'s measurement has no " + field);
        }
        return value;
    }

    /** A run that ended with an exception (a cluster that did not start, a producer that failed). */
    static RunFigures crashed(final int number, final String system, final String directory, final String error) {
        return new RunFigures(number, system, directory, Objects.requireNonNull(error, "error"), 0, 0, 0, null,
            false, false, Map.of());
    }

    /** From 1, the order the runs ran in. */
    int number() {
        return number;
    }

    /** The target's name. */
    String system() {
        return system;
    }

    /** The run's directory, relative to its configuration's. */
    String directory() {
        return directory;
    }

    /** Whether the run measured (it may still have failed records). */
    boolean completed() {
        return error == null;
    }

    /** Why the run ended without measuring, or null. */
    String error() {
        return error;
    }

    /** Completed without a failed record. */
    boolean clean() {
        return completed() && failed == 0;
    }

    long sent() {
        return sent;
    }

    long acknowledged() {
        return acknowledged;
    }

    long failed() {
        return failed;
    }

    /** Why records failed, or null. */
    String failureLine() {
        return failureLine;
    }

    boolean rateLimited() {
        return rateLimited;
    }

    /** {@link RunResult#keptRate()}: always true for an unlimited run. */
    boolean keptRate() {
        return keptRate;
    }

    /** @throws IllegalStateException for a run that did not complete */
    double figure(final Figure figure) {
        if (!completed()) {
            throw new IllegalStateException("run " + number + " (" + system + ") did not complete: " + error);
        }
        return figures.get(figure);
    }
}
