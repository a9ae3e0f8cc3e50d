package io.ackbench.tools.latency;

import io.ackbench.kafka.EmbeddedKafkaCluster;
import io.ackbench.kafka.KafkaTarget;
import io.ackbench.kafka.KafkaTopicSpec;
import io.ackbench.load.ProducePerf;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code scripts/kafka-end-to-end-latency}: Apache Kafka's own EndToEndLatency tool against a fresh embedded 3-broker
 * cluster, a cross-check for produce-perf's end-to-end figures from a closed loop with one record in flight. The
 * cluster is stopped and its data deleted when the run ends, also on Ctrl-C (its shutdown hook).
 * {@link EndToEndLatencyOptions#usage()} says the rest.
 */
public final class KafkaEndToEndLatency {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    static final String PROGRAM = "kafka-end-to-end-latency";
    static final String TOPIC = "end-to-end-latency";
    /** The brokers' data under the repository, one directory per run, deleted after it. */
    static final Path DATA_DIR = Path.of("target", "kafka-end-to-end-latency-data");

    private KafkaEndToEndLatency() {
    }

    public static void main(final String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The whole command, without exiting: returns the exit status. */
    public static int run(final String[] args, final PrintStream out, final PrintStream err) {
        final EndToEndLatencyOptions options;
        try {
            options = EndToEndLatencyOptions.parse(args);
        } catch (final IllegalArgumentException e) {
            err.println(PROGRAM + ": " + e.getMessage());
            err.println("Run " + PROGRAM + " --help for every flag.");
            return EXIT_USAGE;
        }
        if (options.help()) {
            out.print(EndToEndLatencyOptions.usage());
            return EXIT_OK;
        }
        final Path root = Path.of(System.getProperty(ProducePerf.ROOT_PROPERTY, "."));
        final Path dataDir = root.resolve(DATA_DIR).resolve("run-" + System.nanoTime());
        final KafkaTopicSpec topic = new KafkaTopicSpec(TOPIC, EndToEndLatencyOptions.PARTITIONS,
            EndToEndLatencyOptions.REPLICATION_FACTOR, options.minInsyncReplicas());
        out.println("Starting Apache Kafka: " + EndToEndLatencyOptions.BROKERS + " brokers, one JVM each; topic "
            + TOPIC + " (" + topic.partitions() + " partition, replication factor " + topic.replicationFactor()
            + ", min.insync.replicas " + topic.minInsyncReplicas() + ").");
        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(EndToEndLatencyOptions.BROKERS, Map.of(),
            topic, dataDir, KafkaTarget.READY_TIMEOUT)) {
            final List<String> toolArgs = options.toolArguments(cluster.bootstrapServers(), TOPIC);
            out.println("Running org.apache.kafka.tools.EndToEndLatency " + String.join(" ", toolArgs));
            final InProcessEndToEndLatency.Outcome outcome = InProcessEndToEndLatency.run(toolArgs, out, err);
            if (outcome.status() != 0) {
                err.println(PROGRAM + ": Kafka's EndToEndLatency exited with status " + outcome.status());
                return EXIT_FAILED;
            }
            out.println(EndToEndLatencyFigures.parse(outcome.printed()).summaryLine(options));
            return EXIT_OK;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(PROGRAM + ": interrupted");
            return EXIT_FAILED;
        } catch (final IOException | RuntimeException e) {
            err.println(PROGRAM + ": the run failed: " + e.getMessage());
            return EXIT_FAILED;
        }
    }
}
