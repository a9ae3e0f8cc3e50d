package io.ackbench.tools.versus;

import io.ackbench.load.BrokerJvmOptions;
import io.ackbench.load.UsageException;
import io.ackbench.load.Workload;
import io.ackbench.load.cli.Arguments;

import java.util.ArrayList;
import java.util.List;

/** Edits of a produce-perf command line, a flag being followed by its value unless the next word is a flag. */
final class VersusFlags {
    private VersusFlags() {
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

    /**
     * The value after the last {@code flag}.
     *
     * @throws UsageException when it has none
     */
    static String value(final List<String> flags, final String flag) {
        final int at = flags.lastIndexOf(flag);
        if (at < 0 || at + 1 >= flags.size() || flags.get(at + 1).startsWith(Arguments.FLAG_PREFIX)) {
            throw new UsageException(flag + " needs a value");
        }
        return flags.get(at + 1);
    }

    /** {@code flag value} first, so that the user's flags still win, unless {@code flag} or an alternative is given. */
    static List<String> withDefault(final List<String> flags, final String flag, final String value,
                                    final String... alternatives) {
        if (flags.contains(flag) || List.of(alternatives).stream().anyMatch(flags::contains)) {
            return flags;
        }
        final List<String> withDefault = new ArrayList<>(flags.size() + 2);
        withDefault.add(flag);
        withDefault.add(value);
        withDefault.addAll(flags);
        return withDefault;
    }

    /**
     * Adds the comparison's broker heap and GC, Kafka's start script's ({@link BrokerJvmOptions#COMPARISON_DEFAULT}),
     * unless the flags set the broker JVMs' options already: for a system whose brokers run in JVMs the comparison
     * starts.
     */
    static void withBrokerJvmOptions(final List<String> flags) {
        if (!flags.contains(Workload.BROKER_JVM_OPTIONS)) {
            flags.add(Workload.BROKER_JVM_OPTIONS);
            flags.add(String.join(" ", BrokerJvmOptions.COMPARISON_DEFAULT));
        }
    }

    /**
     * {@code flag value} first when the warm-up is steady (--warmup steady) and the flags do not give {@code flag}:
     * the comparison's per-system bounds of a steady warm-up.
     */
    static List<String> steadyWarmupDefault(final List<String> flags, final String flag, final String value) {
        if (!flags.contains(Workload.WARMUP) || !value(flags, Workload.WARMUP).equalsIgnoreCase(Workload.STEADY)) {
            return flags;
        }
        return withDefault(flags, flag, value);
    }

    static void refuse(final List<String> flags, final String flag, final String why) {
        if (flags.contains(flag)) {
            throw new UsageException(flag + ": " + why);
        }
    }
}
