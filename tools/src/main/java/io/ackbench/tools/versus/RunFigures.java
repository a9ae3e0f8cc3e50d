package io.ackbench.tools.versus;

import io.ackbench.load.RunResult;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One run of a side-by-side comparison as its table, JSON and charts show it: which run (1 to 4) of which system, in
 * which directory, its counts and {@link Figure}s, or the error that ended it before it measured anything.
 */
final class RunFigures {
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

    /** A run that ended with an exception (a cluster that did not start, a producer that failed). */
    static RunFigures crashed(final int number, final String system, final String directory, final String error) {
        return new RunFigures(number, system, directory, Objects.requireNonNull(error, "error"), 0, 0, 0, null,
            false, false, Map.of());
    }

    /** 1 to 4, the order the runs ran in. */
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
