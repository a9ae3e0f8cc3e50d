package io.ackbench.load.audit;

import io.ackbench.load.AckbenchTarget;
import io.ackbench.load.PerfOptions;
import io.ackbench.load.UsageException;
import io.ackbench.load.Workload;
import io.ackbench.load.cli.Arguments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

/**
 * {@code delivery-audit}'s command line: lists for the matrix axes ({@value #TARGETS}, {@value #ACKS},
 * {@value #IDEMPOTENCE}, {@value #MIN_INSYNC}, {@value #FAULTS}), the audit's own flags, and produce-perf's load and
 * cluster flags, which every cell passes to produce-perf's parser as they are. Each cell is checked by that parser
 * before any cell runs, so a bad flag fails the command at once; a cell Kafka would refuse (idempotence without
 * acks=all, min.insync.replicas above the replication factor) or a fault its target cannot apply is listed as
 * refused instead of run.
 */
public final class AuditOptions {
    public static final String TARGETS = "--targets";
    public static final String ACKS = "--acks";
    public static final String IDEMPOTENCE = "--idempotence";
    public static final String MIN_INSYNC = "--min-insync-replicas";
    public static final String FAULTS = "--faults";
    public static final String FAULT_SEED = "--fault-seed";
    public static final String FAULT_COUNT = "--fault-count";
    public static final String HEAL_TIMEOUT = "--heal-timeout";
    public static final String OUTPUT_DIR = "--output-dir";
    public static final String DATA_DIR = "--data-dir";
    /** The setting naming each partition's replicas, preferred leader first (Kafka's --replica-assignment). */
    public static final String REPLICA_ASSIGNMENT = "replica.assignment";

    /** Allowed for the cells whose fault forces an unclean election. */
    static final String UNCLEAN_LEADER_ELECTION = "unclean.leader.election.enable";

    /** produce-perf flags passed to every cell with their one value. */
    private static final Set<String> PASSED_WITH_VALUE = Set.of(Workload.DURATION, Workload.WARMUP,
        Workload.THROUGHPUT, Workload.RECORD_SIZE, Workload.PARTITIONS, Workload.BROKERS,
        Workload.REPLICATION_FACTOR, Workload.PRODUCER_THREADS, Workload.KEY_DISTRIBUTION,
        Workload.REPORTING_INTERVAL, Workload.CONSUMERS, PerfOptions.SEED, PerfOptions.TRANSPORT);
    /** produce-perf flags passed with their key=value pairs. */
    private static final Set<String> PASSED_WITH_PAIRS = Set.of(PerfOptions.PRODUCER_PROPS, PerfOptions.BROKER_PROPS);
    /** Settings that are the matrix's axes, or the audit's to set: refused inside --producer-props/--broker-props. */
    private static final Set<String> AXIS_SETTINGS = Set.of("acks", "enable.idempotence", "min.insync.replicas",
        REPLICA_ASSIGNMENT);

    static final String DEFAULT_DURATION = "30s";
    static final String DEFAULT_WARMUP = "5s";
    static final String DEFAULT_THROUGHPUT = "10000";
    /** One consumer reads the topic during the load, for the end-to-end latency each cell reports. */
    static final String DEFAULT_CONSUMERS = "1";
    static final long DEFAULT_HEAL_TIMEOUT_MILLIS = 60_000;

    private final List<String> targets;
    private final List<String> acks;
    /** Null: as Kafka resolves it for each acks. */
    private final List<Boolean> idempotence;
    private final List<Integer> minInsync;
    private final List<AuditFault> faults;
    private final long faultSeed;
    private final int faultCount;
    private final long healTimeoutMillis;
    private final Path outputDir;
    private final Path dataDir;
    private final Passed passed;
    private final boolean help;

    /**
     * What is passed to produce-perf for every cell: the flags with one value each, and the key=value pairs of
     * {@code --producer-props} and {@code --broker-props}, kept apart so each cell can add its own pairs.
     */
    private record Passed(List<String> flags, List<String> producerPairs, List<String> brokerPairs) {
        private static final Passed NONE = new Passed(List.of(), List.of(), List.of());
    }

    private AuditOptions(final List<String> targets, final List<String> acks, final List<Boolean> idempotence,
                         final List<Integer> minInsync, final List<AuditFault> faults, final long faultSeed,
                         final int faultCount, final long healTimeoutMillis, final Path outputDir,
                         final Path dataDir, final Passed passed, final boolean help) {
        this.targets = targets;
        this.acks = acks;
        this.idempotence = idempotence;
        this.minInsync = minInsync;
        this.faults = faults;
        this.faultSeed = faultSeed;
        this.faultCount = faultCount;
        this.healTimeoutMillis = healTimeoutMillis;
        this.outputDir = outputDir;
        this.dataDir = dataDir;
        this.passed = passed;
        this.help = help;
    }

