package io.ackbench.load;

import io.ackbench.config.ConfigException;
import io.ackbench.fault.FaultKind;
import io.ackbench.fault.FaultSchedule;
import io.ackbench.fault.FaultScheduleGenerator;
import io.ackbench.load.cli.Arguments;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * {@code produce-perf}'s command line, parsed: kafka-producer-perf-test's flags ({@code --num-records},
 * {@code --record-size}, {@code --throughput}, {@code --producer-props k=v ...}) plus the cluster's, the load's
 * and the run's own. {@link #parse} throws a {@link UsageException} or {@link ConfigException} naming the flag.
 */
public final class PerfOptions {
    public static final String PRODUCER_PROPS = "--producer-props";
    public static final String BROKER_PROPS = "--broker-props";
    public static final String TRANSPORT = "--transport";
    public static final String SWEEP = "--sweep";
    public static final String OUTPUT_DIR = "--output-dir";
    public static final String DATA_DIR = "--data-dir";
    public static final String SEED = "--seed";
    public static final String HELP = "--help";
    public static final String BOOTSTRAP_SERVERS = "--bootstrap-servers";
    public static final String TOPIC = "--topic";
    public static final String TARGET = "--target";
    public static final String FAULTS = "--faults";
    public static final String FAULT_SEED = "--fault-seed";
    public static final String FAULT_COUNT = "--fault-count";
    public static final String FAULT_KINDS = "--fault-kinds";
    /** The embedded Kafka cluster's controller placement; the kafka module reads the value. */
    public static final String KAFKA_CONTROLLER = "--kafka-controller";
    /** The embedded Kafka cluster's settings profile; the kafka module reads the value. */
    public static final String KAFKA_PROFILE = "--kafka-profile";
    /** What --fault-seed draws without --fault-kinds: power loss only when asked for, as only some clusters do it. */
    static final Set<FaultKind> DEFAULT_FAULT_KINDS = Set.of(FaultKind.KILL, FaultKind.PAUSE);
    /** The file a run writes the schedule it applied to, in {@link FaultSchedule}'s text: --faults replays it. */
    public static final String FAULTS_FILE = "faults.txt";
    /** A drawn fault lasts at most this long, and at least half its maximum. */
    static final long MAX_DRAWN_FAULT_MILLIS = 10_000;

    /** How producers reach the brokers: in-process rings, TCP to brokers in this JVM, TCP to broker processes. */
    public enum Transport {
        INPROC(ClusterLauncher.IN_PROCESS), TCP(ClusterLauncher.TCP), TCP_PROCESSES(ClusterLauncher.TCP_PROCESSES);

        private final ClusterLauncher launcher;

        Transport(final ClusterLauncher launcher) {
            this.launcher = launcher;
        }

        public ClusterLauncher launcher() {
            return launcher;
        }
    }

    private final Workload workload;
    private final Transport transport;
    private final boolean sweep;
    private final Path outputDir;
    private final Path dataDir;
    private final boolean help;
    private List<InetSocketAddress> bootstrapServers = List.of();
    private String topic = "ackbench";
    private boolean transportGiven;
    private LoadTarget target;
    private FaultSchedule faults;
    private String faultsFlag;
    private String kafkaController;
    private String kafkaProfile;

    private PerfOptions(final Workload workload, final Transport transport, final boolean sweep,
                        final Path outputDir, final Path dataDir, final boolean help) {
        this.workload = workload;
        this.transport = transport;
        this.sweep = sweep;
        this.outputDir = outputDir;
        this.dataDir = dataDir;
        this.help = help;
    }

