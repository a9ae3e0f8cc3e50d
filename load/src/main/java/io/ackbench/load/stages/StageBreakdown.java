package io.ackbench.load.stages;

import io.ackbench.load.JsonText;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A run's latency split into stages: rows in the order a record passes them, the total among them (marked by
 * {@link StageRow#inTotal()} false), rows of what happens to a record after its acknowledgement (a consumer reading
 * it), outside the total, and notes on what the figures can and cannot say (a source's reservoir, its window, stages
 * it cannot see). Percentiles of stages do not add up to the total's percentile: the records slow in one stage are
 * not the records slow in the next.
 *
 * @param source               who measured, for example {@code ackbench producer and brokers, per batch} or
 *                             {@code Apache Kafka: producer metrics and broker JMX}
 * @param afterAcknowledgement stages that follow the producer's acknowledgement, printed below the others
 */
public record StageBreakdown(String source, List<StageRow> rows, List<String> notes,
                             List<StageRow> afterAcknowledgement) {
    /** The heading of the stages after the acknowledgement. */
    public static final String AFTER_ACKNOWLEDGEMENT = "after the acknowledgement";

    public StageBreakdown {
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
        afterAcknowledgement = List.copyOf(afterAcknowledgement);
    }

    /** A breakdown of the produce path only. */
    public StageBreakdown(final String source, final List<StageRow> rows, final List<String> notes) {
        this(source, rows, notes, List.of());
    }

    /** Whether a row, of the produce path or after it, is named {@code name}. */
    public boolean hasRow(final String name) {
        return row(name) != null;
    }

    /** The row, of the produce path or after it, named {@code name}, or null. */
    public StageRow row(final String name) {
        for (final StageRow row : rows) {
            if (row.name().equals(name)) {
                return row;
            }
        }
        for (final StageRow row : afterAcknowledgement) {
            if (row.name().equals(name)) {
                return row;
            }
        }
        return null;
    }

    /** This breakdown with {@code row} in front of its rows: a stage measured before the source's first. */
    public StageBreakdown withFirstRow(final StageRow row) {
        final List<StageRow> all = new ArrayList<>(rows.size() + 1);
        all.add(row);
        all.addAll(rows);
        return new StageBreakdown(source, all, notes, afterAcknowledgement);
    }

    /** This breakdown with {@code more} after its notes. */
    public StageBreakdown withNotes(final List<String> more) {
        final List<String> all = new ArrayList<>(notes);
        all.addAll(more);
        return new StageBreakdown(source, rows, all, afterAcknowledgement);
    }

    /** This breakdown with {@code row} after the acknowledgement, below its other rows. */
    public StageBreakdown withRowAfterAcknowledgement(final StageRow row) {
        final List<StageRow> after = new ArrayList<>(afterAcknowledgement);
        after.add(row);
        return new StageBreakdown(source, rows, notes, after);
    }

    /**
     * A fixed-width table, one line per stage, percentiles in milliseconds, the stages after the acknowledgement below
     * a line of their own, then the notes.
     */
    public List<String> tableLines() {
        final List<String> lines = new ArrayList<>();
        lines.add("Stages (" + source + "), ms:");
        lines.add(String.format(Locale.ROOT, "  %-22s %9s %9s %9s %9s %12s  %s", "stage", "p50", "p99", "p99.9",
            "max", "count", "spans"));
        for (final StageRow row : rows) {
            lines.add(tableLine(row));
        }
        if (!afterAcknowledgement.isEmpty()) {
            lines.add("  " + AFTER_ACKNOWLEDGEMENT + ":");
            for (final StageRow row : afterAcknowledgement) {
                lines.add(tableLine(row));
            }
        }
        for (final String note : notes) {
            lines.add("  note: " + note);
        }
        return lines;
    }

    private static String tableLine(final StageRow row) {
        return String.format(Locale.ROOT, "  %-22s %9s %9s %9s %9s %12s  %s", row.name(),
            millis(row.p50Micros()), millis(row.p99Micros()), millis(row.p999Micros()), millis(row.maxMicros()),
            count(row), row.spans());
    }

    /** A Markdown table with the same columns as {@link #tableLines()}, then the notes as a list. */
    public String markdown() {
        final StringBuilder md = new StringBuilder();
        md.append("Stages (").append(source).append("), ms\n\n");
        md.append("| stage | spans | p50 | p99 | p99.9 | max | count |\n|---|---|---:|---:|---:|---:|---:|\n");
        for (final StageRow row : rows) {
            markdownRow(md, row, "");
        }
        for (final StageRow row : afterAcknowledgement) {
            markdownRow(md, row, " (" + AFTER_ACKNOWLEDGEMENT + ")");
        }
        for (final String note : notes) {
            md.append("\n- ").append(note);
        }
        return md.append('\n').toString();
    }

    private static void markdownRow(final StringBuilder md, final StageRow row, final String nameSuffix) {
        md.append("| ").append(row.name()).append(nameSuffix).append(" | ").append(row.spans()).append(" | ")
            .append(millis(row.p50Micros())).append(" | ").append(millis(row.p99Micros())).append(" | ")
            .append(millis(row.p999Micros())).append(" | ").append(millis(row.maxMicros())).append(" | ")
            .append(count(row)).append(" |\n");
    }

    private static String count(final StageRow row) {
        return row.count() == StageRow.UNKNOWN_COUNT ? "-" : row.count() + " " + row.unit();
    }

    /**
     * A JSON object: {@code source}, {@code notes} and {@code stages}, each stage's percentiles in microseconds; the
     * stages after the acknowledgement come last, each with {@code "afterAcknowledgement":true}.
     */
    public String json() {
        final StringBuilder json = new StringBuilder("{\"source\":").append(JsonText.string(source)).append(",\"notes\":[");
        for (int i = 0; i < notes.size(); i++) {
            json.append(i == 0 ? "" : ",").append(JsonText.string(notes.get(i)));
        }
        json.append("],\"stages\":[");
        for (int i = 0; i < rows.size(); i++) {
            jsonRow(json.append(i == 0 ? "" : ","), rows.get(i)).append('}');
        }
        for (int i = 0; i < afterAcknowledgement.size(); i++) {
            jsonRow(json.append(i == 0 && rows.isEmpty() ? "" : ","), afterAcknowledgement.get(i))
                .append(",\"afterAcknowledgement\":true}");
        }
        return json.append("]}").toString();
    }

    /** A stage's object without its closing brace. */
    private static StringBuilder jsonRow(final StringBuilder json, final StageRow row) {
        return json.append("{\"name\":").append(JsonText.string(row.name()))
            .append(",\"spans\":").append(JsonText.string(row.spans()))
            .append(",\"count\":").append(row.count())
            .append(",\"unit\":").append(JsonText.string(row.unit()))
            .append(",\"inTotal\":").append(row.inTotal())
            .append(",\"p50\":").append(number(row.p50Micros()))
            .append(",\"p99\":").append(number(row.p99Micros()))
            .append(",\"p999\":").append(number(row.p999Micros()))
            .append(",\"max\":").append(number(row.maxMicros()));
    }

    private static String millis(final double micros) {
        return Double.isNaN(micros) ? "-" : String.format(Locale.ROOT, "%.3f", micros / 1_000.0);
    }

    private static String number(final double micros) {
        return Double.isNaN(micros) ? "null" : String.format(Locale.ROOT, "%.1f", micros);
    }
}
