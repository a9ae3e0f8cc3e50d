package io.ackbench.tools.nightly;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class NightlyReportTest {
    private static final double[] STEADY = {1000, 1010, 990, 1005, 995};
    /** 30% faster than STEADY: what an edited baseline claims. */
    private static final double[] FASTER = {1300, 1313, 1287, 1306.5, 1293.5};

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void runLikeItsBaselinePassesAndTheReportShowsTheScoreCharts() throws IOException {
        final Path baseline = write("nightly-2026-11-24-aaaaaaa-kvm2c.json", STEADY);
        final Path current = write("nightly-2026-11-25-bbbbbbb-kvm2c.json", STEADY);

        final int status = run("--baseline", baseline.toString(), "--current", current.toString(),
            "--out", dir.resolve("out").toString());

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        final String report = Files.readString(dir.resolve("out/report.md"));
        assertThat(report).contains("No regression.").contains("## Scores of this run").contains("](charts/")
            .doesNotContain("## Regressions");
        assertThat(Files.exists(dir.resolve("out/comparison.json"))).isTrue();
        assertThat(Files.readString(dir.resolve("out/comparison.md"))).contains("ProduceBenchmark.send");
        try (var charts = Files.list(dir.resolve("out/charts"))) {
            assertThat(charts.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".png"));
        }
    }

    @Test
    void baselineEditedToBeThirtyPercentFasterFailsWithAVersusChart() throws IOException {
        final Path baseline = write("nightly-2026-11-24-aaaaaaa-kvm2c.json", FASTER);
        final Path current = write("nightly-2026-11-25-bbbbbbb-kvm2c.json", STEADY);

        final int status = run("--baseline", baseline.toString(), "--current", current.toString(),
            "--out", dir.resolve("out").toString());

        assertThat(status).isEqualTo(1);
        final String report = Files.readString(dir.resolve("out/report.md"));
        assertThat(report).contains("**1 regression(s).**").contains("## Regressions: baseline versus current")
            .contains("](charts/versus-ProduceBenchmark.send-thrpt-acks=all.png)");
        assertThat(Files.size(dir.resolve("out/charts/versus-ProduceBenchmark.send-thrpt-acks=all.png")))
            .isPositive();
    }

    @Test
    void twoRunsPerSideArePooledAsABBA() throws IOException {
        final Path a1 = write("a1.json", STEADY);
        final Path a2 = write("a2.json", STEADY);
        final Path b1 = write("b1.json", FASTER);
        final Path b2 = write("b2.json", FASTER);

        final int status = run("--baseline", a1 + "," + a2, "--current", b1 + "," + b2,
            "--out", dir.resolve("abba").toString());

        assertThat(status).isZero();
        assertThat(Files.readString(dir.resolve("abba/comparison.md"))).contains("improvement");
    }

    @Test
    void missingFileIsBadInputNamingIt() {
        final int status = run("--baseline", dir.resolve("nope.json").toString(), "--current",
            dir.resolve("nope.json").toString(), "--out", dir.toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("nope.json");
    }

    private int run(final String... args) {
        return NightlyReport.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path write(final String name, final double[] iterations) throws IOException {
        return Files.writeString(dir.resolve(name), "[" + NightlyJson.thrpt("ProduceBenchmark.send", iterations) + "]");
    }
}
