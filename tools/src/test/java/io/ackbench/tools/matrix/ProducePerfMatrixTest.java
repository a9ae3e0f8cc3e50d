package io.ackbench.tools.matrix;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProducePerfMatrixTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<String> calls = new ArrayList<>();

    private int run(final ProducePerfMatrix.ConfigurationRunner runner, final String... args) {
        return ProducePerfMatrix.run(args, dir.resolve("matrix"), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), runner);
    }

    /** Configuration 2 (acks=1, min.insync 2) fails; the others measure. */
    private ProducePerfMatrix.Outcome oneFails(final int index, final List<String> flags, final Path runDir) {
        calls.add(index + " " + flags + " " + dir.relativize(runDir));
        final MatrixConfiguration configuration = DeliveryMatrix.configurations().get(index);
        return index == 2 ? new ProducePerfMatrix.Outcome(1, null)
            : new ProducePerfMatrix.Outcome(0, MatrixTable.row(configuration, MatrixTableTest.result(20_000, 1_000)));
    }

    @Test
    void everyConfigurationRunsWithTheUsersFlagsInItsOwnDirectoryAndTheTableIsPrintedAndWritten() throws IOException {
        assertThat(run(this::oneFails, "--duration", "2s", "--throughput", "20000"))
            .isEqualTo(ProducePerfMatrix.EXIT_FAILED);

        assertThat(calls).hasSize(8).first().isEqualTo("0 [--duration, 2s, --throughput, 20000] matrix/acks_0-minisr2");
        assertThat(calls.get(7)).endsWith("matrix/acks_all-idempotent-minisr3");
        final String table = Files.readString(dir.resolve("matrix/matrix.md"));
        assertThat(table).startsWith(MatrixTable.HEADER).hasLineCount(10)
            .contains("| acks=0 | 2 | 20000 | 1.9 | 1000 |")
            .contains("| acks=1 | 2 | run failed (exit 1), see " + dir.resolve("matrix/acks_1-minisr2") + " |")
            .endsWith("| acks=all idempotent | 3 | 20000 | 1.9 | 1000 | 5001 | 9003 | 9003 | true |\n");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("\n" + table + "\nRuns and table: "
            + dir.resolve("matrix") + "\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("== acks=0, min.insync.replicas=2\n")
            .contains("== acks=all idempotent, min.insync.replicas=3\n");
    }

    @Test
    void theFlagsTheMatrixSetsAreRefusedBeforeAnythingRuns() {
        for (final String flag : List.of("--producer-props", "--output-dir", "--sweep")) {
            err.reset();
            assertThat(run(this::oneFails, "--duration", "2s", flag, "x")).isEqualTo(ProducePerfMatrix.EXIT_USAGE);
            assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("produce-perf-matrix: " + flag + " is set per configuration by the matrix; leave it out\n");
        }
        assertThat(calls).isEmpty();
        assertThat(dir.resolve("matrix")).doesNotExist();
    }

    @Test
    void aMinInsyncGivenKeepsOnlyItsRowsAndIsNotPassedOn() throws IOException {
        assertThat(run(this::oneFails, "--min-insync-replicas", "3", "--duration", "2s"))
            .isEqualTo(ProducePerfMatrix.EXIT_OK);

        assertThat(calls).containsExactly("1 [--duration, 2s] matrix/acks_0-minisr3",
            "3 [--duration, 2s] matrix/acks_1-minisr3", "5 [--duration, 2s] matrix/acks_all-minisr3",
            "7 [--duration, 2s] matrix/acks_all-idempotent-minisr3");
        assertThat(Files.readString(dir.resolve("matrix/matrix.md"))).hasLineCount(6);
    }

    /** Each configuration's run leaves a stage table and a summary.json with a breakdown, as produce-perf does. */
    private ProducePerfMatrix.Outcome withStages(final int index, final List<String> flags, final Path runDir)
        throws IOException {
        Files.createDirectories(runDir);
        Files.writeString(runDir.resolve(MatrixRun.STAGES_MD), "| stage | p50 |\n| total " + index + " | 1 |\n");
        try (var fixture = getClass().getResourceAsStream("/stages/ackbench-acks-all/summary.json")) {
            Files.write(runDir.resolve("summary.json"), fixture.readAllBytes());
        }
        return oneFails(index, flags, runDir);
    }

    @Test
    void eachRunsStageTableFollowsTheTableAndTheirBarsAreCharted() throws IOException {
        assertThat(run(this::withStages, "--min-insync-replicas", "2", "--duration", "2s")).isEqualTo(ProducePerfMatrix.EXIT_FAILED);

        final String matrix = Files.readString(dir.resolve("matrix/matrix.md"));
        assertThat(matrix).contains("## " + ProducePerfMatrix.STAGES_HEADING,
            "### acks=0, min.insync.replicas=2\n\n| stage | p50 |\n| total 0 | 1 |\n",
            "### acks=all idempotent, min.insync.replicas=2\n\n| stage | p50 |\n| total 6 | 1 |\n")
            .doesNotContain("### acks=1,"); // its run failed: no breakdown
        assertThat(dir.resolve("matrix/stages-p99.png")).isNotEmptyFile();
    }

    @Test
    void aMinInsyncTheMatrixDoesNotRunIsRefused() {
        for (final List<String> args : List.of(List.of("--min-insync-replicas", "1"), List.of("--min-insync-replicas"),
            List.of("--min-insync-replicas", "two"), List.of("--min-insync-replicas", "2", "--min-insync-replicas", "3"))) {
            err.reset();
            assertThat(run(this::oneFails, args.toArray(new String[0]))).isEqualTo(ProducePerfMatrix.EXIT_USAGE);
            assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("produce-perf-matrix: --min-insync-replicas");
        }
        assertThat(calls).isEmpty();
    }

    @Test
    void producePerfsFlagMistakesStopTheMatrixBeforeItsFirstRun() {
        assertThat(run(this::oneFails, "--duration")).isEqualTo(ProducePerfMatrix.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("produce-perf-matrix: --duration needs a value\n");
        assertThat(calls).isEmpty();
    }

    @Test
    void helpSaysWhatItRunsAndWhereTheFilesGo() {
        assertThat(run(this::oneFails, "--duration", "2s", "-h")).isEqualTo(ProducePerfMatrix.EXIT_OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("min.insync.replicas 2 and 3",
            "--producer-props/--output-dir/--sweep", "--min-insync-replicas 2 (or 3) keeps only that value's rows",
            "results/runs/perf/matrix-<timestamp>",
            "MATRIX_DIR");
        assertThat(calls).isEmpty();
    }
}
