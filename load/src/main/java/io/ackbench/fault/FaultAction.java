package io.ackbench.fault;

/** One step of a running schedule: a fault's start or its end, at {@code atNanos} on the runner's clock. */
public record FaultAction(long atNanos, Fault fault, boolean start) {
    /** Applies it: kill, pause or power off at a start, restart or resume at an end. */
    void apply(final BrokerFaults faults) {
        if (start) {
            fault.kind().start(faults, fault.broker());
        } else {
            fault.kind().end(faults, fault.broker());
        }
    }

    /**
     * For logs: "kill broker 2", "restart broker 2", "pause broker 0", "resume broker 0", "power off broker 1".
     */
    public String describe() {
        final String verb = switch (fault.kind()) {
            case KILL -> start ? "kill" : "restart";
            case PAUSE -> start ? "pause" : "resume";
            case POWER_LOSS -> start ? "power off" : "restart";
        };
        return verb + " broker " + fault.broker();
    }
}
