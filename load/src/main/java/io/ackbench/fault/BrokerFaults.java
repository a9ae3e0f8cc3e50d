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
}
