package io.ackbench.tools.chart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code .hgrm} files, the text HdrHistogram's {@code outputPercentileDistribution} prints, in its plain or
 * its CSV form:
 *
 * <pre>
 * # Latency in microseconds ...                         (optional comments; ackbench's writers add one)
 *        Value     Percentile TotalCount 1/(1-Percentile)
 *
 *      842.239 0.000000000000          5           1.00
 *   457179.135 1.000000000000   13078324
 * #[Mean    =   234394.213, StdDeviation   =   107614.449]
 * #[Max     =   457179.135, Total count    =     13078324]
 * #[Buckets =           26, SubBuckets     =         2048]
 * </pre>
 */
final class HgrmReader {
    private static final String COMMENT = "#";
    private static final String SUMMARY = "#[";
    private static final String HEADER_FIRST_COLUMN = "Value";
    private static final Pattern FIELD_SEPARATOR = Pattern.compile("[\\s,]+");
    private static final Pattern SUMMARY_FIELD =
        Pattern.compile("([A-Za-z][A-Za-z ]*?)\\s*=\\s*([-+0-9.eE]+|NaN|Infinity)");
    private static final int VALUE_COLUMN = 0;
    private static final int PERCENTILE_COLUMN = 1;
    private static final int COUNT_COLUMN = 2;
    private static final int MIN_COLUMNS = 3;

    /** Words in a comment line that name the unit of the values, as ackbench's writers put it. */
    private static final Map<String, TimeUnit> UNIT_WORDS = Map.of(
        "nanoseconds", TimeUnit.NANOSECONDS,
        "microseconds", TimeUnit.MICROSECONDS,
        "milliseconds", TimeUnit.MILLISECONDS,
        "seconds", TimeUnit.SECONDS);
    private static final Pattern UNIT_WORD = Pattern.compile("\\b(nanoseconds|microseconds|milliseconds|seconds)\\b");

    private HgrmReader() {
    }

    /**
     * @throws IllegalArgumentException naming the file and line when a row is not three numbers, a percentile lies
     *                                  outside 0 to 1 or falls, or no row is there
     * @throws UncheckedIOException     when the file cannot be read
     */
    static PercentileDistribution read(final Path file) {
        final List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read the percentile distribution " + file, e);
        }
        return parse(lines, file.toString());
    }

    static PercentileDistribution parse(final List<String> lines, final String source) {
        final List<PercentileDistribution.Row> rows = new ArrayList<>();
        double mean = Double.NaN;
        double standardDeviation = Double.NaN;
        double max = Double.NaN;
        long totalCount = -1;
        Optional<TimeUnit> unit = Optional.empty();
        for (int i = 0; i < lines.size(); i++) {
            final String line = lines.get(i).strip();
            final int lineNumber = i + 1;
            if (line.isEmpty() || isHeader(line)) {
                continue;
            }
            if (line.startsWith(SUMMARY)) {
                final Matcher field = SUMMARY_FIELD.matcher(line);
                while (field.find()) {
                    final String name = field.group(1).strip().toLowerCase(Locale.ROOT);
                    final String value = field.group(2);
                    switch (name) {
                        case "mean" -> mean = number(value, source, lineNumber, "Mean");
                        case "stddeviation" -> standardDeviation = number(value, source, lineNumber, "StdDeviation");
                        case "max" -> max = number(value, source, lineNumber, "Max");
                        case "total count" -> totalCount = (long) number(value, source, lineNumber, "Total count");
                        default -> { } // Buckets, SubBuckets: the histogram's layout, not the distribution
                    }
                }
                continue;
            }
            if (line.startsWith(COMMENT)) {
                if (unit.isEmpty()) {
                    final Matcher word = UNIT_WORD.matcher(line.toLowerCase(Locale.ROOT));
                    if (word.find()) {
                        unit = Optional.of(UNIT_WORDS.get(word.group(1)));
                    }
                }
                continue;
            }
            rows.add(row(line, source, lineNumber, rows.isEmpty() ? null : rows.get(rows.size() - 1)));
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(source + ": no percentile rows (value, percentile, total count)");
        }
        return new PercentileDistribution(rows, mean, standardDeviation, max, totalCount, unit);
    }

    /** The column header, plain ({@code Value Percentile ...}) or CSV ({@code "Value","Percentile",...}). */
    private static boolean isHeader(final String line) {
        return line.startsWith(HEADER_FIRST_COLUMN) || line.startsWith("\"" + HEADER_FIRST_COLUMN);
    }

    private static PercentileDistribution.Row row(final String line, final String source, final int lineNumber,
                                                  final PercentileDistribution.Row previous) {
        final String[] fields = FIELD_SEPARATOR.split(line);
        if (fields.length < MIN_COLUMNS) {
            throw new IllegalArgumentException(source + " line " + lineNumber
                + ": expected value, percentile and total count, got \"" + line + "\"");
        }
        final double value = number(fields[VALUE_COLUMN], source, lineNumber, "value");
        final double percentile = number(fields[PERCENTILE_COLUMN], source, lineNumber, "percentile");
        final double count = number(fields[COUNT_COLUMN], source, lineNumber, "total count");
        if (!(percentile >= 0 && percentile <= 1)) {
            throw new IllegalArgumentException(source + " line " + lineNumber + ": percentile " + fields[PERCENTILE_COLUMN]
                + " is not a fraction between 0 and 1");
        }
        if (previous != null && percentile < previous.percentile()) {
            throw new IllegalArgumentException(source + " line " + lineNumber + ": percentile " + fields[PERCENTILE_COLUMN]
                + " falls below the previous row's " + previous.percentile());
        }
        return new PercentileDistribution.Row(value, percentile, (long) count);
    }

    private static double number(final String text, final String source, final int lineNumber, final String field) {
        try {
            return Double.parseDouble(text);
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException(source + " line " + lineNumber + ": " + field + " \"" + text
                + "\" is not a number", e);
        }
    }
}
