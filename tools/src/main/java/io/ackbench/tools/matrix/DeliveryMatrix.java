package io.ackbench.tools.matrix;

import io.ackbench.load.PerfOptions;

import java.util.ArrayList;
import java.util.List;

/**
 * produce-perf-matrix's configurations: acks 0, 1 and all, and for acks=all idempotence off and on, each with
 * min.insync.replicas 2 and 3. Kafka refuses idempotence with acks 0 or 1, so those rows do not exist; every row sets
 * enable.idempotence explicitly, since Kafka's default is true.
 */
final class DeliveryMatrix {
    /**
     * Flags the matrix sets per configuration (or per run), which the user may not give. {@code
     * --min-insync-replicas} is the matrix's too, but a user may give it to keep only that value's rows.
     */
    static final List<String> OWNED_FLAGS = List.of(PerfOptions.PRODUCER_PROPS, PerfOptions.OUTPUT_DIR,
        PerfOptions.SWEEP);

    private static final List<Delivery> DELIVERIES = List.of(new Delivery("0", false), new Delivery("1", false),
        new Delivery("all", false), new Delivery("all", true));
    private static final int[] MIN_INSYNC = {2, 3};

    private DeliveryMatrix() {
    }

    /** The min.insync.replicas values the matrix runs, in order. */
    static boolean runsMinInsync(final int minInsync) {
        for (final int value : MIN_INSYNC) {
            if (value == minInsync) {
                return true;
            }
        }
        return false;
    }

    /** The eight configurations in the order they run and the table lists them. */
    static List<MatrixConfiguration> configurations() {
        final List<MatrixConfiguration> configurations = new ArrayList<>(DELIVERIES.size() * MIN_INSYNC.length);
        for (final Delivery delivery : DELIVERIES) {
            for (final int minInsync : MIN_INSYNC) {
                configurations.add(new MatrixConfiguration(delivery.acks(), delivery.idempotent(), minInsync));
            }
        }
        return List.copyOf(configurations);
    }

    private record Delivery(String acks, boolean idempotent) {
    }
}
