package io.ackbench.tools.nightly;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NightlyErrorRatesTest {
    @TempDir
    Path root;

    private int run(final ByteArrayOutputStream err, final String... args) throws Exception {
        return NightlyErrorRates.run(args, FakeJava.create(root),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void runsKPairsOfEachKindAlternatingAndOnlyTheSlowedBSidesGetTheSwitch() throws Exception {
        final Path list = Files.writeString(root.resolve("gate.list"), "ProduceBenchmark.send\nOther\n");
        final Path report = root.resolve("report/rates.md");
        final ByteArrayOutputStream err = new ByteArrayOutputStream();

        final int status = run(err, "--root", root.toString(), "--jar", "b.jar", "--list", list.toString(),
            "--run-dir", root.resolve("runs").toString(), "--report", report.toString(), "--commit", "abc1234",
            "--pairs", "2", "--slowdown", "10", "--affected", "ProduceBenchmark\\.send", "--jmh-args", "-f 1");

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        final List<String> calls = FakeJava.calls(root);
        assertThat(calls).hasSize(2 * 2 * 4 * 2); // pairs x kinds x A B B A x lines
        assertThat(calls).extracting(call -> call.contains("-Dackbench.inject.slowdownPercent=10"))
            .containsExactly(false, false, false, false, false, false, false, false, // A/A
                false, true, true, false, false, true, true, false,                 // A B B A per line, B slowed
                false, false, false, false, false, false, false, false,
                false, true, true, false, false, true, true, false);
        assertThat(root.resolve("runs/pair-01-aa/2-abc1234.json")).isRegularFile();
        assertThat(root.resolve("runs/pair-02-slowed/2-abc1234-slow10.json")).isRegularFile();
        assertThat(root.resolve("runs/host.json")).isRegularFile();
        assertThat(Files.readString(report))
            .contains("| false regression: an A/A pair with any regression flagged | 2 | 0 | 0/2 = 0% |")
            .contains("| detection: an injected pair with a reached benchmark flagged | 2 | 0 | 0/2 = 0% |")
            .contains("| 2 | slowed 10% | ");
    }

    @Test
    void refusesAPairCountBelowOne() throws Exception {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();

        final int status = run(err, "--root", root.toString(), "--jar", "b.jar", "--list", "l", "--run-dir", "r",
            "--report", "r.md", "--commit", "abc1234", "--pairs", "0", "--slowdown", "10", "--affected", "x");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
            .isEqualTo("nightly-error-rates: --pairs must be 1 or more, was 0\n");
    }
}