    /**
     * Parses the arguments. With {@value #HELP} anywhere, the rest is not checked and {@link #help()} is true.
     *
     * @throws UsageException  for an unknown flag, a flag without its value, or a value that does not parse
     * @throws ConfigException for a value out of range or settings the producer or brokers refuse
     */
    public static PerfOptions parse(final String... args) {
        if (Arguments.asksForHelp(args)) {
            return new PerfOptions(null, Transport.INPROC, false, null, null, true);
        }
        final Workload.Builder workload = Workload.builder();
        Transport transport = Transport.INPROC;
        boolean sweep = false;
        Path outputDir = null;
        Path dataDir = null;
        List<InetSocketAddress> bootstrap = List.of();
        String topic = "ackbench";
        String target = AckbenchTarget.NAME;
        boolean transportGiven = false;
        Path faultsFile = null;
        Long faultSeed = null;
        Integer faultCount = null;
        Set<FaultKind> faultKinds = null;
        String kafkaController = null;
        String kafkaProfile = null;
        final Arguments arguments = Arguments.of(args);
        while (arguments.hasNext()) {
            final String flag = arguments.next();
            switch (flag) {
                case Workload.NUM_RECORDS -> workload.numRecords(arguments.longValue(flag));
                case Workload.RECORD_SIZE -> workload.recordSize(arguments.intValue(flag));
                case Workload.THROUGHPUT -> workload.targetRate(arguments.longValue(flag));
                case Workload.KEY_DISTRIBUTION -> workload.keyDistribution(KeyDistribution.parse(flag,
                    arguments.value(flag)));
                case Workload.PARTITIONS -> workload.partitions(arguments.intValue(flag));
                case Workload.PRODUCER_THREADS -> workload.producerThreads(arguments.intValue(flag));
                case Workload.BROKERS -> workload.brokers(arguments.intValue(flag));
                case Workload.REPLICATION_FACTOR -> workload.replicationFactor(arguments.intValue(flag));
                case Workload.MIN_INSYNC_REPLICAS -> workload.minInsyncReplicas(arguments.intValue(flag));
                case Workload.DURATION -> workload.duration(arguments.durationNanos(flag), TimeUnit.NANOSECONDS);
                case Workload.WARMUP -> warmup(flag, arguments.value(flag), workload);
                case Workload.WARMUP_MAX -> workload.warmupMax(arguments.durationNanos(flag), TimeUnit.NANOSECONDS);
                case Workload.WARMUP_MIN -> workload.warmupMin(arguments.durationNanos(flag), TimeUnit.NANOSECONDS);
                case Workload.REPORTING_INTERVAL -> workload.reportingInterval(arguments.longValue(flag),
                    TimeUnit.MILLISECONDS);
                case SEED -> workload.seed(arguments.longValue(flag));
                case Workload.CONSUMERS -> workload.consumers(arguments.intValue(flag));
                case Workload.RECORD_STAGES -> workload.recordStages(bool(flag, arguments.value(flag)));
                case PRODUCER_PROPS -> settings(flag, arguments, workload::producerSetting);
                case BROKER_PROPS -> settings(flag, arguments, workload::brokerSetting);
                case Workload.BROKER_JVM_OPTIONS -> workload.brokerJvmOptions(BrokerJvmOptions.parse(flag,
                    arguments.value(flag)));
                case KAFKA_CONTROLLER -> kafkaController = arguments.value(flag).trim();
                case KAFKA_PROFILE -> kafkaProfile = arguments.value(flag).trim();
                case TRANSPORT -> {
                    transport = transport(flag, arguments.value(flag));
                    transportGiven = true;
                }
                case TARGET -> target = arguments.value(flag).trim().toLowerCase(Locale.ROOT);
                case SWEEP -> sweep = true;
                case OUTPUT_DIR -> outputDir = Path.of(arguments.value(flag));
                case DATA_DIR -> dataDir = Path.of(arguments.value(flag));
                case BOOTSTRAP_SERVERS -> bootstrap = addresses(flag, arguments.value(flag));
                case TOPIC -> topic = arguments.value(flag);
                case FAULTS -> faultsFile = Path.of(arguments.value(flag));
                case FAULT_SEED -> faultSeed = arguments.longValue(flag);
                case FAULT_COUNT -> faultCount = arguments.intValue(flag);
                case FAULT_KINDS -> faultKinds = kinds(flag, arguments.value(flag));
                default -> throw Arguments.isFlag(flag) ? Arguments.unknownFlag(flag) : new UsageException(
                    Arguments.unknownFlag(flag).getMessage() + " (flags start with --; key=value pairs follow "
                        + PRODUCER_PROPS + ")");
            }
        }
        final PerfOptions options = new PerfOptions(workload.build(), transport, sweep, outputDir, dataDir, false);
        options.bootstrapServers = bootstrap;
        options.topic = topic;
        options.transportGiven = transportGiven;
        options.kafkaController = kafkaController;
        options.kafkaProfile = kafkaProfile;
        options.faultsFlag = faultsFile != null ? FAULTS : faultSeed != null || faultCount != null ? FAULT_SEED : null;
        options.faults = faults(options, faultsFile, faultSeed, faultCount, faultKinds);
        options.target = target(target, options);
        options.target.check(options.workload);
        return options;
    }

