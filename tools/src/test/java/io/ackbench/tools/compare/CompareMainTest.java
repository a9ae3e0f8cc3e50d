package io.ackbench.tools.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.ackbench.tools.compare.SyntheticJmh.constant;
import static io.ackbench.tools.compare.SyntheticJmh.normal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CompareMainTest {
    private static final double[] TEN = {10, 10.2, 9.8, 10.1, 9.9};
    private static final double[] EIGHT = {8, 8.2, 7.8, 8.1, 7.9};
    private static final Map<String, String> PARAMS = Map.of("impl", "ackbench", "keySize", "16");

    @TempDir
    Path directory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void nothingRegressedExitsZero() throws IOException {
        final Path baseline = file("baseline.json", new SyntheticJmh().thrpt("B.m", PARAMS, TEN));
        final Path current = file("current.json", new SyntheticJmh().thrpt("B.m", PARAMS, normal(1, 10, 0.1, 5)));

        assertThat(run(baseline.toString(), current.toString())).isEqualTo(CompareMain.NOTHING_REGRESSED);
        assertThat(stdout()).contains("| unchanged |");
        assertThat(stderr()).isEmpty();
    }

    @Test
    void regressionExitsOneAndPrintsTheRow() throws IOException {
        final Path baseline = file("baseline.json", new SyntheticJmh().thrpt("PartitionerBenchmark.murmur2", PARAMS, TEN));
        final Path current = file("current.json", new SyntheticJmh().thrpt("PartitionerBenchmark.murmur2", PARAMS, EIGHT));

        assertThat(run(baseline.toString(), current.toString())).isEqualTo(CompareMain.REGRESSED);
        assertThat(stdout())
            .contains("Baseline `" + baseline + "`, current `" + current + "`: 1 regression, 0 improvements,"
                + " 0 unchanged, 0 without interval, 0 new, 0 vanished.")
            .contains("| benchmark | params | mode | baseline | current | unit | ratio | 99% interval | threshold | verdict |")
            .contains("| `PartitionerBenchmark.murmur2` | impl=ackbench keySize=16 | thrpt | 10.00 ± 0.61"
                + " | 8.00 ± 0.61 | ops/us | 0.800 | 0.770 – 0.831 | 5% | **regression** |");
    }

    @Test
    void allocationFromZeroExitsOne() throws IOException {
        final Path baseline = file("baseline.json",
            new SyntheticJmh().add("B.m", "avgt", "us/op", PARAMS, TEN, constant(0, 5)));
        final Path current = file("current.json",
            new SyntheticJmh().add("B.m", "avgt", "us/op", PARAMS, TEN, constant(0.6, 5)));

        assertThat(run(baseline.toString(), current.toString())).isEqualTo(CompareMain.REGRESSED);
        assertThat(stdout()).contains("### Allocation (gc.alloc.rate.norm)")
            .contains("| `B.m` | impl=ackbench keySize=16 | avgt | 0 | 0.6 | B/op | n/a | — | 5% | **regression** |");
    }

    @Test
    void newAndVanishedBenchmarksAreListedAndExitZero() throws IOException {
        final Path baseline = file("baseline.json", new SyntheticJmh().thrpt("Gone.m", PARAMS, TEN));
        final Path current = file("current.json", new SyntheticJmh().thrpt("Added.m", Map.of(), EIGHT));

        assertThat(run(baseline.toString(), current.toString())).isEqualTo(CompareMain.NOTHING_REGRESSED);
        assertThat(stdout())
            .contains(": 0 regressions, 0 improvements, 0 unchanged, 0 without interval, 1 new, 1 vanished.")
            .contains("interval of the ratio.\n\nNo benchmark is in both runs.\n")
            .contains("### New benchmarks (current only)\n\n- `Added.m` thrpt\n")
            .contains("### Vanished benchmarks (baseline only)\n\n- `Gone.m` thrpt impl=ackbench keySize=16\n");
    }

    @Test
    void optionsChangeTheVerdict() throws IOException {
        final Path baseline = file("baseline.json", new SyntheticJmh().thrpt("B.m", PARAMS, TEN));
        final Path current = file("current.json", new SyntheticJmh().thrpt("B.m", PARAMS, EIGHT));

        assertThat(run(baseline.toString(), current.toString(), "--threshold", "25")).isEqualTo(0);
        assertThat(run(baseline.toString(), current.toString(), "--threshold=25", "--confidence=0.5")).isEqualTo(0);
        assertThat(run("--confidence", "0.95", baseline.toString(), current.toString())).isEqualTo(1);
        assertThat(stdout()).contains("| 95% interval |").contains("0.779 – 0.821");
    }

    @Test
    void jsonAndMarkdownFilesAreWritten() throws IOException {
        final Path baseline = file("baseline.json",
            new SyntheticJmh().add("B.m", "thrpt", "ops/us", PARAMS, TEN, constant(0, 5)));
        final Path current = file("current.json",
            new SyntheticJmh().add("B.m", "thrpt", "ops/us", PARAMS, EIGHT, constant(0, 5))
                .thrpt("C.m", Map.of(), new double[] {1}));
        final Path json = directory.resolve("out/compare.json");
        final Path markdown = directory.resolve("out/compare.md");

        assertThat(run(baseline.toString(), current.toString(), "--json", json.toString(),
            "--markdown", markdown.toString())).isEqualTo(CompareMain.REGRESSED);

        assertThat(Files.readString(markdown)).isEqualTo(stdout());
        final JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.get("regressed").asBoolean()).isTrue();
        assertThat(report.get("settings").get("confidence").asDouble()).isEqualTo(0.99);
        final JsonNode row = report.get("rows").get(0);
        assertThat(row.get("shortName").asText()).isEqualTo("B.m");
        assertThat(row.get("params").get("keySize").asText()).isEqualTo("16");
        assertThat(row.get("verdict").asText()).isEqualTo("regression");
        assertThat(row.get("ratio").asDouble()).isEqualTo(0.8, within(1e-12));
        assertThat(row.get("interval").get("low").asDouble())
            .isEqualTo(0.7700543782363252, within(1e-9));
        assertThat(row.get("baseline").get("samples").asInt()).isEqualTo(5);
        final JsonNode allocation = report.get("allocation").get(0);
        assertThat(allocation.get("verdict").asText()).isEqualTo("unchanged");
        assertThat(allocation.get("ratio").isNull()).isTrue();
        assertThat(allocation.get("interval").isNull()).isTrue();
        assertThat(report.get("new").get(0).get("key").asText()).isEqualTo("io.ackbench.jmh.C.m thrpt");
        assertThat(report.get("vanished")).isEmpty();
    }

    @Test
    void missingFileExitsTwoNamingIt() throws IOException {
        final Path current = file("current.json", new SyntheticJmh().thrpt("B.m", PARAMS, TEN));
        final Path absent = directory.resolve("absent.json");

        assertThat(run(absent.toString(), current.toString())).isEqualTo(CompareMain.BAD_INPUT);
        assertThat(stderr()).startsWith("compare: " + absent + ": cannot read JMH results");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void fileThatIsNotJsonExitsTwoNamingIt() throws IOException {
        final Path baseline = Files.writeString(directory.resolve("baseline.txt"), "Benchmark Mode Cnt Score");
        final Path current = file("current.json", new SyntheticJmh().thrpt("B.m", PARAMS, TEN));

        assertThat(run(baseline.toString(), current.toString())).isEqualTo(CompareMain.BAD_INPUT);
        assertThat(stderr()).startsWith("compare: " + baseline + ": not JSON");
    }

    @Test
    void unknownOptionExitsTwoNamingIt() {
        assertThat(run("a.json", "b.json", "--treshold", "5")).isEqualTo(CompareMain.BAD_INPUT);
        assertThat(stderr()).isEqualTo("compare: Unknown flag '--treshold'\nTry 'compare --help'.\n");
    }

    @Test
    void badOptionValuesExitTwoNamingThem() {
        assertThat(run("a.json", "b.json", "--confidence", "high")).isEqualTo(CompareMain.BAD_INPUT);
        assertThat(stderr()).startsWith("compare: --confidence needs a number, not 'high'");
        err.reset();
        assertThat(run("a.json", "b.json", "--confidence", "99")).isEqualTo(CompareMain.BAD_INPUT);
        assertThat(stderr()).startsWith("compare: bad option value: confidence must be between 0 and 1");
        err.reset();
        assertThat(run("a.json", "b.json", "--json")).isEqualTo(CompareMain.BAD_INPUT);
        assertThat(stderr()).startsWith("compare: --json needs a value");
    }

    @Test
    void wrongNumberOfFilesExitsTwo() {
        assertThat(run("a.json")).isEqualTo(CompareMain.BAD_INPUT);
        assertThat(stderr()).startsWith("compare: expected two result files, BASELINE.json and CURRENT.json,"
            + " but got 1[a.json]");
    }

    @Test
    void helpExplainsEveryOptionAndExitsZero() {
        assertThat(run("--help")).isZero();
        assertThat(stdout()).startsWith("Usage: scripts/compare BASELINE.json CURRENT.json [options]")
            .contains("--confidence P", "--threshold PERCENT", "--allocation-tolerance BYTES", "--json FILE",
                "--markdown FILE", "-h, --help", "Exit status: 0 nothing regressed, 1 something regressed, 2");
        out.reset();
        assertThat(run("-h")).isZero();
        assertThat(stdout()).startsWith("Usage:");
    }

    private int run(final String... args) {
        return CompareMain.run(args, print(out), print(err));
    }

    private static PrintStream print(final ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path file(final String name, final SyntheticJmh results) throws IOException {
        return results.write(directory.resolve(name));
    }
}
