package io.ackbench.tools.chart;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChartsMainTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(final String... args) {
        return ChartsMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<Path> printedPaths() {
        return out.toString(StandardCharsets.UTF_8).lines().map(Path::of).toList();
    }

    /** Two results of JMH's -rf json shape, keySize 16 and 64 at the given scores (ops/us). */
    private Path jmhJson(final String name, final double score16, final double score64) throws Exception {
        final String entry = """
            {"jmhVersion": "1.37", "benchmark": "io.ackbench.jmh.PartitionerBenchmark.keyHash", "mode": "thrpt",
             "params": {"keySize": "%s", "numPartitions": "12", "strategy": "murmur2"},
             "primaryMetric": {"score": %s, "scoreError": 0.5, "scoreUnit": "ops/us", "rawData": [[%s, %s]]},
             "secondaryMetrics": {}}""";
        final String json = "[" + entry.formatted("16", score16, score16 - 1, score16 + 1) + ","
            + entry.formatted("64", score64, score64 - 1, score64 + 1) + "]";
        return Files.writeString(dir.resolve(name), json);
    }

    @Test
    void jmhWritesTheChartsAndPrintsTheirPaths() throws Exception {
        final Path json = jmhJson("PartitionerBenchmark-2026-11-24-55da12f-kvm2c.json", 100, 50);

        final int exit = run("jmh", json.toString(), "--out", dir.resolve("out").toString());

        assertThat(exit).isEqualTo(ChartsMain.EXIT_OK);
        assertThat(printedPaths()).containsExactly(
            dir.resolve("out/PartitionerBenchmark.keyHash-thrpt.png"),
            dir.resolve("out/PartitionerBenchmark.keyHash-thrpt.svg"));
        ChartImages.assertPngAndSvgPairs(printedPaths());
    }

    @Test
    void versusChartsTheNamedBenchmarkOfBothFiles() throws Exception {
        final Path baseline = jmhJson("PartitionerBenchmark-2026-11-23-03b0a32-kvm2c.json", 100, 50);
        final Path current = jmhJson("current.json", 90, 50);

        final int exit = run("versus", baseline.toString(), current.toString(), "PartitionerBenchmark.keyHash",
            "keySize=16", "--out", dir.toString(), "--commit", "abc1234");

        assertThat(exit).isEqualTo(ChartsMain.EXIT_OK);
        assertThat(printedPaths()).containsExactly(
            dir.resolve("versus-PartitionerBenchmark.keyHash-thrpt-keySize=16-numPartitions=12-strategy=murmur2.png"),
            dir.resolve("versus-PartitionerBenchmark.keyHash-thrpt-keySize=16-numPartitions=12-strategy=murmur2.svg"));
        ChartImages.assertPngAndSvgPairs(printedPaths());
    }

    @Test
    void versusWithoutABenchmarkChartsEveryOneInBothFiles() throws Exception {
        final Path baseline = jmhJson("baseline.json", 100, 50);
        final Path current = jmhJson("current.json", 90, 55);

        assertThat(run("versus", baseline.toString(), current.toString(), "--out", dir.toString()))
            .isEqualTo(ChartsMain.EXIT_OK);
        assertThat(printedPaths()).hasSize(4);
    }

    @Test
    void latencyTakesNamesForTheCurves() throws Exception {
        final Path hgrm = Files.writeString(dir.resolve("a.hgrm"), "10 0.0 1\n20 0.5 5\n30 0.9 9\n40 1.0 10\n");
        final Path other = Files.writeString(dir.resolve("b.hgrm"), "15 0.0 1\n25 0.5 5\n35 0.9 9\n45 1.0 10\n");

        assertThat(run("latency", hgrm.toString(), other.toString(), "--labels", "one,two", "--out", dir.toString()))
            .isEqualTo(ChartsMain.EXIT_OK);
        assertThat(printedPaths()).containsExactly(dir.resolve("latency.png"), dir.resolve("latency.svg"));
        assertThat(run("latency", hgrm.toString(), "--labels", "one,two")).isEqualTo(ChartsMain.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("charts: --labels has 2 names for 1 files");
    }

    @Test
    void helpAndMistakesAreAnswered() {
        assertThat(run("--help")).isEqualTo(ChartsMain.EXIT_OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: charts COMMAND");
        assertThat(run("plot")).isEqualTo(ChartsMain.EXIT_USAGE);
        assertThat(run("jmh", "--bogus")).isEqualTo(ChartsMain.EXIT_USAGE);
        assertThat(run("jmh", dir.resolve("missing.json").toString(), "--out", dir.toString()))
            .isEqualTo(ChartsMain.EXIT_FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8))
            .contains("charts: unknown command plot; it is jmh, latency, versus or stages")
            .contains("charts: Unknown flag '--bogus'")
            .contains("missing.json");
    }
}
