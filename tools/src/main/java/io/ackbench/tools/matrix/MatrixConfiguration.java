package io.ackbench.tools.matrix;

import io.ackbench.load.PerfOptions;
import io.ackbench.load.Workload;
import io.ackbench.producer.ProducerConfig;

import java.util.List;

/**
 * One row of produce-perf-matrix: a delivery setting (acks, idempotence) with a min.insync.replicas, and the
 * produce-perf flags that run it.
 */
record MatrixConfiguration(String acks, boolean idempotent, int minInsync) {
    /** {@code acks=1}, {@code acks=all idempotent}: the table's first column. */
    String name() {
        return "acks=" + acks + (idempotent ? " idempotent" : "");
    }

    /** The name's spaces as dashes and equals signs as underscores, then {@code -minisr2}: {@code acks_all-idempotent-minisr2}. */
    String directoryName() {
        return name().replace(' ', '-').replace('=', '_') + "-minisr" + minInsync;
    }

    /** The stages section's heading: {@code acks=all idempotent, min.insync.replicas=2}. */
    String heading() {
        return name() + ", min.insync.replicas=" + minInsync;
    }

    /** What the configuration adds to the user's flags. */
    List<String> flags() {
        return List.of(
            // Pairs run to the next flag, so --min-insync-replicas ends them.
            PerfOptions.PRODUCER_PROPS, ProducerConfig.ACKS + "=" + acks,
            ProducerConfig.ENABLE_IDEMPOTENCE + "=" + idempotent,
            Workload.MIN_INSYNC_REPLICAS, Integer.toString(minInsync));
    }
}