    /** {@code --warmup D} (a fixed time) or {@code --warmup steady} (until the figures settle). */
    private static void warmup(final String flag, final String value, final Workload.Builder workload) {
        if (Workload.STEADY.equalsIgnoreCase(value.trim())) {
            workload.steadyWarmup();
        } else {
            workload.warmup(Arguments.durationNanos(flag, value), TimeUnit.NANOSECONDS);
        }
    }

    /** The schedule --faults reads or --fault-seed draws, checked against the run; null without either. */
    private static FaultSchedule faults(final PerfOptions options, final Path file, final Long seed,
                                        final Integer count, final Set<FaultKind> kinds) {
        if (file != null && (seed != null || count != null)) {
            throw new UsageException("Give " + FAULTS + " FILE or " + FAULT_SEED + " N with " + FAULT_COUNT
                + " K, not both");
        }
        if (file == null && seed == null && count == null) {
            if (kinds != null) {
                throw new UsageException(FAULT_KINDS + " applies to schedules drawn with " + FAULT_SEED);
            }
            return null;
        }
        if (kinds != null && file != null) {
            throw new UsageException(FAULT_KINDS + " applies to schedules drawn with " + FAULT_SEED
                + "; a " + FAULTS + " file names its own kinds");
        }
        final FaultSchedule schedule = file != null ? read(file) : draw(options.workload, seed, count, kinds);
        if (schedule.brokers() != options.workload.brokers()) {
            throw new UsageException(FAULTS + " " + file + " is a schedule for " + schedule.brokers()
                + " brokers; this run has " + options.workload.brokers() + " (" + Workload.BROKERS + ")");
        }
        if (options.sweep) {
            throw new UsageException(options.faultsFlag + " applies to one run, not to " + SWEEP
                + "'s several");
        }
        if (options.workload.steadyWarmup()) {
            // Faults strike from the measurement start, which a steady-state warm-up decides only while it runs.
            throw new UsageException(options.faultsFlag + " needs a fixed " + Workload.WARMUP + " (a time), not "
                + Workload.WARMUP + " " + Workload.STEADY);
        }
        return schedule;
    }

