package io.ackbench.load;

import io.ackbench.config.ConfigException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The heap and GC options of each broker JVM a run starts ({@value Workload#BROKER_JVM_OPTIONS}): one list that
 * either target puts in place of its own heap and GC options, so that a comparison runs both systems' brokers on the
 * same heap and collector. Controllers keep their own.
 */
public final class BrokerJvmOptions {
    /**
     * The comparison's common default: the options Apache Kafka's {@code kafka-server-start.sh} gives its brokers,
     * its heap ({@code KAFKA_HEAP_OPTS}) and the G1 settings of {@code kafka-run-class.sh}'s
     * {@code KAFKA_JVM_PERFORMANCE_OPTS}.
     */
    public static final List<String> COMPARISON_DEFAULT = List.of("-Xms1G", "-Xmx1G", "-XX:+UseG1GC",
        "-XX:MaxGCPauseMillis=20", "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent");
    /** An option that chooses HotSpot's collector: {@code -XX:+UseG1GC}, {@code -XX:+UseZGC}, ... */
    private static final Pattern GC_SELECTOR = Pattern.compile("-XX:\\+Use\\w+GC");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private BrokerJvmOptions() {
    }

    /**
     * {@code "-Xms1G -Xmx1G ..."}, split at whitespace.
     *
     * @throws UsageException when there is no option in it
     */
    static List<String> parse(final String flag, final String text) {
        final List<String> options = new ArrayList<>();
        for (final String option : WHITESPACE.split(text.trim())) {
            if (!option.isEmpty()) {
                options.add(option);
            }
        }
        if (options.isEmpty()) {
            throw new UsageException(flag + " needs at least one JVM option, e.g. \""
                + String.join(" ", COMPARISON_DEFAULT) + "\"");
        }
        return List.copyOf(options);
    }

    /** @throws ConfigException naming the first option that does not start with {@code -} */
    static void check(final List<String> options) {
        for (final String option : options) {
            if (!option.startsWith("-")) {
                throw new ConfigException(Workload.BROKER_JVM_OPTIONS, option, "each JVM option starts with '-', "
                    + "e.g. -Xmx1G or -XX:+UseG1GC");
            }
        }
    }

    /** The options as one line, saying so when none chooses a collector (the JVM then picks its default). */
    public static String describe(final List<String> options) {
        final boolean collectorChosen = options.stream().anyMatch(option -> GC_SELECTOR.matcher(option).matches());
        return String.join(" ", options) + (collectorChosen ? "" : " (no GC option: the JVM's default collector)");
    }
}
