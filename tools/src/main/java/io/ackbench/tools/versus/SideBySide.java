package io.ackbench.tools.versus;

import io.ackbench.load.LoadGenerator;
import io.ackbench.load.LoadTarget;
import io.ackbench.load.RunResult;
import io.ackbench.load.Workload;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs one configuration on two systems alternately, A B B A ({@link Side#ORDER}), each run on a fresh cluster of its
 * own through {@link LoadGenerator}; the runs' files go to {@code run-N-SYSTEM} directories. A run that throws is
 * recorded with its error and the others still run, so that one failed start does not cost the rest of a session.
 */
final class SideBySide {
    /** One load-generator run: {@link LoadGenerator#run}, or a stand-in in tests. */
    @FunctionalInterface
    interface OneRun {
        RunResult run(LoadTarget target, Workload workload, Path runDir, Path dataDir)
            throws IOException, InterruptedException;
    }

    private static final String RUN_PREFIX = "run-";
    private static final double NANOS_PER_SECOND = 1e9;

    private final PrintStream out;
    private final OneRun oneRun;

    /** @param out where each run's heading and the load generator's progress and final lines go */
    SideBySide(final PrintStream out) {
        this(out, (target, workload, runDir, dataDir) -> new LoadGenerator(target, out).run(workload, runDir, dataDir));
    }

    SideBySide(final PrintStream out, final OneRun oneRun) {
        this.out = out;
        this.oneRun = oneRun;
    }

    /**
     * @param directory where the runs' directories go
     * @param dataDir   under which each run's brokers keep their data (each run deletes its own)
     * @param heading   what the run headings say about the configuration, e.g. {@code configuration 3 of 10}
     */
    Versus run(final Matchup matchup, final Path directory, final Path dataDir, final String heading)
        throws InterruptedException {
        final List<RunFigures> runs = new ArrayList<>(Side.ORDER.size());
        for (int i = 0; i < Side.ORDER.size(); i++) {
            final int number = i + 1;
            final LoadTarget target = matchup.target(Side.ORDER.get(i));
            final String runName = runName(number, target.name());
            out.println("== vs-kafka" + (heading.isEmpty() ? "" : " " + heading) + ": " + matchup.configuration().name() + ", run " + number + " of "
                + Side.ORDER.size() + ": " + target.name());
            final long startNanos = System.nanoTime();
            try {
                final RunResult result = oneRun.run(target, matchup.workload(), directory.resolve(runName),
                    dataDir.resolve(runName));
                runs.add(RunFigures.of(number, target.name(), runName, result));
                out.println(String.format(Locale.ROOT, "== vs-kafka: run %d (%s) took %.1f s, cluster start and stop "
                    + "included", number, target.name(), (System.nanoTime() - startNanos) / NANOS_PER_SECOND));
            } catch (final IOException | RuntimeException e) {
                out.println("== vs-kafka: run " + number + " (" + target.name() + ") failed: " + e);
                runs.add(RunFigures.crashed(number, target.name(), runName, e.toString()));
            }
        }
        return new Versus(matchup.configuration(), matchup.workload(), matchup.subject().name(),
            matchup.reference().name(), directory, runs);
    }

    /** {@code run-2-kafka}. */
    static String runName(final int number, final String system) {
        return RUN_PREFIX + number + "-" + system;
    }
}
