package io.ackbench.fault;

/**
 * What became of one partition whose leader a fault struck: its first record acknowledged after the fault, and by
 * whom. Times in nanoseconds from the run's fault clock start (the measurement start).
 *
 * @param action        the fault's start as it was applied ("kill broker 0")
 * @param partition     a partition that broker led when the fault struck
 * @param faultNanos    when the fault was in effect (the kill or SIGSTOP had returned), since the start
 * @param successor     the leader seen after the fault, or {@link PartitionLeaders#NO_LEADER} if none was seen
 * @param ackNanos      the first qualifying acknowledgement since the start, or {@link #NO_ACK}
 * @param bySuccessor   whether that acknowledgement came from a broker other than the faulted one
 */
public record Failover(String action, int broker, int partition, long faultNanos, int successor, long ackNanos,
                       boolean bySuccessor) {
    public static final long NO_ACK = Long.MIN_VALUE;

    /** From the fault to the successor's first acknowledgement, or -1 when there was none. */
    public long failoverNanos() {
        return bySuccessor ? ackNanos - faultNanos : -1;
    }

    /** One line: "kill broker 0 @ 1500.2 ms, partition 3: 812.4 ms to broker 1's first ack". */
    public String describe() {
        final String head = String.format(java.util.Locale.ROOT, "%s @ %.1f ms, partition %d: ", action,
            faultNanos / 1e6, partition);
        if (bySuccessor) {
            return head + String.format(java.util.Locale.ROOT, "%.1f ms to the successor's first ack",
                failoverNanos() / 1e6) + (successor == PartitionLeaders.NO_LEADER ? "" : " (broker " + successor + ")");
        }
        if (ackNanos == NO_ACK) {
            return head + "no successor ack (no ack at all before the run ended)";
        }
        return head + String.format(java.util.Locale.ROOT, "no successor ack (broker %d itself answered again "
            + "%.1f ms after the fault)", broker, (ackNanos - faultNanos) / 1e6);
    }
}