    /** @throws UsageException naming the flag at fault */
    public static AuditOptions parse(final String... args) {
        if (Arguments.asksForHelp(args)) {
            return new AuditOptions(List.of(), List.of(), null, List.of(), List.of(), 0, 0, 0, null, null, Passed.NONE,
                true);
        }
        List<String> targets = List.of(AckbenchTarget.NAME);
        List<String> acks = List.of("all");
        List<Boolean> idempotence = null;
        List<Integer> minInsync = List.of(2);
        List<AuditFault> faults = List.of(AuditFault.NONE, AuditFault.LEADER_KILL);
        long faultSeed = 1;
        int faultCount = 2;
        long healTimeout = DEFAULT_HEAL_TIMEOUT_MILLIS;
        Path outputDir = null;
        Path dataDir = null;
        boolean durationGiven = false;
        boolean warmupGiven = false;
        boolean throughputGiven = false;
        boolean consumersGiven = false;
        final List<String> passed = new ArrayList<>();
        final List<String> producerPairs = new ArrayList<>();
        final List<String> brokerPairs = new ArrayList<>();
        final Arguments arguments = Arguments.of(args);
        while (arguments.hasNext()) {
            final String flag = arguments.next();
            switch (flag) {
                case TARGETS -> targets = list(flag, arguments.value(flag), text -> text.toLowerCase(Locale.ROOT));
                case ACKS -> acks = list(flag, arguments.value(flag), AuditOptions::acks);
                case IDEMPOTENCE -> idempotence = list(flag, arguments.value(flag), AuditOptions::bool);
                case MIN_INSYNC -> minInsync = list(flag, arguments.value(flag), AuditOptions::positive);
                case FAULTS -> faults = list(flag, arguments.value(flag), AuditFault::parse);
                case FAULT_SEED -> faultSeed = arguments.longValue(flag);
                case FAULT_COUNT -> faultCount = arguments.intValue(flag);
                case HEAL_TIMEOUT -> healTimeout = TimeUnit.NANOSECONDS.toMillis(arguments.durationNanos(flag));
                case OUTPUT_DIR -> outputDir = Path.of(arguments.value(flag));
                case DATA_DIR -> dataDir = Path.of(arguments.value(flag));
                default -> {
                    if (PASSED_WITH_VALUE.contains(flag)) {
                        passed.add(flag);
                        passed.add(arguments.value(flag));
                        durationGiven |= flag.equals(Workload.DURATION);
                        warmupGiven |= flag.equals(Workload.WARMUP);
                        throughputGiven |= flag.equals(Workload.THROUGHPUT);
                        consumersGiven |= flag.equals(Workload.CONSUMERS);
                    } else if (PASSED_WITH_PAIRS.contains(flag)) {
                        final List<String> pairs = arguments.valuesUntilNextFlag();
                        for (final String pair : pairs) {
                            final String key = pair.contains("=") ? pair.substring(0, pair.indexOf('=')).trim() : pair;
                            if (AXIS_SETTINGS.contains(key)) {
                                throw new UsageException(flag + " " + pair + ": " + key + " is the audit's to set; "
                                    + "give it with " + ACKS + ", " + IDEMPOTENCE + " or " + MIN_INSYNC
                                    + " (replica.assignment puts every preferred leader on broker 0)");
                            }
                        }
                        (flag.equals(PerfOptions.PRODUCER_PROPS) ? producerPairs : brokerPairs).addAll(pairs);
                    } else if (flag.equals(Workload.NUM_RECORDS)) {
                        throw new UsageException(flag + ": an audit cell runs for " + Workload.DURATION
                            + " (its faults are spread over it), not for a count of records");
                    } else {
                        throw Arguments.unknownFlag(flag);
                    }
                }
            }
        }
        if (faultCount < 1) {
            throw new UsageException(FAULT_COUNT + " must be at least 1, not " + faultCount);
        }
        if (healTimeout < 1) {
            throw new UsageException(HEAL_TIMEOUT + " must be positive");
        }
        if (!durationGiven) {
            passed.addAll(List.of(Workload.DURATION, DEFAULT_DURATION));
        }
        if (!warmupGiven) {
            passed.addAll(List.of(Workload.WARMUP, DEFAULT_WARMUP));
        }
        if (!throughputGiven) {
            passed.addAll(List.of(Workload.THROUGHPUT, DEFAULT_THROUGHPUT));
        }
        if (!consumersGiven) {
            passed.addAll(List.of(Workload.CONSUMERS, DEFAULT_CONSUMERS));
        }
        return new AuditOptions(targets, acks, idempotence, minInsync, faults, faultSeed, faultCount, healTimeout,
            outputDir, dataDir, new Passed(List.copyOf(passed), List.copyOf(producerPairs), List.copyOf(brokerPairs)),
            false);
    }

