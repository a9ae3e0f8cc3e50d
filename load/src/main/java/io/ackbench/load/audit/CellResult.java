package io.ackbench.load.audit;

import java.nio.file.Path;
import java.util.List;

/**
 * One audit cell's outcome: what it measured, or why it did not run or could not finish.
 *
 * @param status            how the cell ended
 * @param reason            why it was refused or did not finish; null when {@link Status#DONE}
 * @param audit             the classified records; null unless {@link Status#DONE}
 * @param promises          what Kafka documents for the setting under the fault
 * @param breaches          the promises the audit breached, each a sentence; empty when it kept them
 * @param unavailableMillis the longest stretch of the measured load with no record acknowledged
 * @param recordsPerSecond  records acknowledged per second of the measured load
 * @param produceP99Micros  produce latency p99, from intended send to acknowledgement
 * @param endToEndP99Micros end-to-end latency p99, from intended send to a consumer; -1 when not measured
 * @param keptDataDir       the brokers' data and logs, kept because the cell did not finish; null otherwise
 * @param divergentReplicas ackbench only: (replica, offset) pairs below the high watermark whose record differs from
 *                          the one read back there; -1 when not compared
 */
public record CellResult(AuditCell cell, Status status, String reason, DeliveryAudit audit,
                         List<Guarantee.Promise> promises, List<String> breaches, long unavailableMillis,
                         double recordsPerSecond, long produceP99Micros, long endToEndP99Micros, Path keptDataDir,
                         long divergentReplicas) {
    /** How a cell ended. */
    public enum Status {
        /** Ran, healed, read back and classified. */
        DONE,
        /** Not run: an impossible setting, or a fault this target cannot apply. */
        REFUSED,
        /** Ran, but the cluster did not heal (or could not be read back) within the bound. */
        NOT_HEALED,
        /** The harness failed while running it. */
        FAILED
    }

    public static CellResult refused(final AuditCell cell, final String reason) {
        return new CellResult(cell, Status.REFUSED, reason, null, List.of(), List.of(), 0, 0, 0, -1, null, -1);
    }

    public static CellResult unfinished(final AuditCell cell, final Status status, final String reason,
                                        final Path keptDataDir) {
        return new CellResult(cell, status, reason, null, List.of(), List.of(), 0, 0, 0, -1, keptDataDir, -1);
    }

    /**
     * This result with its replicas compared; divergence below the high watermark breaches what replication
     * promises whatever the setting, so it is added to the breaches.
     */
    public CellResult withDivergentReplicas(final long divergent) {
        final List<String> all = new java.util.ArrayList<>(breaches);
        if (divergent > 0) {
            all.add("replicas agree below the high watermark: breached at " + divergent + " (replica, offset) pairs");
        }
        return new CellResult(cell, status, reason, audit, promises, List.copyOf(all), unavailableMillis,
            recordsPerSecond, produceP99Micros, endToEndP99Micros, keptDataDir, divergent);
    }

    /** Whether it ran to a verdict and breached a documented promise. */
    public boolean breached() {
        return !breaches.isEmpty();
    }
}