    private static FaultSchedule read(final Path file) {
        final String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UsageException(FAULTS + " " + file + " cannot be read: " + e);
        }
        try {
            return FaultSchedule.parse(text);
        } catch (final IllegalArgumentException e) {
            throw new UsageException(FAULTS + " " + file + ": " + e.getMessage());
        }
    }

    /**
     * {@code count} faults over the run's duration, each lasting from half to all of a maximum that leaves the
     * faults room to fit (a quarter of the run's fault-free time per fault, 1 ms to {@value #MAX_DRAWN_FAULT_MILLIS}
     * ms).
     */
    private static FaultSchedule draw(final Workload workload, final Long seed, final Integer count,
                                      final Set<FaultKind> kinds) {
        if (seed == null || count == null) {
            throw new UsageException(FAULT_SEED + " N and " + FAULT_COUNT + " K go together: give both");
        }
        if (count < 1) {
            throw new UsageException(FAULT_COUNT + " must be at least 1, not " + count);
        }
        if (workload.durationNanos() == Workload.NO_DURATION) {
            throw new UsageException(FAULT_SEED + " draws faults over the run's " + Workload.DURATION
                + "; give " + Workload.DURATION + " instead of " + Workload.NUM_RECORDS + ", or a schedule with "
                + FAULTS);
        }
        final long runMillis = Duration.ofNanos(workload.durationNanos()).toMillis();
        final long concurrent = Math.max(1, FaultSchedule.maxConcurrentFaults(workload.brokers()));
        final long maxMillis = Math.max(1, Math.min(Math.min(MAX_DRAWN_FAULT_MILLIS, runMillis),
            runMillis * concurrent / (4L * count)));
        try {
            return FaultScheduleGenerator.generate(seed, workload.brokers(), Duration.ofMillis(runMillis), count,
                kinds == null ? DEFAULT_FAULT_KINDS : kinds, Duration.ofMillis(Math.max(1, maxMillis / 2)),
                Duration.ofMillis(maxMillis));
        } catch (final IllegalArgumentException e) {
            throw new UsageException(FAULT_SEED + " " + seed + " " + FAULT_COUNT + " " + count + ": "
                + e.getMessage());
        }
    }

    private static Set<FaultKind> kinds(final String flag, final String text) {
        final Set<FaultKind> kinds = EnumSet.noneOf(FaultKind.class);
        for (final String name : text.split(",")) {
            try {
                kinds.add(FaultKind.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
            } catch (final IllegalArgumentException e) {
                throw new UsageException(flag + " takes kinds among kill, pause and power-loss, comma-separated;"
                    + " not '" + text + "'");
            }
        }
        return kinds;
    }

    /**
     * Refuses faults on brokers this run does not start, or ackbench brokers that are not processes of their own.
     * A target factory calls it for its own cluster kinds.
     *
     * @throws UsageException naming the flag that asked for faults and the one that rules them out
     */
    public void requireFaultableBrokers() {
        if (faults != null && !bootstrapServers.isEmpty()) {
            throw new UsageException(faultsFlag + " kills and pauses brokers this run starts; " + BOOTSTRAP_SERVERS
                + " names running ones, which are not this run's to stop");
        }
    }

    /**
     * Refuses {@value #KAFKA_CONTROLLER} and {@value #KAFKA_PROFILE} where there is no embedded Kafka cluster. A
     * target factory calls it for the clusters it makes.
     *
     * @param notTo what the flags do not apply to, for the message: "not to --target ackbench"
     * @throws UsageException naming the flag given
     */
    public void refuseKafkaClusterFlags(final String notTo) {
        final String flag = kafkaController != null ? KAFKA_CONTROLLER : kafkaProfile != null ? KAFKA_PROFILE : null;
        if (flag != null) {
            throw new UsageException(flag + " applies to the embedded Kafka cluster (" + TARGET + " kafka without "
                + BOOTSTRAP_SERVERS + "), " + notTo);
        }
    }

    /** {@value #KAFKA_CONTROLLER}'s value as given, or null when it was not. */
    public String kafkaController() {
        return kafkaController;
    }

    /** {@value #KAFKA_PROFILE}'s value as given, or null when it was not. */
    public String kafkaProfile() {
        return kafkaProfile;
    }

    /** ackbench's own target, or the one a {@link LoadTargetFactory} on the class path makes under that name. */
    private static LoadTarget target(final String name, final PerfOptions options) {
        if (name.equals(AckbenchTarget.NAME)) {
            options.refuseKafkaClusterFlags("not to " + TARGET + " " + AckbenchTarget.NAME);
            options.requireFaultableBrokers();
            if (options.faults != null && options.transport != Transport.TCP_PROCESSES) {
                throw new UsageException(options.faultsFlag + " needs " + TRANSPORT + " tcp-processes with "
                    + TARGET + " ackbench: faults kill -9 and SIGSTOP broker processes");
            }
            return new AckbenchTarget(options.bootstrapServers.isEmpty() ? options.transport.launcher()
                : ClusterLauncher.existing(options.bootstrapServers, options.topic));
        }
        final List<String> names = new ArrayList<>(List.of(AckbenchTarget.NAME));
        for (final LoadTargetFactory factory : ServiceLoader.load(LoadTargetFactory.class)) {
            if (factory.name().equals(name)) {
                return factory.create(options);
            }
            names.add(factory.name());
        }
        throw new UsageException(TARGET + " must be " + String.join(" or ", names) + ", not '" + name + "'");
    }

    /** {@code flag k=v k=v ...}: the pairs up to the next flag, at least one. */
    private static void settings(final String flag, final Arguments arguments,
                                 final BiConsumer<String, String> setting) {
        final List<String> pairs = arguments.valuesUntilNextFlag();
        if (pairs.isEmpty()) {
            throw new UsageException(flag + " needs at least one key=value pair");
        }
        for (final String pair : pairs) {
            final int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new UsageException(flag + " takes key=value pairs; '" + pair + "' has no key=value");
            }
            setting.accept(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
    }

    /** {@code HOST:PORT,HOST:PORT,...}, broker ids 0, 1, ... in that order. */
    private static List<InetSocketAddress> addresses(final String flag, final String text) {
        final List<InetSocketAddress> addresses = new ArrayList<>();
        for (final String entry : text.split(",")) {
            final int colon = entry.lastIndexOf(':');
            try {
                if (colon <= 0) {
                    throw new NumberFormatException();
                }
                addresses.add(new InetSocketAddress(entry.substring(0, colon).trim(),
                    Integer.parseInt(entry.substring(colon + 1).trim())));
            } catch (final IllegalArgumentException e) {
                throw new UsageException(flag + " takes HOST:PORT,HOST:PORT,... (broker 0 first); '" + entry
                    + "' is not HOST:PORT");
            }
        }
        return List.copyOf(addresses);
    }

    /** Brokers already running (empty: the run starts its own cluster). */
    public List<InetSocketAddress> bootstrapServers() {
        return bootstrapServers;
    }

    public String topic() {
        return topic;
    }

    /** The system the run drives: ackbench's brokers (started as --transport says, or running ones), or another. */
    public LoadTarget target() {
        return target;
    }

    /** The fault schedule the run applies (read with --faults or drawn with --fault-seed), or null. */
    public FaultSchedule faults() {
        return faults;
    }

    /** Whether --transport was given (it applies to ackbench's brokers only). */
    public boolean transportGiven() {
        return transportGiven;
    }

    private static boolean bool(final String flag, final String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new UsageException(flag + " must be true or false, not '" + text + "'");
        }
    }

    private static Transport transport(final String flag, final String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "inproc":
                return Transport.INPROC;
            case "tcp":
                return Transport.TCP;
            case "tcp-processes":
                return Transport.TCP_PROCESSES;
            default:
                throw new UsageException(flag + " must be inproc, tcp or tcp-processes, not '" + text + "'");
        }
    }

    /** The workload, or null with {@link #help()}. */
    public Workload workload() {
        return workload;
    }

    public Transport transport() {
        return transport;
    }

    public boolean sweep() {
        return sweep;
    }

    /** The run's directory as given, or null for the default under results/runs/perf. */
    public Path outputDir() {
        return outputDir;
    }

    /** Where the brokers' logs go as given, or null for the default. */
    public Path dataDir() {
        return dataDir;
    }

    public boolean help() {
        return help;
    }

    /** What {@value #HELP} prints. */
    public static String usage() {
        return String.join("\n",
            "Usage: produce-perf [flags]",
            "Open-loop producer load against an ackbench or Apache Kafka cluster: latency counts from each record's",
            "intended send time, so stalls are not hidden. Prints a progress line every reporting interval and a",
            "final line in kafka-producer-perf-test's shape (microseconds), and writes latency.hgrm,",
            "send-delay.hgrm, latency.hlog and summary.json into the run's directory (with --consumers also",
            "end-to-end.hgrm and end-to-end.hlog).",
            "",
            "Load:",
            "  --num-records N            measured records to send (give this or --duration)",
            "  --duration D               how long to measure instead: 30, 30s, 500ms or 2m",
            "  --record-size B            value bytes per record (default 100); keyed records add an 8-byte key",
            "  --throughput R             target records/s over all producer threads; -1 or 0 = unlimited",
            "                             (default unlimited: the maximum-throughput mode)",
            "  --key-distribution D       none (null keys, default) | uniform:K (K keys) | zipf:K:s (K keys,",
            "                             exponent s; key 0 the most frequent)",
            "  --producer-threads N       threads calling send, each with its own producer (default 1)",
            "  --warmup D|steady          send at the target rate this long before measuring (default 0; a cold",
            "                             JVM lags in its first second, so 5s is a good choice); steady: until the",
            "                             mean throughput and p50 latency of the last five 1 s windows are within",
            "                             5% of the five before (at least 10 s)",
            "  --warmup-max D             the longest a steady warm-up lasts (default 120s); measuring starts then",
            "  --warmup-min D             the shortest a steady warm-up lasts, settled or not before (default 0)",
            "  --reporting-interval-ms M  progress line and .hlog interval period (default 5000)",
            "  --seed N                   seeds keys and values (default 42)",
            "  --consumers N              also consume the topic with N threads (1 to --partitions; default 0, none),",
            "                             consumer i reading partitions p with p % N == i from offset 0, and measure",
            "                             end-to-end latency: from each record's intended send time to its",
            "                             consumption (what is committed, below the high watermark). Needs",
            "                             --record-size 16 or more. Adds end-to-end.hgrm and end-to-end.hlog, and",
            "                             end-to-end percentiles to the final line and summary.json. With",
            "                             --bootstrap-servers, give a fresh --topic: consumers read it from the start.",
            "  --record-stages true|false split each record's latency into stages (accumulation, sender queue, to",
            "                             leader, leader append, replication wait, response...) and print them as a",
            "                             table after the final line, and in summary.json under \"stages\"",
            "                             (default true; false takes none of their timestamps)",
            "",
            "Producer and cluster:",
            "  --target ackbench|kafka    the system to load: ackbench's producer and brokers (default), or",
            "                             kafka-clients' KafkaProducer and Apache Kafka 4.3.1 brokers (an embedded",
            "                             KRaft cluster, one JVM per broker, unless --bootstrap-servers is given)",
            "  --producer-props k=v ...   producer settings by Kafka name, e.g. acks=all enable.idempotence=true",
            "                             linger.ms=5 batch.size=65536",
            "  --broker-props k=v ...     broker/topic settings by Kafka name, e.g. replica.fetch.wait.max.ms=50",
            "                             replica.assignment=0:1:2,0:1:2 (kafka-topics' syntax; both targets)",
            "  --brokers N                brokers in the cluster (default 3)",
            "  --partitions N             partitions of the topic (default 6)",
            "  --replication-factor N     replicas per partition (default 3)",
            "  --min-insync-replicas N    min.insync.replicas of the topic (default 2)",
            "  --broker-jvm-options \"OPTS\"",
            "                             heap and GC options of each broker JVM, space-separated, in place of the",
            "                             target's own (ackbench: -Xms256m -Xmx512m; Kafka: its start script's",
            "                             -Xmx1G -Xms1G and G1 settings), e.g. \"-Xms1G -Xmx1G -XX:+UseG1GC\".",
            "                             Controllers keep their own. --transport tcp-processes or the embedded",
            "                             Kafka cluster only",
            "  --kafka-controller combined|dedicated",
            "                             the embedded Kafka cluster's KRaft controller: combined (default: every",
            "                             broker is also a voter) or dedicated (one more JVM, the only voter, beside",
            "                             the brokers, as ackbench's controller process)",
            "  --kafka-profile stock|tuned",
            "                             the embedded Kafka cluster's threads: stock (Kafka's defaults, default) or",
            "                             tuned for 2 cores (num.network.threads=1 num.io.threads=2",
            "                             background.threads=2 num.recovery.threads.per.data.dir=1), --broker-props",
            "                             winning over it",
            "  --transport inproc|tcp|tcp-processes",
            "                             ackbench only: how producers reach brokers: in-process rings (default), TCP",
            "                             loopback to brokers in this JVM on their own ports, or TCP to one JVM per",
            "                             broker",
            "  --bootstrap-servers H:P,... brokers already running, reached over TCP. ackbench: ids 0, 1, ... in",
            "                             order, the cluster flags ignored, the layout from broker 0. kafka: any",
            "                             brokers of the cluster; the topic is created with the cluster flags if",
            "                             missing, else used as it is; nothing is started or deleted",
            "  --topic NAME               the topic on --bootstrap-servers, or of the embedded Kafka cluster",
            "                             (default ackbench)",
            "",
            "Run:",
            "  --sweep                    find the maximum rate with an unlimited run, then run at 10/25/50/75/90%",
            "                             of it and print p50/p99/p99.9 at each as a table (and sweep.csv)",
            "  --output-dir DIR           the run's files (default results/runs/perf/<timestamp>-<config>)",
            "  --data-dir DIR             the brokers' logs, deleted after the run (default target/produce-perf-data)",
            "  --help                     this text",
            "",
            "Faults (brokers this run starts: --transport tcp-processes for ackbench, the embedded cluster for kafka):",
            "  --faults FILE              apply this schedule while loading: lines 'AT_MS KIND BROKER DURATION_MS'",
            "                             after 'brokers N' (N = --brokers), KIND KILL (kill -9, then restart),",
            "                             PAUSE (SIGSTOP, then SIGCONT) or POWER_LOSS (kill -9 and unforced bytes",
            "                             lost, then restart), times from the measurement start",
            "  --fault-seed N             draw a schedule from seed N instead: --fault-count faults within",
            "  --fault-count K            --duration, a majority of brokers always up, each lasting up to 10 s",
            "  --fault-kinds kill,pause   the kinds to draw (default kill,pause); power-loss too if named: kill -9,",
            "                             then the broker's logs lose what no fsync made durable, then restart",
            "                             (tcp-processes only)",
            "                             Every run with faults writes the schedule it applied to faults.txt in its",
            "                             directory (--faults faults.txt replays it) and reports each struck",
            "                             partition's failover time: from the kill or pause to the first record",
            "                             acknowledged by its new leader, with p50 and max (also in summary.json)",
            "",
            "Exit codes: 0 done; 1 the run failed or records failed; 2 bad flags.",
            "");
    }
}
