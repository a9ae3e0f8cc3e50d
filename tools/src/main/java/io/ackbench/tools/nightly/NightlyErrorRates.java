package io.ackbench.tools.nightly;

import io.ackbench.producer.InjectedSlowdown;
import io.ackbench.tools.compare.BenchmarkThresholds;
import io.ackbench.tools.compare.Comparison;
import io.ackbench.tools.compare.ComparisonSettings;
import io.ackbench.tools.results.BenchmarkResult;
import io.ackbench.tools.results.JmhResults;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * scripts/nightly-error-rates: the nightly gate's false regression and detection rates. Runs K A/A pairs of one
 * commit's benchmarks.jar and K pairs whose B side has {@code -Dackbench.inject.slowdownPercent=N}, alternating
 * (A/A, injected, A/A, ...) so that drift falls on both kinds; each pair is an {@link AbbaSession} (A B B A) under
 * {@code --run-dir}, compared as the gate compares (comparator defaults, and the benchmark thresholds of
 * {@code --thresholds}). After every pair it rewrites the Markdown
 * report ({@link ErrorRateReport}), so an interrupted run keeps the pairs it finished.
 *
 * <p>{@code NightlyErrorRates --root DIR --jar JAR --list FILE --run-dir DIR --report FILE.md --commit SHA
 * --pairs K --slowdown N --affected REGEX [--jmh-args ARGS] [--thresholds FILE] [--command TEXT] [--title TEXT]}; exit 0 when every
 * pair ran, 2 on bad input or a failed run.
 */
public final class NightlyErrorRates {
    private static final String TAG = "nightly-error-rates";

    private NightlyErrorRates() {
    }

    public static void main(final String[] args) {
        System.exit(run(args, JmhListRun.javaCommand(), System.out, System.err));
    }

    static int run(final String[] args, final List<String> java, final PrintStream out, final PrintStream err) {
        try {
            final Map<String, String> flags = Flags.parse(args, List.of("--root", "--jar", "--list", "--run-dir",
                "--report", "--commit", "--pairs", "--slowdown", "--affected"),
                List.of("--jmh-args", "--command", "--title", "--thresholds"));
            final int pairs = positive(flags, "--pairs");
            final int slowdown = positive(flags, "--slowdown");
            final Path root = Path.of(flags.get("--root"));
            final Path list = Path.of(flags.get("--list"));
            final Path runDir = Path.of(flags.get("--run-dir"));
            final Path report = Path.of(flags.get("--report"));
            final String commit = flags.get("--commit");
            final String jmhArgs = flags.getOrDefault("--jmh-args", "");
            final ComparisonSettings settings = ComparisonSettings.defaults().withBenchmarkThresholds(
                flags.containsKey("--thresholds") ? BenchmarkThresholds.read(Path.of(flags.get("--thresholds")))
                    : BenchmarkThresholds.none());
            final HostFingerprint host = HostProbe.probe(root.toAbsolutePath().normalize(),
                HostProbe.dataDirectories(JmhListRun.lines(list)));
            final ErrorRateReport.Setup setup = new ErrorRateReport.Setup(flags.getOrDefault("--command", ""),
                flags.getOrDefault("--title", "Nightly gate error rates"), commit, list.getFileName().toString(),
                jmhArgs, pairs, slowdown, flags.get("--affected"), host.shortDigest());
            Files.createDirectories(runDir);
            Files.createDirectories(report.toAbsolutePath().getParent());
            host.write(runDir.resolve("host.json"));
            final List<ErrorRateReport.Pair> done = new ArrayList<>();
            for (int i = 1; i <= pairs; i++) {
                for (final boolean injected : new boolean[] {false, true}) {
                    final String b = injected ? commit + "-slow" + slowdown : commit;
                    final Path pairDir = runDir.resolve(String.format("pair-%02d-%s", i, injected ? "slowed" : "aa"));
                    err.println("== " + TAG + ": pair " + i + " of " + pairs + (injected
                        ? ", B slowed " + slowdown + "%" : ", A/A"));
                    final long start = System.nanoTime();
                    final int status = AbbaSession.run(new String[] {"--root", root.toString(), "--list",
                        list.toString(), "--run-dir", pairDir.toString(), "--a", commit, "--jar-a",
                        flags.get("--jar"), "--b", b, "--jar-b", flags.get("--jar"), "--jmh-args", jmhArgs,
                        "--jvm-args-b", injected ? "-D" + InjectedSlowdown.PROPERTY + "=" + slowdown : ""},
                        java, err, err);
                    if (status == JmhListRun.EXIT_BAD_INPUT) {
                        throw new IllegalStateException("pair " + i + " failed; its runs are in " + pairDir);
                    }
                    final double seconds = (System.nanoTime() - start) / (double) TimeUnit.SECONDS.toNanos(1);
                    done.add(new ErrorRateReport.Pair(i, injected, seconds, compare(pairDir, commit, b, settings)));
                    Files.writeString(report, ErrorRateReport.render(setup, done, settings));
                    err.printf("== %s: pair %d%s took %.1f min%n", TAG, i, injected ? " (slowed)" : " (A/A)",
                        seconds / 60);
                }
            }
            out.println("Report: " + report);
            return JmhListRun.EXIT_OK;
        } catch (final IllegalArgumentException | IllegalStateException | UncheckedIOException | IOException e) {
            err.println(TAG + ": " + e.getMessage());
            return JmhListRun.EXIT_BAD_INPUT;
        }
    }

    private static int positive(final Map<String, String> flags, final String flag) {
        final int value;
        try {
            value = Integer.parseInt(flags.get(flag));
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a whole number, was " + flags.get(flag), e);
        }
        if (value < 1) {
            throw new IllegalArgumentException(flag + " must be 1 or more, was " + value);
        }
        return value;
    }

    /** The pair's A runs pooled against its B runs, as {@link AbbaSession}'s report compares them. */
    static Comparison compare(final Path pairDir, final String commitA, final String commitB,
                              final ComparisonSettings settings) {
        final List<List<BenchmarkResult>> a = new ArrayList<>();
        final List<List<BenchmarkResult>> b = new ArrayList<>();
        for (final AbbaSession.Run run : AbbaSession.runs(commitA, Path.of("a"), commitB, Path.of("b"))) {
            (run.isA() ? a : b).add(JmhResults.read(run.result(pairDir)));
        }
        return Comparison.of(PooledResults.pool(a), PooledResults.pool(b), settings);
    }
}
