package io.ackbench.tools.firstrun;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class FirstRunTest {
    @TempDir
    Path root;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void helpPrintsTheUsage() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: scripts/first-run");
    }

    @Test
    void anUnknownFlagOrAMissingListIsAUsageError() {
        assertThat(run("--fast")).isEqualTo(FirstRun.EXIT_USAGE);
        assertThat(run("--list", root.resolve("none.list").toString())).isEqualTo(FirstRun.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("first-run: Unknown flag '--fast' (try --help)",
            "first-run: no benchmark list at " + root.resolve("none.list"));
    }

    @Test
    void keyReportIsReducedToTheBenchmarksPartitionCount() {
        assertThat(FirstRun.keyParameters().records()).isEqualTo(1_000_000);
        assertThat(FirstRun.keyParameters().partitionCounts()).containsExactly(12);
    }

    @Test
    void pathsInsideTheRootAreShownRelativeToIt() {
        assertThat(FirstRun.shown(root, root.resolve("results/runs/x"))).isEqualTo("results/runs/x");
        assertThat(FirstRun.shown(root, Path.of("/elsewhere"))).isEqualTo("/elsewhere");
        assertThat(FirstRun.took(Duration.ofSeconds(342))).isEqualTo("5 min 42 s");
    }

    private int run(final String... args) {
        return FirstRun.run(args, root, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
