package io.ackbench.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A run's failovers ({@link FailoverTimes#finish()}) and their summary: the time from a leader's fault to its
 * successor's first acknowledgement, p50 (nearest rank) and max over every failover that had one, and how many had
 * none.
 */
public record FailoverReport(List<Failover> failovers, int faultsApplied, int faultsScheduled) {
    public FailoverReport {
        failovers = List.copyOf(failovers);
    }

    /** The failover times in nanoseconds, ascending, of the failovers with a successor's acknowledgement. */
    public long[] sortedNanos() {
        return failovers.stream().filter(Failover::bySuccessor).mapToLong(Failover::failoverNanos).sorted().toArray();
    }

    /** The median failover time (nearest rank), or -1 when no failover was answered by a successor. */
    public long p50Nanos() {
        final long[] sorted = sortedNanos();
        return sorted.length == 0 ? -1 : sorted[(int) Math.ceil(sorted.length * 0.5) - 1];
    }

    /** The longest failover time, or -1 when no failover was answered by a successor. */
    public long maxNanos() {
        final long[] sorted = sortedNanos();
        return sorted.length == 0 ? -1 : sorted[sorted.length - 1];
    }

    public long withoutSuccessorAck() {
        return failovers.stream().filter(failover -> !failover.bySuccessor()).count();
    }

    /** One line per failover, then the summary line. */
    public List<String> lines() {
        final List<String> lines = new ArrayList<>();
        for (final Failover failover : failovers) {
            lines.add("Failover: " + failover.describe());
        }
        lines.add(summaryLine());
        return lines;
    }

    /** "Faults: 10 of 10 applied; failover time over 20 failovers: p50 812.4 ms, max 1503.0 ms; 0 without..." */
    public String summaryLine() {
        final long[] sorted = sortedNanos();
        final String times = sorted.length == 0 ? "no failover time (no successor ack)"
            : String.format(Locale.ROOT, "failover time over %d failovers: p50 %.1f ms, max %.1f ms", sorted.length,
                p50Nanos() / 1e6, maxNanos() / 1e6);
        return "Faults: " + faultsApplied + " of " + faultsScheduled + " applied; " + times + "; "
            + withoutSuccessorAck() + " of " + failovers.size() + " struck partitions without a successor ack.";
    }

    /** The JSON object summary.json carries under "faults". */
    public String toJson() {
        final StringBuilder json = new StringBuilder(256 + 160 * failovers.size());
        json.append("{\n    \"faultsScheduled\": ").append(faultsScheduled)
            .append(",\n    \"faultsApplied\": ").append(faultsApplied)
            .append(",\n    \"failoversTimed\": ").append(sortedNanos().length)
            .append(",\n    \"withoutSuccessorAck\": ").append(withoutSuccessorAck())
            .append(",\n    \"failoverMillisP50\": ").append(millis(p50Nanos()))
            .append(",\n    \"failoverMillisMax\": ").append(millis(maxNanos()))
            .append(",\n    \"failovers\": [");
        String separator = "";
        for (final Failover failover : failovers) {
            json.append(separator).append("\n      {\"action\": \"").append(failover.action())
                .append("\", \"partition\": ").append(failover.partition())
                .append(", \"atMillis\": ").append(millis(failover.faultNanos()))
                .append(", \"successor\": ").append(failover.successor())
                .append(", \"failoverMillis\": ").append(failover.bySuccessor() ? millis(failover.failoverNanos())
                    : "null")
                .append(", \"note\": \"").append(failover.bySuccessor() ? "successor ack" : "no successor ack")
                .append("\"}");
            separator = ",";
        }
        return json.append("\n    ]\n  }").toString();
    }

    private static String millis(final long nanos) {
        return nanos < 0 ? "null" : String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }
}
