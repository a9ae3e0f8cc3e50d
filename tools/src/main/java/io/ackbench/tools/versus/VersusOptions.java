package io.ackbench.tools.versus;

import io.ackbench.config.ConfigException;
import io.ackbench.kafka.KafkaProfile;
import io.ackbench.load.PerfOptions;
import io.ackbench.load.UsageException;
import io.ackbench.load.Workload;
import io.ackbench.load.cli.Arguments;
import io.ackbench.load.machine.FirstWriteBack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * vs-kafka's command line: produce-perf's flags, parsed by {@link PerfOptions} once per system and configuration,
 * plus {@value #MATRIX}, {@value #RUNS}, {@value #KAFKA_PROFILES} and {@value #RESUME}. ackbench's side gets the flags
 * without --bootstrap-servers (it always starts its own brokers) and with {@code --transport tcp-processes} unless
 * --transport is given; each Kafka side gets them without --transport and with its profile. Unless the user sets
 * them, every system's broker JVMs get the same heap and GC ({@link VersusFlags#withBrokerJvmOptions}) and an
 * embedded Kafka runs its controller on a node of its own. {@link #parse} throws {@link UsageException} or a
 * {@link ConfigException} naming the flag or setting.
 */
final class VersusOptions {
    static final String MATRIX = "--matrix";
    static final String RUNS = "--runs";
    static final String KAFKA_PROFILES = "--kafka-profiles";
    static final String RESUME = "--resume";
    /** Three runs a system is the fewest that give a ratio's interval more than one degree of freedom per system. */
    static final int DEFAULT_RUNS = 3;
    static final int MIN_RUNS = 2;
    static final int MAX_RUNS = 20;
    static final List<KafkaProfile> DEFAULT_PROFILES = List.of(KafkaProfile.STOCK, KafkaProfile.TUNED);
    /** So that ackbench runs its brokers in JVMs of their own and reaches them over TCP, as Kafka's. */
    static final String SUBJECT_TRANSPORT = "tcp-processes";
    /** One controller JVM beside the broker JVMs, as ackbench's brokers and controller run. */
    static final String KAFKA_CONTROLLER_PLACEMENT = "dedicated";
    /**
     * Every run's warm-up unless --warmup is given (a fixed time, say 75s, still works): until the throughput and
     * p50 latency of 1 s windows settle, at most --warmup-max (default 120 s). A fresh 3-broker Kafka cluster with
     * its producer (four JVMs compiling on 2 cores) climbed with acks=all through 130k, 172k, 220k, 293k, 375k and
     * 431k records/s in consecutive 10 s intervals and settled near 450k only after about 70 s
     * (KafkaProduceBenchmark, 8 x 10 s warm-up); measured after 30 s it showed about 40% of that. A fixed warm-up
     * long enough for that made every run wait 75 s, ackbench's too; the steady one waits as long as each needs.
     */
    static final String DEFAULT_WARMUP = Workload.STEADY;
    /**
     * Kafka's shortest steady-state warm-up unless --warmup-min is given. A fresh Kafka cluster climbs in steps that
     * hold for longer than any window a detector can afford: with the steady rule alone, Kafka runs settled at 26 and
     * 30 s and measured 289k and 313k records/s (acks=1, max rate), where runs that warmed up 100 and 120 s measured
     * 458k and 522k; KafkaProduceBenchmark saw acks=all settle near 450k only after about 70 s.
     */
    static final String KAFKA_WARMUP_MIN = "75s";
    /**
     * ackbench's longest steady-state warm-up unless --warmup-max is given. At its maximum rate ackbench's brokers
     * write about 750 MB/s to the data directory (2.3M records/s, three replicas), and nothing is deleted during a run:
     * Kafka's minimum or the default 120 s would fill the 78 GB the machine has free. It settles in 10 to 25 s; a
     * shorter warm-up can only count against it.
     */
    static final String SUBJECT_WARMUP_MAX = "60s";
    /**
     * Every system's shortest steady-state warm-up, unless --warmup-min is given: until the kernel's first write-back
     * by age is over ({@link FirstWriteBack}, 40 s with its defaults). Before this floor ackbench's runs settled in 11
     * to 28 s, and their 15 s windows held that burst (1 to 1.8 GB written back at once, tasks stalled on I/O for 1.5
     * s, p99 near 1 s at acks=all at half its max) while Kafka's, after 75 s or more, never did.
     */
    static final Duration WRITE_BACK_FLOOR = FirstWriteBack.ofThisMachine();
    /** The matrix's length per run unless given. */
    static final String MATRIX_DURATION = "15s";
    /** A running Kafka cluster gets one topic per min.insync.replicas, since an existing topic is used as it is. */
    static final String MIN_INSYNC_TOPIC_SUFFIX = "-isr";

    private final boolean help;
    private final boolean matrix;
    private final int runs;
    private final List<String> arguments;
    private final List<Matchup> matchups;
    private final Path outputDir;
    private final Path dataDir;
    private final Path resumeDir;

    private VersusOptions(final boolean help, final boolean matrix, final int runs, final List<String> arguments,
                          final List<Matchup> matchups, final Path outputDir, final Path dataDir,
                          final Path resumeDir) {
        this.help = help;
        this.matrix = matrix;
        this.runs = runs;
        this.arguments = List.copyOf(arguments);
        this.matchups = List.copyOf(matchups);
        this.outputDir = outputDir;
        this.dataDir = dataDir;
        this.resumeDir = resumeDir;
    }

    /** With Apache Kafka in the profiles --kafka-profiles names as the references. */
    static VersusOptions parse(final List<String> args) {
        return parse(args, null);
    }

    /**
     * @param references the systems to compare with, or null for Kafka in the profiles --kafka-profiles names
     */
    static VersusOptions parse(final List<String> args, final List<ReferenceSide> references) {
        if (Arguments.asksForHelp(args)) {
            return new VersusOptions(true, false, DEFAULT_RUNS, args, List.of(), null, null, null);
        }
        final Path resumeDir = args.contains(RESUME) ? Path.of(VersusFlags.value(args, RESUME)) : null;
        final List<String> arguments = VersusFlags.without(args, RESUME);
        if (resumeDir != null && arguments.contains(PerfOptions.OUTPUT_DIR)) {
            throw new UsageException(RESUME + " continues in its own directory; leave " + PerfOptions.OUTPUT_DIR
                + " out");
        }
        List<String> given = new ArrayList<>(arguments);
        final boolean matrix = given.remove(MATRIX);
        final int runs = runs(given);
        final List<ReferenceSide> sides = references != null ? references : kafkaSides(given);
        given = VersusFlags.without(given, RUNS);
        given = VersusFlags.without(given, KAFKA_PROFILES);
        VersusFlags.refuse(given, PerfOptions.TARGET, "vs-kafka runs ackbench and " + names(sides)
            + "; leave " + PerfOptions.TARGET + " out");
        VersusFlags.refuse(given, PerfOptions.SWEEP, "vs-kafka does not sweep rates; run produce-perf "
            + PerfOptions.SWEEP + " on each system instead");
        if (matrix) {
            for (final String flag : StandardMatrix.OWNED_FLAGS) {
                VersusFlags.refuse(given, flag, MATRIX + " sets " + flag + " per configuration; leave it out");
            }
            given = VersusFlags.withDefault(given, Workload.DURATION, MATRIX_DURATION, Workload.NUM_RECORDS);
        }
        given = VersusFlags.withDefault(given, Workload.WARMUP, DEFAULT_WARMUP);
        final PerfOptions base = PerfOptions.parse(subjectFlags(given));
        if (matrix) {
            for (final String key : StandardMatrix.OWNED_PRODUCER_SETTINGS) {
                if (base.workload().producerSettings().containsKey(key)) {
                    throw new UsageException(MATRIX + " sets " + String.join(" and ",
                        StandardMatrix.OWNED_PRODUCER_SETTINGS) + " per configuration; leave " + key + " out of "
                        + PerfOptions.PRODUCER_PROPS);
                }
            }
        }
        final List<Configuration> configurations = matrix ? StandardMatrix.configurations()
            : List.of(Configuration.of(base.workload().shortName(), List.of(), base.workload().isRateLimited()));
        final List<Matchup> matchups = new ArrayList<>(configurations.size());
        for (final Configuration configuration : configurations) {
            final List<String> flags = new ArrayList<>(given);
            flags.addAll(configuration.flags());
            final List<Contender> contenders = new ArrayList<>(1 + sides.size());
            final String[] subjectFlags = subjectFlags(flags);
            final PerfOptions subject = PerfOptions.parse(subjectFlags);
            contenders.add(new Contender(subject.target().name(), List.of(subjectFlags), subject.target(),
                subject.workload()));
            final List<String> referenceFlags = VersusFlags.without(flags, PerfOptions.TRANSPORT);
            if (matrix && given.contains(PerfOptions.BOOTSTRAP_SERVERS)) {
                referenceFlags.add(PerfOptions.TOPIC);
                referenceFlags.add(base.topic() + MIN_INSYNC_TOPIC_SUFFIX + subject.workload().minInsyncReplicas());
            }
            for (final ReferenceSide side : sides) {
                contenders.add(reference(side, referenceFlags));
            }
            matchups.add(new Matchup(configuration, contenders));
        }
        return new VersusOptions(false, matrix, runs, arguments, matchups,
            resumeDir != null ? resumeDir : base.outputDir(), base.dataDir(), resumeDir);
    }

    /**
     * The flags as produce-perf takes them for ackbench's side: without --bootstrap-servers, over
     * {@value #SUBJECT_TRANSPORT} unless --transport is given, and with the comparison's broker JVM options where its
     * brokers have JVMs of their own and the user gave none.
     */
    static String[] subjectFlags(final List<String> flags) {
        final List<String> subject = VersusFlags.without(flags, PerfOptions.BOOTSTRAP_SERVERS);
        if (!subject.contains(PerfOptions.TRANSPORT)) {
            subject.add(PerfOptions.TRANSPORT);
            subject.add(SUBJECT_TRANSPORT);
        }
        if (VersusFlags.value(subject, PerfOptions.TRANSPORT).equals(SUBJECT_TRANSPORT)) {
            VersusFlags.withBrokerJvmOptions(subject);
        }
        final List<String> bounded = VersusFlags.steadyWarmupDefault(subject, Workload.WARMUP_MAX,
            atLeast(SUBJECT_WARMUP_MAX, WRITE_BACK_FLOOR));
        return VersusFlags.steadyWarmupDefault(bounded, Workload.WARMUP_MIN,
            atMostGivenMax(bounded, atLeast("0s", WRITE_BACK_FLOOR))).toArray(new String[0]);
    }

    /** The longer of a duration flag's value and {@code floor}, as a flag value. */
    static String atLeast(final String value, final Duration floor) {
        final long nanos = Arguments.durationNanos(Workload.WARMUP_MIN, value);
        if (nanos >= floor.toNanos()) {
            return value;
        }
        return floor.toMillis() % 1000 == 0 ? floor.toSeconds() + "s" : floor.toMillis() + "ms";
    }

    /**
     * A default --warmup-min no longer than a --warmup-max the user gave: who asks for a short warm-up gets it, not a
     * refusal of a minimum they never set.
     */
    static String atMostGivenMax(final List<String> flags, final String min) {
        if (!flags.contains(Workload.WARMUP_MAX)) {
            return min;
        }
        final String max = VersusFlags.value(flags, Workload.WARMUP_MAX);
        return Arguments.durationNanos(Workload.WARMUP_MAX, max) < Arguments.durationNanos(Workload.WARMUP_MIN, min)
            ? max : min;
    }

    /** The reference's refusal says which system refused, since produce-perf on ackbench would take the flags. */
    private static Contender reference(final ReferenceSide side, final List<String> given) {
        final List<String> sideFlags = side.flags(given);
        final List<String> flags = VersusFlags.steadyWarmupDefault(sideFlags, Workload.WARMUP_MIN,
            atMostGivenMax(sideFlags, atLeast(KAFKA_WARMUP_MIN, WRITE_BACK_FLOOR)));
        try {
            final PerfOptions options = PerfOptions.parse(flags.toArray(new String[0]));
            return new Contender(side.name(), flags, options.target(), options.workload());
        } catch (final UsageException | ConfigException e) {
            throw new UsageException(side.name() + ": " + e.getMessage());
        }
    }

    private static int runs(final List<String> args) {
        if (!args.contains(RUNS)) {
            return DEFAULT_RUNS;
        }
        final String value = VersusFlags.value(args, RUNS);
        try {
            final int runs = Integer.parseInt(value);
            if (runs >= MIN_RUNS && runs <= MAX_RUNS) {
                return runs;
            }
        } catch (final NumberFormatException notANumber) {
            // Said below.
        }
        throw new UsageException(RUNS + " is '" + value + "'; it takes a whole number of runs per system from "
            + MIN_RUNS + " (the fewest that give a ratio an interval) to " + MAX_RUNS);
    }

    private static List<ReferenceSide> kafkaSides(final List<String> args) {
        if (!args.contains(KAFKA_PROFILES)) {
            return DEFAULT_PROFILES.stream().<ReferenceSide>map(KafkaSide::new).toList();
        }
        final List<ReferenceSide> sides = new ArrayList<>();
        final String value = VersusFlags.value(args, KAFKA_PROFILES);
        for (final String name : value.split(",", -1)) {
            final KafkaProfile profile = KafkaProfile.parse(KAFKA_PROFILES, name);
            if (sides.stream().anyMatch(side -> side.name().equals(new KafkaSide(profile).name()))) {
                throw new UsageException(KAFKA_PROFILES + " '" + value + "' names " + name.strip() + " twice");
            }
            sides.add(new KafkaSide(profile));
        }
        return sides;
    }

    private static String names(final List<ReferenceSide> sides) {
        return String.join(", ", sides.stream().map(ReferenceSide::name).toList());
    }

    boolean help() {
        return help;
    }

    boolean matrix() {
        return matrix;
    }

    /** Runs per system and configuration. */
    int runs() {
        return runs;
    }

    /** The command line as given, without --resume. */
    List<String> arguments() {
        return arguments;
    }

    /** One per configuration, in the order they run. */
    List<Matchup> matchups() {
        return matchups;
    }

    /** --output-dir: the comparison's directory, or null for the default. */
    Path outputDir() {
        return outputDir;
    }

    /** --resume: the comparison to continue, which is also the output directory; null for a new one. */
    Path resumeDir() {
        return resumeDir;
    }

    /** --data-dir: under which the runs' brokers keep their data, or null for the default. */
    Path dataDir() {
        return dataDir;
    }
}
