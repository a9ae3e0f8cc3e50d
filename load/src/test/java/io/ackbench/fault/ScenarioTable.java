package io.ackbench.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The rows of a scenario test, written as a Markdown table once its tests ran, so their numbers can be quoted.
 * Tests may run on any thread: adding and writing are synchronized.
 */
final class ScenarioTable {
    record Row(String scenario, String acks, int minInsync, boolean idempotence, String crashMode,
               ScenarioOutcome outcome) {
    }

    private final List<Row> rows = new ArrayList<>();

    synchronized void add(final Row row) {
        rows.add(row);
    }

    /** The table, rows in scenario-name order (the names start with their number). */
    synchronized String markdown() {
        final StringBuilder out = new StringBuilder()
            .append("| scenario | acks | min.insync.replicas | enable.idempotence | crash | acknowledged | lost "
                + "| duplicated |\n")
            .append("| --- | --- | --- | --- | --- | ---: | ---: | ---: |\n");
        final List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(Row::scenario));
        for (final Row row : sorted) {
            out.append("| ").append(row.scenario()).append(" | ").append(row.acks()).append(" | ")
                .append(row.minInsync()).append(" | ").append(row.idempotence()).append(" | ")
                .append(row.crashMode()).append(" | ").append(row.outcome().acknowledged()).append(" | ")
                .append(row.outcome().lost().size()).append(" | ").append(row.outcome().duplicated().size())
                .append(" |\n");
        }
        return out.toString();
    }

    synchronized void write(final Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, markdown());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
