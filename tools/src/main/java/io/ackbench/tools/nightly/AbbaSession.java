package io.ackbench.tools.nightly;


import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code scripts/nightly.sh --commits A B}'s session: the benchmark list run with commit A's and commit B's
 * benchmarks.jar alternately, A B B A ({@link Side#ORDER}, as vs-kafka alternates its two systems), so that the
 * machine's drift during the session falls on both alike; then {@link NightlyReport} of A's two runs (baseline)
 * against B's (current). Each run is a {@link JmhListRun} into {@code RUN_DIR/N-SHA.json}, its latency files in
 * {@code RUN_DIR/latency-N-SHA/}.
 *
 * <p>The alternation is per line of the list, not per list: line 1 runs A B B A, then line 2, and so on, and each
 * run's parts are joined at the end. A whole list takes minutes, and on a shared host a slow spell of a few minutes
 * landed on one side of a list-level A B B A: in the gate's error-rate runs it was behind both missed detections
 * and both flags of a benchmark the change did not reach. Per line, such a spell covers the four runs of one or two
 * benchmarks, all four alike.
 *
 * <p>{@code AbbaSession --root DIR --list FILE --run-dir DIR --a SHA --jar-a JAR --b SHA --jar-b JAR
 * [--jmh-args ARGS] [--jvm-args-a ARGS] [--jvm-args-b ARGS] [--headline TEXT] [--thresholds FILE]}: the JVM
 * options go to one side's JMH host JVMs (and so to their forks; the error-rate runs give B the injected slowdown
 * this way), the headline to the report's first line, the thresholds to the report's comparison. Exits with the report's status: 0 nothing regressed, 1 something regressed, 2 bad input.
 */
public final class AbbaSession {
    private static final String TAG = "nightly.sh";

    /** One of the session's four runs; {@code isA}: of commit A, the baseline. */
    record Run(int number, String commit, Path jar, boolean isA) {
        /** {@code RUN_DIR/2-SHA.json}. */
        Path result(final Path runDir) {
            return runDir.resolve(number + "-" + commit + ".json");
        }

        Path latencyDir(final Path runDir) {
            return runDir.resolve("latency-" + number + "-" + commit);
        }
    }

    private AbbaSession() {
    }

    /** The four runs, A B B A, numbered from 1. */
    static List<Run> runs(final String commitA, final Path jarA, final String commitB, final Path jarB) {
        final List<Run> runs = new ArrayList<>();
        final List<Boolean> isA = Side.alternate(true, false);
        for (int i = 0; i < isA.size(); i++) {
            runs.add(isA.get(i) ? new Run(i + 1, commitA, jarA, true) : new Run(i + 1, commitB, jarB, false));
        }
        return List.copyOf(runs);
    }

    public static void main(final String[] args) {
        System.exit(run(args, JmhListRun.javaCommand(), System.out, System.err));
    }

    /** The command line, with {@code java} starting the JMH JVMs; returns the exit status. */
    static int run(final String[] args, final List<String> java, final PrintStream out, final PrintStream err) {
        try {
            final Map<String, String> flags = Flags.parse(args,
                List.of("--root", "--list", "--run-dir", "--a", "--jar-a", "--b", "--jar-b"),
                List.of("--jmh-args", "--jvm-args-a", "--jvm-args-b", "--headline", "--thresholds"));
            final Path runDir = Path.of(flags.get("--run-dir"));
            final Path list = Path.of(flags.get("--list"));
            if (!Files.isRegularFile(list)) {
                throw new IllegalArgumentException("no benchmark list at " + list);
            }
            final Path root = Path.of(flags.get("--root"));
            final List<String> jmhArgs = JmhListRun.words(flags.getOrDefault("--jmh-args", ""));
            final JmhListRun runnerA = new JmhListRun(root, java,
                JmhListRun.words(flags.getOrDefault("--jvm-args-a", "")), jmhArgs, err, TAG);
            final JmhListRun runnerB = new JmhListRun(root, java,
                JmhListRun.words(flags.getOrDefault("--jvm-args-b", "")), jmhArgs, err, TAG);
            final String commitA = flags.get("--a");
            final String commitB = flags.get("--b");
            final List<Run> runs = runs(commitA, Path.of(flags.get("--jar-a")), commitB, Path.of(flags.get("--jar-b")));
            final List<String> lines = JmhListRun.lines(list);
            for (int n = 1; n <= lines.size(); n++) {
                for (final Run run : runs) {
                    err.println("== A B B A: line " + n + " of " + lines.size() + ", run " + run.number() + " of "
                        + runs.size() + ", commit " + run.commit());
                    (run.isA() ? runnerA : runnerB).runLine(run.jar(), n, lines.get(n - 1), run.result(runDir),
                        run.latencyDir(runDir));
                }
            }
            final List<String> baseline = new ArrayList<>();
            final List<String> current = new ArrayList<>();
            for (final Run run : runs) {
                (run.isA() ? runnerA : runnerB).join(list, run.result(runDir));
                (run.isA() ? baseline : current).add(run.result(runDir).toString());
            }
            final List<String> reportArgs = new ArrayList<>(List.of("--baseline", String.join(",", baseline),
                "--current", String.join(",", current), "--out", runDir.toString()));
            if (flags.containsKey("--headline")) {
                reportArgs.addAll(List.of("--headline", flags.get("--headline")));
            }
            if (flags.containsKey("--thresholds")) {
                reportArgs.addAll(List.of("--thresholds", flags.get("--thresholds")));
            }
            final int status = NightlyReport.run(reportArgs.toArray(String[]::new), out, err);
            out.println("A B B A of " + commitA + " (baseline) and " + commitB + " (current): "
                + runDir.resolve("report.md"));
            return status;
        } catch (final IllegalArgumentException | IllegalStateException | UncheckedIOException | IOException e) {
            err.println(TAG + ": " + e.getMessage());
            return JmhListRun.EXIT_BAD_INPUT;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(TAG + ": interrupted");
            return JmhListRun.EXIT_BAD_INPUT;
        }
    }
}
