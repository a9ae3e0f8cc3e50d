package io.ackbench.load.audit;

import io.ackbench.load.PerfOptions;
import io.ackbench.load.ProducePerf;
import io.ackbench.load.Workload;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code delivery-audit}: runs every cell of a matrix of delivery settings, faults and targets ({@link AuditOptions}),
 * one after the other, each on a fresh cluster ({@link CellRunner}), and writes the report: {@value #REPORT_MD} and
 * {@value #REPORT_JSON} in the run's directory, beside a directory per cell. Exit codes: {@value #EXIT_KEPT} when no
 * cell breached a documented promise, {@value #EXIT_BREACHED} when one did or a cell could not finish,
 * {@value #EXIT_USAGE} on bad flags (or a matrix with no cell that can run).
 */
public final class DeliveryAuditCommand {
    public static final int EXIT_KEPT = 0;
    public static final int EXIT_BREACHED = 1;
    public static final int EXIT_USAGE = 2;
    public static final String REPORT_MD = "audit.md";
    public static final String REPORT_JSON = "audit.json";
    private static final DateTimeFormatter RUN_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private DeliveryAuditCommand() {
    }

    /** What a run hands back: its exit code, its results and where its files are (null when it ran no cell). */
    public record Outcome(int exitCode, List<CellResult> results, Path outputDir) {
    }

    public static Outcome run(final String[] args, final PrintStream out, final PrintStream err)
        throws InterruptedException {
        final AuditOptions options;
        final Map<AuditCell, PerfOptions> runnable = new LinkedHashMap<>();
        final List<CellResult> results = new ArrayList<>();
        final Workload shape;
        try {
            options = AuditOptions.parse(args);
            if (options.help()) {
                out.print(usage());
                return new Outcome(EXIT_KEPT, List.of(), null);
            }
            shape = PerfOptions.parse(options.sharedArguments().toArray(String[]::new)).workload();
            for (final AuditCell cell : options.cells()) {
                final String refusal = cell.setting().refusal(shape.replicationFactor());
                if (refusal != null) {
                    results.add(CellResult.refused(cell, refusal));
                    continue;
                }
                if (cell.fault() == AuditFault.LEADER_POWER_LOSS && !cell.target().equals("ackbench")) {
                    results.add(CellResult.refused(cell, "power loss needs ackbench's broker processes, whose logs "
                        + "record what they forced"));
                    continue;
                }
                if (cell.fault() == AuditFault.RESPONSE_LOSS && !cell.target().equals("ackbench")) {
                    results.add(CellResult.refused(cell, "response-loss drops responses in ackbench's client "
                        + "transport; KafkaProducer's would need a proxy between it and the brokers"));
                    continue;
                }
                runnable.put(cell, PerfOptions.parse(options.produceArguments(cell, shape.partitions(),
                    shape.replicationFactor()).toArray(String[]::new)));
            }
        } catch (final IllegalArgumentException e) { // UsageException and ConfigException
            err.println("delivery-audit: " + e.getMessage());
            err.println("Run delivery-audit --help for every flag.");
            return new Outcome(EXIT_USAGE, List.of(), null);
        }
        for (final CellResult refused : results) {
            err.println("delivery-audit: refused " + refused.cell().describe() + ": " + refused.reason());
        }
        if (runnable.isEmpty()) {
            err.println("delivery-audit: no cell of this matrix can run");
            return new Outcome(EXIT_USAGE, results, null);
        }
        final Path root = Path.of(System.getProperty(ProducePerf.ROOT_PROPERTY, "."));
        final String stamp = LocalDateTime.now().format(RUN_STAMP);
        final Path outputDir = options.outputDir() != null ? options.outputDir()
            : root.resolve(Path.of("results", "runs", "audit", stamp));
        final Path dataRoot = options.dataDir() != null ? options.dataDir()
            : root.resolve(Path.of("target", "delivery-audit-data", stamp));
        final CellRunner runner = new CellRunner(out, options.faultSeed(), options.faultCount(),
            options.healTimeoutMillis());
        int index = 0;
        for (final Map.Entry<AuditCell, PerfOptions> entry : runnable.entrySet()) {
            final AuditCell cell = entry.getKey();
            out.println();
            out.println("Cell " + (++index) + " of " + runnable.size() + ": " + cell.describe());
            final CellResult result = runner.run(cell, entry.getValue().target(), entry.getValue().workload(),
                outputDir.resolve(cell.slug()), dataRoot.resolve(cell.slug()));
            out.println("Cell " + index + ": " + summary(result));
            results.add(result);
            write(outputDir, results);
        }
        write(outputDir, results);
        out.println();
        out.print(AuditReport.markdown(results));
        out.println("Files in " + outputDir.toAbsolutePath());
        final boolean failed = results.stream().anyMatch(r -> r.breached()
            || r.status() == CellResult.Status.NOT_HEALED || r.status() == CellResult.Status.FAILED);
        return new Outcome(failed ? EXIT_BREACHED : EXIT_KEPT, results, outputDir);
    }

    private static String summary(final CellResult result) {
        if (result.status() != CellResult.Status.DONE) {
            return result.status() + ": " + result.reason();
        }
        final DeliveryAudit audit = result.audit();
        return audit.acknowledged() + " acknowledged, " + audit.lost().size() + " lost, "
            + audit.duplicated().size() + " duplicated, " + audit.reordered().size() + " reordered; "
            + AuditReport.verdict(result);
    }

    private static void write(final Path outputDir, final List<CellResult> results) {
        try {
            Files.createDirectories(outputDir);
            Files.writeString(outputDir.resolve(REPORT_MD), "# Delivery audit\n\n" + AuditReport.markdown(results),
                StandardCharsets.UTF_8);
            Files.writeString(outputDir.resolve(REPORT_JSON), AuditReport.json(results), StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new java.io.UncheckedIOException("Cannot write the audit's report in " + outputDir, e);
        }
    }

    public static String usage() {
        return String.join("\n",
            "Usage: delivery-audit [flags]",
            "What each delivery setting buys: runs every cell of a matrix of targets x acks x idempotence x",
            "min.insync.replicas x faults, each on a fresh cluster under an open-loop load for --duration with",
            "--fault-count faults, then heals the cluster, reads every partition back and classifies every record:",
            "lost (acknowledged, never read), duplicated, reordered, failed but present, unacknowledged and absent.",
            "Each cell's verdict states what Kafka documents for it and flags a breach. Writes audit.md, audit.json",
            "and a directory per cell (produce-perf's files, timeline.txt, faults.txt, cell.json).",
            "",
            "Matrix (comma-separated lists):",
            "  --targets ackbench,kafka        systems to audit (default ackbench)",
            "  --acks 0,1,all                  producer acks (default all)",
            "  --idempotence false,true        enable.idempotence (default: as Kafka 4.3 resolves it for each acks:",
            "                                  on with acks=all, off otherwise)",
            "  --min-insync-replicas 2,3       the topic's min.insync.replicas (default 2)",
            "  --faults none,leader-kill,...   none | leader-kill | leader-power-loss (ackbench) | follower-kill |",
            "                                  leader-pause (SIGSTOP past the 9 s session) | unclean (followers",
            "                                  paused out of the ISR, leader killed, unclean election allowed) |",
            "                                  response-loss (1% of Produce responses lost; ackbench)",
            "                                  (default none,leader-kill)",
            "",
            "Faults and healing:",
            "  --fault-seed N                  seeds each cell's fault times (default 1): a run is reproducible",
            "  --fault-count K                 faults per cell, one per equal slot of --duration (default 2)",
            "  --heal-timeout D                how long the cluster may take to heal, then to be read back (default",
            "                                  60s); a cell that does not is reported so, its brokers' data kept",
            "",
            "Load and cluster (produce-perf's flags, passed to every cell): --duration (default 30s), --warmup",
            "(default 5s), --throughput (default 10000), --record-size (default 100; at least 16), --partitions,",
            "--brokers, --replication-factor, --producer-threads, --key-distribution, --seed,",
            "--reporting-interval-ms, --consumers (default 1: end-to-end latency during the load), --transport",
            "(ackbench: default inproc; tcp-processes for kill -9, SIGSTOP and power loss of real processes),",
            "--producer-props k=v ..., --broker-props k=v ... (acks, enable.idempotence,",
            "min.insync.replicas and replica.assignment are the audit's to set)",
            "",
            "  --output-dir DIR                the report (default results/runs/audit/<timestamp>)",
            "  --data-dir DIR                  the brokers' data, deleted after each cell that healed",
            "  --help                          this text",
            "",
            "Every cell's topic has each partition's preferred leader on broker 0, so a leader fault strikes every",
            "partition's leader and a follower fault strikes a broker that leads nothing.",
            "",
            "Exit codes: 0 no cell breached what Kafka documents; 1 a cell breached it or could not finish; 2 bad",
            "flags.",
            "");
    }
}
