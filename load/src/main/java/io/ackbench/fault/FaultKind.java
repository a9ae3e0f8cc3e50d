package io.ackbench.fault;

/** What a scheduled fault does to its broker at its start, and what undoes it at its end. */
public enum FaultKind {
    /** kill -9 at the start, restart (same id, ports, data) at the end. */
    KILL,
    /** SIGSTOP at the start, SIGCONT at the end. */
    PAUSE;

    void start(final BrokerFaults faults, final int brokerId) {
        if (this == KILL) {
            faults.kill(brokerId);
        } else {
            faults.pause(brokerId);
        }
    }

    void end(final BrokerFaults faults, final int brokerId) {
        if (this == KILL) {
            faults.restart(brokerId);
        } else {
            faults.resume(brokerId);
        }
    }
}
