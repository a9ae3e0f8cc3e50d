package io.ackbench.tools.versus;

import io.ackbench.config.ConfigException;
import io.ackbench.load.LoadTarget;
import io.ackbench.load.PerfOptions;
import io.ackbench.load.UsageException;
import io.ackbench.load.Workload;
import io.ackbench.load.cli.Arguments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * vs-kafka's command line: produce-perf's flags, parsed by {@link PerfOptions} once per side and configuration, plus
 * {@value #MATRIX}. ackbench's side gets the flags without --bootstrap-servers (it always starts its own brokers) and
 * with {@code --transport tcp-processes} unless --transport is given; the reference side gets them without
 * --transport. {@link #parse} throws {@link UsageException} or a {@link ConfigException} naming
 * the flag or setting.
 */
final class VersusOptions {
    static final String MATRIX = "--matrix";
    /** So that both systems run their brokers in JVMs of their own and reach them over TCP. */
    static final String SUBJECT_TRANSPORT = "tcp-processes";
    /**
     * Every run's warm-up unless --warmup is given (a fixed time, say 75s, still works): until the throughput and
     * p50 latency of 1 s windows settle, at most --warmup-max (default 120 s). A fresh 3-broker Kafka cluster with
     * its producer (four JVMs compiling on 2 cores) climbed with acks=all through 130k, 172k, 220k, 293k, 375k and
     * 431k records/s in consecutive 10 s intervals and settled near 450k only after about 70 s
     * (KafkaProduceBenchmark, 8 x 10 s warm-up); measured after 30 s it showed about 40% of that. A fixed warm-up
     * long enough for that made every run wait 75 s, ackbench's too; the steady one waits as long as each needs.
     */
    static final String DEFAULT_WARMUP = Workload.STEADY;
    /** The matrix's length per run unless given. */
    static final String MATRIX_DURATION = "15s";
    /** A running Kafka cluster gets one topic per min.insync.replicas, since an existing topic is used as it is. */
    static final String MIN_INSYNC_TOPIC_SUFFIX = "-isr";

    private final boolean help;
    private final boolean matrix;
    private final List<String> arguments;
    private final List<Matchup> matchups;
    private final Path outputDir;
    private final Path dataDir;

    private VersusOptions(final boolean help, final boolean matrix, final List<String> arguments,
                          final List<Matchup> matchups, final Path outputDir, final Path dataDir) {
        this.help = help;
        this.matrix = matrix;
        this.arguments = List.copyOf(arguments);
        this.matchups = List.copyOf(matchups);
        this.outputDir = outputDir;
        this.dataDir = dataDir;
    }

    static VersusOptions parse(final List<String> args, final ReferenceSide referenceSide) {
        if (Arguments.asksForHelp(args)) {
            return new VersusOptions(true, false, args, List.of(), null, null);
        }
        final boolean matrix = args.contains(MATRIX);
        List<String> given = new ArrayList<>(args);
        given.removeIf(MATRIX::equals);
        refuse(given, PerfOptions.TARGET, "vs-kafka runs both ackbench and " + referenceSide.name()
            + "; leave " + PerfOptions.TARGET + " out");
        refuse(given, PerfOptions.SWEEP, "vs-kafka does not sweep rates; run produce-perf " + PerfOptions.SWEEP
            + " on each system instead");
        if (matrix) {
            for (final String flag : StandardMatrix.OWNED_FLAGS) {
                refuse(given, flag, MATRIX + " sets " + flag + " per configuration; leave it out");
            }
            given = withMatrixLength(given);
        }
        given = withDefaultWarmup(given);
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
            : List.of(new Configuration(base.workload().shortName(), List.of()));
        final List<Matchup> matchups = new ArrayList<>(configurations.size());
        for (final Configuration configuration : configurations) {
            final List<String> flags = new ArrayList<>(given);
            flags.addAll(configuration.flags());
            final PerfOptions subject = PerfOptions.parse(subjectFlags(flags));
            final List<String> referenceFlags = without(flags, PerfOptions.TRANSPORT);
            // base has no --bootstrap-servers: ackbench's side never gets them.
            if (matrix && given.contains(PerfOptions.BOOTSTRAP_SERVERS)) {
                referenceFlags.add(PerfOptions.TOPIC);
                referenceFlags.add(base.topic() + MIN_INSYNC_TOPIC_SUFFIX + subject.workload().minInsyncReplicas());
            }
            matchups.add(new Matchup(configuration, subject.workload(), subject.target(),
                reference(referenceSide, referenceFlags)));
        }
        return new VersusOptions(false, matrix, args, matchups, base.outputDir(), base.dataDir());
    }

    /** The flags as produce-perf would take them for ackbench's side. */
    static String[] subjectFlags(final List<String> flags) {
        final List<String> subject = without(flags, PerfOptions.BOOTSTRAP_SERVERS);
        if (!subject.contains(PerfOptions.TRANSPORT)) {
            subject.add(PerfOptions.TRANSPORT);
            subject.add(SUBJECT_TRANSPORT);
        }
        return subject.toArray(new String[0]);
    }

    /** The reference's refusal says which system refused, since produce-perf on ackbench would take the flags. */
    private static LoadTarget reference(final ReferenceSide side, final List<String> flags) {
        try {
            return side.target(flags);
        } catch (final UsageException | ConfigException e) {
            throw new UsageException(side.name() + ": " + e.getMessage());
        }
    }

    /** The flags with a steady-state warm-up where the user gave no warm-up. */
    private static List<String> withDefaultWarmup(final List<String> flags) {
        final List<String> withWarmup = new ArrayList<>();
        if (!flags.contains(Workload.WARMUP)) {
            withWarmup.add(Workload.WARMUP);
            withWarmup.add(DEFAULT_WARMUP);
        }
        withWarmup.addAll(flags);
        return withWarmup;
    }

    /** The flags with a run length for the matrix, where the user gave none. */
    private static List<String> withMatrixLength(final List<String> flags) {
        final List<String> withLength = new ArrayList<>();
        if (!flags.contains(Workload.DURATION) && !flags.contains(Workload.NUM_RECORDS)) {
            withLength.add(Workload.DURATION);
            withLength.add(MATRIX_DURATION);
        }
        withLength.addAll(flags);
        return withLength;
    }

    private static void refuse(final List<String> flags, final String flag, final String why) {
        if (flags.contains(flag)) {
            throw new UsageException(flag + ": " + why);
        }
    }

    /** The flags without every {@code flag} and the value after it. */
    static List<String> without(final List<String> flags, final String flag) {
        final List<String> kept = new ArrayList<>(flags.size());
        for (int i = 0; i < flags.size(); i++) {
            if (flags.get(i).equals(flag)) {
                if (i + 1 < flags.size() && !flags.get(i + 1).startsWith(Arguments.FLAG_PREFIX)) {
                    i++;
                }
            } else {
                kept.add(flags.get(i));
            }
        }
        return kept;
    }

    boolean help() {
        return help;
    }

    boolean matrix() {
        return matrix;
    }

    /** The command line as given. */
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

    /** --data-dir: under which the runs' brokers keep their data, or null for the default. */
    Path dataDir() {
        return dataDir;
    }
}
