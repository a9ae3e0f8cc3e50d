package io.ackbench.tools.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Score thresholds of their own for the benchmarks whose run-to-run noise is wider than the default threshold, from
 * a file of lines {@code BENCHMARK_REGEX PERCENT}: the first line whose regex is found in JMH's full benchmark name
 * sets that benchmark's threshold; {@code #} starts a comment; blank lines are skipped.
 *
 * <p>Why a benchmark needs one: a test on iterations sees only the noise inside one session, but an end-to-end
 * benchmark also moves between sessions (which core the broker threads share, what the host's neighbours do), so
 * two runs of one commit can differ significantly by 10-20%. A threshold below that spread raises false alarms
 * however many iterations are run; the honest gate states the smallest change it can tell from noise per benchmark.
 * scripts/nightly-error-rates measures each benchmark's spread and the threshold it implies.
 */
public final class BenchmarkThresholds {
    private static final String COMMENT = "#";
    private static final int FIELDS = 2;

    private final List<Entry> entries;
    private final String source;

    private BenchmarkThresholds(final List<Entry> entries, final String source) {
        this.entries = List.copyOf(entries);
        this.source = source;
    }

    /** No benchmark has its own threshold. */
    public static BenchmarkThresholds none() {
        return new BenchmarkThresholds(List.of(), "");
    }

    /** @throws IllegalArgumentException naming the file and line of a malformed entry, or an unreadable file */
    public static BenchmarkThresholds read(final Path file) {
        final String text;
        try {
            text = Files.readString(file);
        } catch (final IOException e) {
            throw new IllegalArgumentException("cannot read the thresholds file " + file + ": " + e.getMessage(), e);
        }
        // Reports name the file alone, so that none carries a machine's path; errors name it whole.
        return new BenchmarkThresholds(entries(text, file.toString()), file.getFileName().toString());
    }

    /**
     * @param source what the text is called in errors and reports, e.g. its file's name
     * @throws IllegalArgumentException naming {@code source}, the line and what was wrong with it
     */
    public static BenchmarkThresholds parse(final String text, final String source) {
        return new BenchmarkThresholds(entries(text, source), source);
    }

    private static List<Entry> entries(final String text, final String source) {
        final List<Entry> entries = new ArrayList<>();
        final String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            final int comment = lines[i].indexOf(COMMENT);
            final String line = (comment < 0 ? lines[i] : lines[i].substring(0, comment)).strip();
            if (line.isEmpty()) {
                continue;
            }
            final String where = source + ":" + (i + 1) + ": ";
            final String[] fields = line.split("\\s+");
            if (fields.length != FIELDS) {
                throw new IllegalArgumentException(where + "expected BENCHMARK_REGEX PERCENT, got '" + line + "'");
            }
            entries.add(new Entry(pattern(fields[0], where), percent(fields[1], where)));
        }
        return entries;
    }

    private static Pattern pattern(final String regex, final String where) {
        try {
            return Pattern.compile(regex);
        } catch (final PatternSyntaxException e) {
            throw new IllegalArgumentException(where + "'" + regex + "' is not a regular expression: "
                + e.getDescription(), e);
        }
    }

    private static double percent(final String text, final String where) {
        final double percent;
        try {
            percent = Double.parseDouble(text.endsWith("%") ? text.substring(0, text.length() - 1) : text);
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException(where + "the threshold '" + text + "' is not a number", e);
        }
        if (!(percent >= 0 && percent < 100)) {
            throw new IllegalArgumentException(where + "the threshold must be a percentage from 0 to below 100, was "
                + text);
        }
        return percent;
    }

    /** The threshold in percent of the first entry whose regex is found in {@code benchmark}, if any. */
    public OptionalDouble percentFor(final String benchmark) {
        for (final Entry entry : entries) {
            if (entry.pattern.matcher(benchmark).find()) {
                return OptionalDouble.of(entry.percent);
            }
        }
        return OptionalDouble.empty();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The file (or text) the entries came from; empty for {@link #none()}. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return entries.isEmpty() ? "none" : source + " (" + entries.size() + " entries)";
    }

    private record Entry(Pattern pattern, double percent) {
    }
}
