package io.ackbench.fault;

import io.ackbench.broker.Broker;
import io.ackbench.broker.InProcessCluster;

/**
 * {@link BrokerFaults} on brokers in this JVM, for unit-level runs, through what {@link Broker} offers: kill is
 * {@link Broker#stop()} (it drops whatever reaches it), restart is {@link Broker#restart()} (its logs kept all it
 * appended; nothing is lost from the page cache here, as with a real process kill). A broker in this JVM cannot be
 * frozen, so pause is approximated by stop and resume by restart: unlike a SIGSTOPped process, a paused broker
 * here loses what arrives meanwhile instead of answering it late. Takes effect on the broker's next duty cycle.
 */
public final class InProcessBrokerFaults implements BrokerFaults {
    private final InProcessCluster cluster;
    /** Stops and restarts brokers, checking the id. */
    private final FollowerFaults brokers;

    public InProcessBrokerFaults(final InProcessCluster cluster) {
        this.cluster = cluster;
        this.brokers = new FollowerFaults(cluster);
    }

    @Override
    public int brokerCount() {
        return cluster.brokerCount();
    }

    @Override
    public void kill(final int brokerId) {
        brokers.stop(brokerId);
    }

    @Override
    public void restart(final int brokerId) {
        brokers.restart(brokerId);
    }

    @Override
    public void pause(final int brokerId) {
        brokers.stop(brokerId);
    }

    @Override
    public void resume(final int brokerId) {
        brokers.restart(brokerId);
    }
}