    /** Every cell of the matrix, targets outermost, faults innermost; duplicates from repeated list items once. */
    public List<AuditCell> cells() {
        final Set<AuditCell> cells = new LinkedHashSet<>();
        for (final String target : targets) {
            for (final String ack : acks) {
                final List<Boolean> idempotenceValues = idempotence != null ? idempotence
                    : List.of(DeliverySetting.defaultIdempotence(ack));
                for (final boolean idempotent : idempotenceValues) {
                    for (final int isr : minInsync) {
                        for (final AuditFault fault : faults) {
                            cells.add(new AuditCell(target, new DeliverySetting(ack, idempotent, isr), fault));
                        }
                    }
                }
            }
        }
        return List.copyOf(cells);
    }

    /** produce-perf's arguments shared by every cell, for the workload's shape (partitions, replicas, brokers). */
    public List<String> sharedArguments() {
        final List<String> args = new ArrayList<>(passed.flags());
        if (!passed.producerPairs().isEmpty()) {
            args.add(PerfOptions.PRODUCER_PROPS);
            args.addAll(passed.producerPairs());
        }
        if (!passed.brokerPairs().isEmpty()) {
            args.add(PerfOptions.BROKER_PROPS);
            args.addAll(passed.brokerPairs());
        }
        return args;
    }

    /**
     * produce-perf's arguments for {@code cell}: the passed flags, the cell's setting, and a replica assignment with
     * every preferred leader on broker 0 (so that leader and follower faults are distinct).
     */
    public List<String> produceArguments(final AuditCell cell, final int partitions, final int replicationFactor) {
        final List<String> args = new ArrayList<>();
        args.addAll(List.of(PerfOptions.TARGET, cell.target()));
        final List<String> flags = new ArrayList<>(passed.flags());
        final int transport = flags.indexOf(PerfOptions.TRANSPORT);
        if (transport >= 0 && !cell.target().equals(AckbenchTarget.NAME)) {
            // How ackbench's producers reach its brokers; Kafka's target refuses the flag.
            flags.subList(transport, transport + 2).clear();
        }
        args.addAll(flags);
        args.addAll(List.of(MIN_INSYNC, String.valueOf(cell.setting().minInsyncReplicas())));
        args.add(PerfOptions.PRODUCER_PROPS);
        args.addAll(passed.producerPairs());
        args.addAll(List.of("acks=" + cell.setting().acks(), "enable.idempotence=" + cell.setting().idempotence()));
        args.add(PerfOptions.BROKER_PROPS);
        args.addAll(passed.brokerPairs());
        args.add(REPLICA_ASSIGNMENT + "=" + leadersOnBrokerZero(partitions, replicationFactor));
        if (cell.fault() == AuditFault.UNCLEAN) {
            args.add(UNCLEAN_LEADER_ELECTION + "=true");
        }
        return args;
    }

    /** {@code 0:1:2,0:1:2,...}: partition p's replicas are brokers 0..RF-1, broker 0 first. */
    static String leadersOnBrokerZero(final int partitions, final int replicationFactor) {
        final StringJoiner replicas = new StringJoiner(":");
        for (int r = 0; r < replicationFactor; r++) {
            replicas.add(String.valueOf(r));
        }
        final StringJoiner all = new StringJoiner(",");
        for (int p = 0; p < partitions; p++) {
            all.add(replicas.toString());
        }
        return all.toString();
    }

    private interface Parser<T> {
        T parse(String text);
    }

    private static <T> List<T> list(final String flag, final String text, final Parser<T> parser) {
        final List<T> values = new ArrayList<>();
        for (final String item : text.split(",")) {
            if (item.isBlank()) {
                throw new UsageException(flag + " takes a comma-separated list; '" + text + "' has an empty item");
            }
            try {
                values.add(parser.parse(item.trim()));
            } catch (final IllegalArgumentException e) {
                throw new UsageException(flag + ": " + e.getMessage());
            }
        }
        return List.copyOf(values);
    }

    private static String acks(final String text) {
        return new DeliverySetting(text, false, 1).acks();
    }

    private static Boolean bool(final String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "on" -> true;
            case "false", "off" -> false;
            default -> throw new IllegalArgumentException("'" + text + "' is not true or false");
        };
    }

    private static Integer positive(final String text) {
        final int value;
        try {
            value = Integer.parseInt(text);
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number");
        }
        if (value < 1) {
            throw new IllegalArgumentException(value + " is below 1");
        }
        return value;
    }

    public long faultSeed() {
        return faultSeed;
    }

    public int faultCount() {
        return faultCount;
    }

    public long healTimeoutMillis() {
        return healTimeoutMillis;
    }

    /** As given, or null for the default under results/runs/audit. */
    public Path outputDir() {
        return outputDir;
    }

    /** As given, or null for the default under target/. */
    public Path dataDir() {
        return dataDir;
    }

    public boolean help() {
        return help;
    }
}
