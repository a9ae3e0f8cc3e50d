package io.ackbench.tools.latency;

import io.ackbench.load.UsageException;
import io.ackbench.load.cli.Arguments;

import java.util.List;

/**
 * {@code kafka-end-to-end-latency}'s flags, checked before any broker starts so that Kafka's tool, which exits the
 * JVM on a bad flag, only ever sees good ones. {@link #parse} throws a {@link UsageException} naming the flag.
 */
final class EndToEndLatencyOptions {
    static final String NUM_RECORDS = "--num-records";
    static final String PRODUCER_ACKS = "--producer-acks";
    static final String RECORD_SIZE = "--record-size";
    static final String MIN_INSYNC_REPLICAS = "--min-insync-replicas";

    static final int BROKERS = 3;
    static final int PARTITIONS = 1;
    static final int REPLICATION_FACTOR = 3;
    static final String DEFAULT_ACKS = "all";
    static final int DEFAULT_RECORD_SIZE = 100;
    static final int DEFAULT_MIN_INSYNC_REPLICAS = 2;
    /** Below KafkaProducer's default max.request.size (1 MiB), with room for the batch's own bytes. */
    static final int MAX_RECORD_SIZE = 1_000_000;
    /** Kafka's tool refuses acks=0: it waits for each send's acknowledgement before it polls. */
    private static final List<String> ACKS = List.of("1", "all");

    private final boolean help;
    private final int numRecords;
    private final String acks;
    private final int recordSize;
    private final int minInsyncReplicas;

    private EndToEndLatencyOptions(final boolean help, final int numRecords, final String acks, final int recordSize,
                                   final int minInsyncReplicas) {
        this.help = help;
        this.numRecords = numRecords;
        this.acks = acks;
        this.recordSize = recordSize;
        this.minInsyncReplicas = minInsyncReplicas;
    }

    static EndToEndLatencyOptions parse(final String... args) {
        if (Arguments.asksForHelp(args)) {
            return new EndToEndLatencyOptions(true, 0, DEFAULT_ACKS, DEFAULT_RECORD_SIZE, DEFAULT_MIN_INSYNC_REPLICAS);
        }
        int numRecords = 0;
        String acks = DEFAULT_ACKS;
        int recordSize = DEFAULT_RECORD_SIZE;
        int minInsyncReplicas = DEFAULT_MIN_INSYNC_REPLICAS;
        final Arguments arguments = Arguments.withInlineValues(args);
        while (arguments.hasNext()) {
            final String flag = arguments.next();
            switch (flag) {
                case NUM_RECORDS -> numRecords = inRange(flag, arguments.intValue(flag), 1, Integer.MAX_VALUE);
                case PRODUCER_ACKS -> acks = acks(arguments.value(flag));
                case RECORD_SIZE -> recordSize = inRange(flag, arguments.intValue(flag), 0, MAX_RECORD_SIZE);
                case MIN_INSYNC_REPLICAS -> minInsyncReplicas = inRange(flag, arguments.intValue(flag), 1,
                    REPLICATION_FACTOR);
                default -> throw Arguments.isFlag(flag) ? Arguments.unknownFlag(flag)
                    : new UsageException("Unexpected argument '" + flag + "': every value follows its flag");
            }
        }
        if (numRecords == 0) {
            throw new UsageException(NUM_RECORDS + " is required: how many records to send, one at a time");
        }
        return new EndToEndLatencyOptions(false, numRecords, acks, recordSize, minInsyncReplicas);
    }

    private static String acks(final String value) {
        if (!ACKS.contains(value)) {
            throw new UsageException(PRODUCER_ACKS + " takes 1 or all, not '" + value + "': Kafka's tool waits for "
                + "each record's acknowledgement");
        }
        return value;
    }

    private static int inRange(final String flag, final int value, final int min, final int max) {
        if (value < min || value > max) {
            throw new UsageException(flag + " takes a whole number from " + min + " to " + max + ", not " + value);
        }
        return value;
    }

    boolean help() {
        return help;
    }

    int numRecords() {
        return numRecords;
    }

    String acks() {
        return acks;
    }

    int recordSize() {
        return recordSize;
    }

    int minInsyncReplicas() {
        return minInsyncReplicas;
    }

    /** Kafka's EndToEndLatency's command line for a cluster at {@code bootstrapServers}, topic {@code topic}. */
    List<String> toolArguments(final String bootstrapServers, final String topic) {
        return List.of("--bootstrap-server", bootstrapServers, "--topic", topic, "--num-records",
            Integer.toString(numRecords), "--producer-acks", acks, "--record-size", Integer.toString(recordSize));
    }

    static String usage() {
        return String.join("\n",
            "Usage: kafka-end-to-end-latency --num-records N [--producer-acks 1|all] [--record-size BYTES]",
            "                                [--min-insync-replicas N]",
            "",
            "Apache Kafka's own end-to-end latency tool (org.apache.kafka.tools.EndToEndLatency, kafka-tools "
                + "4.3.1)",
            "against a fresh embedded Kafka cluster: " + BROKERS + " brokers, one JVM each, and one topic of "
                + PARTITIONS + " partition",
            "with replication factor " + REPLICATION_FACTOR + ", started before the run and stopped and deleted "
                + "after it (also on Ctrl-C).",
            "A closed loop: send one record, wait for its acknowledgement, poll until a consumer has it, repeat;",
            "one record in flight. Prints the tool's own output (every 1000th record's latency, the average, and",
            "the 50th, 99th and 99.9th percentiles in whole milliseconds, rounded down) and one summary line.",
            "",
            "  " + NUM_RECORDS + " N               records to send, one at a time (required)",
            "  " + PRODUCER_ACKS + " 1|all           the producer's acks (default " + DEFAULT_ACKS + ")",
            "  " + RECORD_SIZE + " BYTES           each value's size (default " + DEFAULT_RECORD_SIZE + ", up to "
                + MAX_RECORD_SIZE + ")",
            "  " + MIN_INSYNC_REPLICAS + " N       the topic's min.insync.replicas, 1 to " + REPLICATION_FACTOR
                + " (default " + DEFAULT_MIN_INSYNC_REPLICAS + ")",
            "  --help                      this text",
            "",
            "Exit codes: 0 the tool measured every record; 1 the cluster or the tool failed; 2 bad flags.",
            "");
    }
}
