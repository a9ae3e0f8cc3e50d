package io.ackbench.fault;

/** What a scheduled fault does to its broker at its start, and what undoes it at its end. */
public enum FaultKind {
    /** kill -9 at the start, restart (same id, ports, data) at the end. */
    KILL,
    /** SIGSTOP at the start, SIGCONT at the end. */
    PAUSE,
    /**
     * Power loss at the start (kill -9, then every log file loses what no force made durable), restart at the end.
     * Only ackbench's broker processes can do it ({@link BrokerFaults#supports}); drawn only when asked for.
     */
    POWER_LOSS;

    void start(final BrokerFaults faults, final int brokerId) {
        switch (this) {
            case KILL -> faults.kill(brokerId);
            case PAUSE -> faults.pause(brokerId);
            case POWER_LOSS -> faults.powerOff(brokerId);
        }
    }

    void end(final BrokerFaults faults, final int brokerId) {
        switch (this) {
            case KILL, POWER_LOSS -> faults.restart(brokerId);
            case PAUSE -> faults.resume(brokerId);
        }
    }
}
