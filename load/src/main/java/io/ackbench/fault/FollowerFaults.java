package io.ackbench.fault;

import io.ackbench.broker.Broker;
import io.ackbench.broker.InProcessCluster;

/**
 * Pauses or stops a follower of a running cluster. A paused follower stays up but stops fetching, so its leader
 * sees it fall behind and, after replica.lag.time.max.ms, drops it from the ISR; a stopped broker is gone
 * altogether, dropping whatever reaches it, until restarted. Both take effect on the broker's next duty cycle.
 */
public final class FollowerFaults {
    private final InProcessCluster cluster;

    public FollowerFaults(final InProcessCluster cluster) {
        this.cluster = cluster;
    }

    public void pause(final int brokerId) {
        broker(brokerId).pauseFetching();
    }

    public void resume(final int brokerId) {
        broker(brokerId).resumeFetching();
    }

    public void stop(final int brokerId) {
        broker(brokerId).stop();
    }

    public void restart(final int brokerId) {
        broker(brokerId).restart();
    }

    private Broker broker(final int brokerId) {
        if (brokerId < 0 || brokerId >= cluster.brokerCount()) {
            throw new IllegalArgumentException("No broker " + brokerId + " in a cluster of " + cluster.brokerCount());
        }
        return cluster.broker(brokerId);
    }
}
