package io.ackbench.broker;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the controller knows of which brokers are alive (KRaft's broker heartbeats, reduced to one JVM): each
 * running broker stamps its heartbeat every duty cycle; one silent for longer than broker.session.timeout.ms is
 * fenced, and the leaders drop it from their ISRs. Heartbeats are ordered writes and volatile reads, one slot per
 * broker, so brokers on different threads never contend.
 */
final class BrokerLiveness {
    private final AtomicLongArray heartbeatsMs;
    private final long sessionTimeoutMs;

    BrokerLiveness(final int brokers, final long sessionTimeoutMs, final long nowMs) {
        this.heartbeatsMs = new AtomicLongArray(brokers);
        this.sessionTimeoutMs = sessionTimeoutMs;
        for (int b = 0; b < brokers; b++) {
            heartbeatsMs.set(b, nowMs);
        }
    }

    void heartbeat(final int broker, final long nowMs) {
        heartbeatsMs.lazySet(broker, nowMs);
    }

    boolean isFenced(final int broker, final long nowMs) {
        return nowMs - heartbeatsMs.get(broker) > sessionTimeoutMs;
    }
}
