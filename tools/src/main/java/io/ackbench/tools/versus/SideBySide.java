package io.ackbench.tools.versus;

import io.ackbench.load.Workload;
import io.ackbench.load.machine.DeviceQuiet;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs one configuration on every system, {@link RunOrder rounds} of one run each, every run in a JVM of its own
 * ({@link RunJvm}) on a fresh cluster once the data device has finished the previous run's clean-up
 * ({@link DeviceQuiet}); the runs' files go to {@code run-N-SYSTEM} directories. A run that fails to
 * measure is recorded with its error and the others still run, so that one failed start does not cost the rest of a
 * session.
 */
final class SideBySide {
    /** One run: {@link RunJvm}, or a stand-in in tests. */
    @FunctionalInterface
    interface OneRun {
        /**
         * @param flags produce-perf's flags for the run, without --output-dir and --data-dir
         * @throws IOException when the run could not be started
         */
        RunFigures run(int number, String system, String runName, List<String> flags, Path runDir, Path dataDir)
            throws IOException, InterruptedException;
    }

    private static final String RUN_PREFIX = "run-";
    private static final double NANOS_PER_SECOND = 1e9;

    /** What happens between two runs: a wait for the data device to finish the last one's clean-up, or nothing. */
    @FunctionalInterface
    interface BeforeRun {
        /** @return a line saying what it waited for, or null for nothing to say */
        String await(Path dataDir) throws InterruptedException;
    }

    /** A data device still busy after this long has a fault of its own; the run starts and the line says so. */
    static final int MAX_QUIET_WAIT_SECONDS = 120;

    private final PrintStream out;
    private final OneRun oneRun;
    private final BeforeRun beforeRun;

    /**
     * Each run in a JVM of its own, after the data device is quiet ({@link DeviceQuiet}).
     *
     * @param out where each run's heading goes; the runs' own output goes to standard error
     */
    SideBySide(final PrintStream out) {
        this(out, new RunJvm(), dataDir -> DeviceQuiet.of(dataDir).await(MAX_QUIET_WAIT_SECONDS));
    }

    /** With another way to run one run, and no wait between runs: for tests. */
    SideBySide(final PrintStream out, final OneRun oneRun) {
        this(out, oneRun, dataDir -> null);
    }

    SideBySide(final PrintStream out, final OneRun oneRun, final BeforeRun beforeRun) {
        this.out = out;
        this.oneRun = oneRun;
        this.beforeRun = beforeRun;
    }

    /**
     * @param directory where the runs' directories go
     * @param dataDir   under which each run's brokers keep their data (each run deletes its own)
     * @param heading   what the run headings say about the configuration, e.g. {@code configuration 3 of 15}
     * @param runsEach  how many runs each system gets
     * @param rates     records/s per system name for a configuration at a share of each system's max; empty else
     */
    Versus run(final Matchup matchup, final Path directory, final Path dataDir, final String heading,
               final int runsEach, final Map<String, Long> rates) throws InterruptedException {
        final List<Contender> contenders = matchup.contenders();
        final List<Integer> order = RunOrder.of(contenders.size(), runsEach);
        final List<RunFigures> runs = new ArrayList<>(order.size());
        for (int i = 0; i < order.size(); i++) {
            final int number = i + 1;
            final Contender contender = contenders.get(order.get(i));
            final String runName = runName(number, contender.name());
            out.println("== vs-kafka" + (heading.isEmpty() ? "" : " " + heading) + ": "
                + matchup.configuration().name() + ", run " + number + " of " + order.size() + ": "
                + contender.name());
            final Long rate = rates.get(contender.name());
            if (matchup.configuration().rateMode() == RateMode.SHARE_OF_OWN_MAX && rate == null) {
                out.println("== vs-kafka: run " + number + " (" + contender.name() + ") not run: no completed run "
                    + "of it in " + matchup.configuration().maxConfiguration() + " gave its max rate");
                runs.add(RunFigures.crashed(number, contender.name(), runName, "no max rate measured in "
                    + matchup.configuration().maxConfiguration()));
                continue;
            }
            final String waited = beforeRun.await(dataDir);
            if (waited != null) {
                out.println("== vs-kafka: " + waited);
            }
            final long startNanos = System.nanoTime();
            final List<String> flags = new ArrayList<>(contender.flags());
            if (rate != null) {
                // Later flags win: this replaces the configuration's placeholder rate.
                flags.add(Workload.THROUGHPUT);
                flags.add(Long.toString(rate));
            }
            try {
                final RunFigures run = oneRun.run(number, contender.name(), runName, flags,
                    directory.resolve(runName), dataDir.resolve(runName));
                runs.add(run);
                out.println(String.format(Locale.ROOT, "== vs-kafka: run %d (%s) took %.1f s, JVM and cluster start "
                    + "and stop included%s", number, contender.name(), (System.nanoTime() - startNanos)
                    / NANOS_PER_SECOND, run.completed() ? "" : "; it failed: " + run.error()));
            } catch (final IOException | RuntimeException e) {
                out.println("== vs-kafka: run " + number + " (" + contender.name() + ") failed: " + e);
                runs.add(RunFigures.crashed(number, contender.name(), runName, e.toString()));
            }
        }
        final Map<String, Map<String, String>> resources = new LinkedHashMap<>();
        for (final Contender contender : contenders) {
            final Map<String, String> lines = new LinkedHashMap<>();
            contender.target().resources(contender.workload()).forEach(line -> lines.put(line.key(), line.value()));
            resources.put(contender.name(), lines);
        }
        return new Versus(matchup.configuration(), matchup.workload(), matchup.names(), directory, runs, rates,
            resources, Measured.NOT_RECORDED);
    }

    /** {@code run-2-kafka}. */
    static String runName(final int number, final String system) {
        return RUN_PREFIX + number + "-" + system;
    }
}
