package io.ackbench.tools.versus;

import io.ackbench.load.PerfOptions;
import io.ackbench.load.Workload;
import io.ackbench.producer.ProducerConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * vs-kafka's {@code --matrix}: the standard comparison, 3 brokers, replication factor 3, 100-byte records and 6
 * partitions, in five delivery settings (acks=1; acks=all with min.insync.replicas 2 or 3, each with idempotence off
 * and on), each at the unbounded rate, at half of each system's own maximum (measured by the unbounded
 * configuration, which therefore runs just before it) and at {@value #FIXED_RATE} records/s: fifteen configurations.
 *
 * <p>Every configuration sets enable.idempotence explicitly: Kafka's default is true, and Kafka refuses it with
 * acks=1, so acks=1 runs without it on both systems.
 */
final class StandardMatrix {
    static final int BROKERS = 3;
    static final int REPLICATION_FACTOR = 3;
    static final int RECORD_SIZE = 100;
    static final int PARTITIONS = 6;
    /**
     * The open-loop rate of the latency comparison; Apache Kafka was first measured at it on these machines
     * (docs/measuring.md).
     */
    static final long FIXED_RATE = 20_000;
    /** produce-perf's spelling of an unbounded rate. */
    static final long UNBOUNDED = -1;

    /** The flags each configuration sets, which the user may not give with --matrix. */
    static final List<String> OWNED_FLAGS = List.of(Workload.BROKERS, Workload.REPLICATION_FACTOR,
        Workload.RECORD_SIZE, Workload.PARTITIONS, Workload.MIN_INSYNC_REPLICAS, Workload.THROUGHPUT);
    /** The producer settings each configuration sets. */
    static final List<String> OWNED_PRODUCER_SETTINGS = List.of(ProducerConfig.ACKS,
        ProducerConfig.ENABLE_IDEMPOTENCE);

    private static final Delivery[] DELIVERIES = {
        new Delivery("1", 2, false),
        new Delivery("all", 2, false),
        new Delivery("all", 2, true),
        new Delivery("all", 3, false),
        new Delivery("all", 3, true),
    };
    /**
     * Half its own maximum loads each system alike relative to what it can do, which is where users run a cluster
     * and where queueing has not yet taken over the latency.
     */
    static final double SHARE_OF_MAX = 0.5;
    /** The name of a configuration at {@link #SHARE_OF_MAX}. */
    static final String HALF_MAX = "half max";

    private StandardMatrix() {
    }

    static List<Configuration> configurations() {
        final List<Configuration> configurations = new ArrayList<>(DELIVERIES.length * 3);
        for (final Delivery delivery : DELIVERIES) {
            // Each half-max configuration right after the max it halves: this machine's capacity drifts by tens of
            // percent over hours, so a max measured hours earlier could put a system at its saturation instead.
            configurations.add(Configuration.of(delivery.name() + " @ " + rateName(UNBOUNDED),
                flags(delivery, UNBOUNDED), false));
            // The fixed rate stands in until each system's own is known; it makes the flags valid to check.
            configurations.add(Configuration.atShareOfMax(delivery.name() + " @ " + HALF_MAX,
                flags(delivery, FIXED_RATE), delivery.name() + " @ " + rateName(UNBOUNDED), SHARE_OF_MAX));
        }
        for (final Delivery delivery : DELIVERIES) {
            configurations.add(Configuration.of(delivery.name() + " @ " + rateName(FIXED_RATE),
                flags(delivery, FIXED_RATE), true));
        }
        return configurations;
    }

    private static List<String> flags(final Delivery delivery, final long rate) {
        return List.of(
            Workload.BROKERS, Integer.toString(BROKERS),
            Workload.REPLICATION_FACTOR, Integer.toString(REPLICATION_FACTOR),
            Workload.RECORD_SIZE, Integer.toString(RECORD_SIZE),
            Workload.PARTITIONS, Integer.toString(PARTITIONS),
            Workload.MIN_INSYNC_REPLICAS, Integer.toString(delivery.minInsync),
            Workload.THROUGHPUT, Long.toString(rate),
            // Last: its key=value pairs run to the next flag or the end.
            PerfOptions.PRODUCER_PROPS, ProducerConfig.ACKS + "=" + delivery.acks,
            ProducerConfig.ENABLE_IDEMPOTENCE + "=" + delivery.idempotent);
    }

    /** {@code max} or {@code 20000/s}. */
    static String rateName(final long rate) {
        return rate == UNBOUNDED ? "max" : rate + "/s";
    }

    private record Delivery(String acks, int minInsync, boolean idempotent) {
        /**
         * {@code acks=1}, {@code acks=all isr=2}, {@code acks=all isr=3 idem}; min.insync does not matter to acks=1.
         */
        String name() {
            return "acks=" + acks + (acks.equals("all") ? " isr=" + minInsync : "") + (idempotent ? " idem" : "");
        }
    }
}
