package io.ackbench.load.audit;

import io.ackbench.broker.BrokerConfig;
import io.ackbench.fault.BrokerFaults;
import io.ackbench.load.AckbenchTarget;
import io.ackbench.load.Directories;
import io.ackbench.load.LoadCluster;
import io.ackbench.load.LoadGenerator;
import io.ackbench.load.LoadTarget;
import io.ackbench.load.RunResult;
import io.ackbench.load.Workload;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one audit cell: starts the target's cluster, runs the workload through the {@link LoadGenerator} with an
 * {@link OutcomeLedger} listening to every completion while a {@link RoleFaultDriver} strikes, ends the last fault,
 * waits for every replica to be back in the ISR, reads the topic back ({@link ReadBack}), classifies every record
 * ({@link DeliveryClassifier}) and judges the result against what Kafka documents ({@link Guarantee}). The cell's
 * files go to its directory: the load generator's (latency.hgrm, summary.json, ...), {@value #TIMELINE_FILE} (the
 * faults with their times beside the acknowledgements per {@value #TIMELINE_STEP_MILLIS} ms), {@value #FAULTS_FILE}
 * (the faults by broker, which {@code produce-perf --faults} replays) and {@value #CELL_JSON}.
 */
public final class CellRunner {
    public static final String TIMELINE_FILE = "timeline.txt";
    public static final String FAULTS_FILE = "faults.txt";
    public static final String CELL_JSON = "cell.json";
    static final int TIMELINE_STEP_MILLIS = 100;
    /** The share of Produce responses a response-loss cell loses. */
    static final double LOST_RESPONSES = 0.01;
    private static final long HEAL_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** Room for records beyond the schedule's count (the schedule is exact; this only guards the arrays). */
    private static final double RECORD_SLACK = 1.05;

    private final PrintStream out;
    private final long faultSeed;
    private final int faultCount;
    private final long healBoundMillis;

    /**
     * @param faultSeed       seeds the fault times of every cell
     * @param faultCount      faults per cell with a fault
     * @param healBoundMillis how long the cluster may take to heal, and then to be read back, before the cell is
     *                        reported as not healed
     */
    public CellRunner(final PrintStream out, final long faultSeed, final int faultCount, final long healBoundMillis) {
        this.out = out;
        this.faultSeed = faultSeed;
        this.faultCount = faultCount;
        this.healBoundMillis = healBoundMillis;
    }

    /**
     * Runs {@code cell} on {@code target} with {@code workload}; its files go to {@code cellDir}, the brokers' data
     * to {@code dataDir} (deleted unless the cell did not heal). A failure of the harness is reported as
     * {@link CellResult.Status#FAILED}, not thrown, so the audit goes on with its next cell.
     */
    public CellResult run(final AuditCell cell, final LoadTarget target, final Workload workload, final Path cellDir,
                          final Path dataDir) throws InterruptedException {
        boolean keepData = false;
        try {
            Files.createDirectories(cellDir);
            Files.createDirectories(dataDir);
            CellResult result;
            final DeliveryHistory history = new DeliveryHistory();
            try (LoadCluster cluster = target.start(workload, dataDir)) {
                result = run(cell, target, cluster, workload, cellDir, dataDir, history);
            }
            keepData = result.keptDataDir() != null;
            if (result.status() == CellResult.Status.DONE && cell.target().equals(AckbenchTarget.NAME)) {
                // The brokers are stopped: their logs can be opened as a restart would.
                result = result.withDivergentReplicas(ReplicaLogs.divergent(dataDir,
                    BrokerConfig.of(workload.brokerSettings()), history.reads()));
            }
            if (result.status() == CellResult.Status.DONE) {
                Files.writeString(cellDir.resolve(CELL_JSON), AuditReport.cellJson(result) + "\n",
                    StandardCharsets.UTF_8);
            }
            return result;
        } catch (final IOException | RuntimeException e) {
            keepData = true;
            return CellResult.unfinished(cell, CellResult.Status.FAILED, String.valueOf(e), dataDir);
        } finally {
            if (!keepData) {
                deleteQuietly(dataDir);
            }
        }
    }

    /** Runs the cell on its started cluster; what was sent and read back goes into {@code history}. */
    private CellResult run(final AuditCell cell, final LoadTarget target, final LoadCluster cluster,
                           final Workload workload, final Path cellDir, final Path dataDir,
                           final DeliveryHistory history) throws IOException, InterruptedException {
        final boolean strikesBrokers = cell.fault().kind() != null;
        final BrokerFaults brokers = strikesBrokers ? cluster.faults() : null;
        if (strikesBrokers && (brokers == null || !brokers.supports(cell.fault().kind()))) {
            return CellResult.refused(cell, cell.fault().flagName() + " cannot be applied to this " + cell.target()
                + " cluster");
        }
        if (cell.fault() == AuditFault.RESPONSE_LOSS && !cluster.loseResponses(LOST_RESPONSES, faultSeed)) {
            return CellResult.refused(cell, "this " + cell.target() + " cluster's transport cannot lose responses");
        }
        final long spanNanos = workload.warmupNanos() + workload.durationNanos();
        final int recordsPerThread = (int) Math.min(Integer.MAX_VALUE - 8, Math.ceil(
            workload.shareOf(workload.targetRate(), 0) * (spanNanos / 1e9) * RECORD_SLACK) + 1_000);
        final OutcomeLedger ledger = new OutcomeLedger(recordsPerThread,
            spanNanos + TimeUnit.MILLISECONDS.toNanos(healBoundMillis));
        final LoadGenerator generator = new LoadGenerator(target, out).withDeliveryTaps(ledger);
        final long durationMillis = TimeUnit.NANOSECONDS.toMillis(workload.durationNanos());
        final List<Long> faultTimes = brokers == null ? List.of()
            : RoleFaultDriver.times(faultSeed, faultCount, durationMillis);
        final RoleFaultDriver driver = brokers == null ? null
            : RoleFaultDriver.start(cell.fault(), faultTimes, brokers, cluster,
                () -> ledger.originNanos() == OutcomeLedger.NO_ORIGIN ? OutcomeLedger.NO_ORIGIN
                    : ledger.originNanos() + workload.warmupNanos());
        final RunResult result;
        try {
            result = generator.run(workload, cluster, cellDir);
        } finally {
            if (driver != null) {
                driver.stop();
            }
        }
        if (driver != null && driver.failure() != null) {
            return CellResult.unfinished(cell, CellResult.Status.FAILED, "a fault could not be applied: "
                + driver.failure(), dataDir);
        }
        final long measureStart = ledger.originNanos() + workload.warmupNanos();
        final long unavailable = ledger.longestGapMillis(measureStart, measureStart + workload.durationNanos());
        writeTimeline(cellDir, driver, ledger, workload);
        if (driver != null) {
            Files.writeString(cellDir.resolve(FAULTS_FILE), "# The faults this cell applied, by broker, from its "
                + "measurement start; replay them with produce-perf --faults " + FAULTS_FILE + "\n"
                + driver.appliedText(), StandardCharsets.UTF_8);
        }
        if (!awaitHealed(cluster)) {
            return CellResult.unfinished(cell, CellResult.Status.NOT_HEALED, "not every replica was back in the "
                + "ISR " + healBoundMillis + " ms after the load ended", dataDir);
        }
        final long read = ReadBack.readAll(cluster, workload, history, healBoundMillis);
        if (read < 0) {
            return CellResult.unfinished(cell, CellResult.Status.NOT_HEALED, "the topic could not be read to its "
                + "high watermark within " + healBoundMillis + " ms", dataDir);
        }
        if (ledger.unmatched() > 0) {
            throw new IllegalStateException(ledger.unmatched() + " completions matched no record of their "
                + "thread's schedule");
        }
        ledger.addSendsTo(history);
        final DeliveryAudit audit = DeliveryClassifier.classify(history);
        final List<Guarantee.Promise> promises = Guarantee.documented(cell.setting(), cell.fault());
        final CellResult cellResult = new CellResult(cell, CellResult.Status.DONE, null, audit, promises,
            Guarantee.breaches(promises, audit), unavailable, result.recordsPerSecond(), result.latencyMicrosAt(99),
            endToEndP99Micros(result), null, -1);
        return cellResult;
    }

    private static long endToEndP99Micros(final RunResult result) {
        return result.endToEnd() == null ? -1 : result.endToEndMicrosAt(99);
    }

    private boolean awaitHealed(final LoadCluster cluster) {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(healBoundMillis);
        while (System.nanoTime() - deadline < 0) {
            if (RoleFaultDriver.healed(cluster)) {
                return true;
            }
            LockSupport.parkNanos(HEAL_POLL_NANOS);
        }
        return false;
    }

    /** The faults' lines, then acknowledgements per step from the run's first intended send. */
    private static void writeTimeline(final Path cellDir, final RoleFaultDriver driver, final OutcomeLedger ledger,
                                      final Workload workload) throws IOException {
        final List<String> lines = new ArrayList<>();
        lines.add("# Faults, in ms from the measurement start (after " + workload.warmupNanos() / 1_000_000
            + " ms of warm-up)");
        if (driver != null) {
            lines.addAll(driver.timeline());
        }
        lines.add("# Records acknowledged per " + TIMELINE_STEP_MILLIS + " ms, from the measurement start");
        lines.add("# ms acknowledged");
        final long[] buckets = ledger.acknowledgementTimeline();
        final int perStep = TIMELINE_STEP_MILLIS / OutcomeLedger.BUCKET_MILLIS;
        final int first = (int) (workload.warmupNanos() / 1_000_000 / OutcomeLedger.BUCKET_MILLIS);
        int last = buckets.length - 1;
        while (last > first && buckets[last] == 0) {
            last--;
        }
        for (int b = first; b <= last; b += perStep) {
            long sum = 0;
            for (int i = b; i < Math.min(buckets.length, b + perStep); i++) {
                sum += buckets[i];
            }
            lines.add(String.format(Locale.ROOT, "%d %d", (long) (b - first) * OutcomeLedger.BUCKET_MILLIS, sum));
        }
        Files.write(cellDir.resolve(TIMELINE_FILE), lines, StandardCharsets.UTF_8);
    }

    private static void deleteQuietly(final Path dir) {
        try {
            Directories.deleteRecursively(dir);
        } catch (final IOException e) {
            // best effort: a data dir left behind is only disk space
        }
    }
}
