package io.ackbench.fault;

import io.ackbench.broker.BrokerProcesses;

/** {@link BrokerFaults} on ackbench brokers that run one per process. */
public final class ProcessBrokerFaults implements BrokerFaults {
    private final BrokerProcesses cluster;

    public ProcessBrokerFaults(final BrokerProcesses cluster) {
        this.cluster = cluster;
    }

    @Override
    public int brokerCount() {
        return cluster.brokerCount();
    }

    @Override
    public void kill(final int brokerId) {
        cluster.kill(brokerId);
    }

    @Override
    public void restart(final int brokerId) {
        cluster.restart(brokerId);
    }

    @Override
    public void powerOff(final int brokerId) {
        cluster.powerOff(brokerId);
    }

    @Override
    public boolean supports(final FaultKind kind) {
        return true;
    }

    @Override
    public void pause(final int brokerId) {
        cluster.pause(brokerId);
    }

    @Override
    public void resume(final int brokerId) {
        cluster.resume(brokerId);
    }
}
