package io.ackbench.fault;

/**
 * Per-broker process faults, whatever runs the brokers: ackbench's broker processes ({@link ProcessBrokerFaults}),
 * brokers in this JVM ({@link InProcessBrokerFaults}) or an embedded Apache Kafka cluster (in the kafka module).
 * Called from one thread, the one applying a {@link FaultSchedule}; each call returns once the fault is in effect.
 */
public interface BrokerFaults {
    /** How many brokers, with ids 0..n-1. */
    int brokerCount();

    /** kill -9: the broker is gone at once, what it wrote stays in the page cache. */
    void kill(int brokerId);

    /** Starts a killed broker again with the same id, ports, data and settings; returns once it serves. */
    void restart(int brokerId);

    /** SIGSTOP: the broker holds its connections and answers nothing until resumed. */
    void pause(int brokerId);

    /** SIGCONT: a paused broker carries on where it stopped. */
    void resume(int brokerId);

    /**
     * Power loss: the broker is gone at once, as by {@link #kill}, and its log files lose whatever no force had made
     * durable; {@link #restart} brings it back. Only where the logs record what they forced.
     *
     * @throws UnsupportedOperationException where {@link #supports} says no
     */
    default void powerOff(final int brokerId) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot apply " + FaultKind.POWER_LOSS
            + " faults: only ackbench's broker processes can lose what their logs did not force");
    }

    /** Whether faults of {@code kind} can be applied here; {@link FaultKind#POWER_LOSS} only where overridden. */
    default boolean supports(final FaultKind kind) {
        return kind != FaultKind.POWER_LOSS;
    }
}
