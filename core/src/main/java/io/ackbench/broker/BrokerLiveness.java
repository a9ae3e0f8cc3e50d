package io.ackbench.broker;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the controller knows of which brokers are alive (KRaft's broker heartbeats, reduced to one JVM): each
 * running broker stamps its heartbeat every duty cycle; one silent for longer than broker.session.timeout.ms is
 * fenced, and the leaders drop it from their ISRs. One slot per broker, so brokers on different threads never contend.
 */
final class BrokerLiveness {
    /**
     * Per broker, its last heartbeat: written by its own thread with a release store (lazySet), read by the leaders'
     * threads with a volatile load.
     */
    private final AtomicLongArray heartbeatsMs;
    private final long sessionTimeoutMs;
    private final boolean shared;

    BrokerLiveness(final int brokers, final long sessionTimeoutMs, final long nowMs) {
        this(brokers, sessionTimeoutMs, nowMs, true);
    }

    private BrokerLiveness(final int brokers, final long sessionTimeoutMs, final long nowMs, final boolean shared) {
        this.heartbeatsMs = new AtomicLongArray(brokers);
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.shared = shared;
        for (int b = 0; b < brokers; b++) {
            heartbeatsMs.set(b, nowMs);
        }
    }

    /**
     * For a broker alone in its process: it cannot see the others' heartbeats, so it fences nobody, and a dead
     * follower leaves the ISR by the lag rule only (there is no controller across processes yet).
     */
    static BrokerLiveness unknown(final int brokers) {
        return new BrokerLiveness(brokers, Long.MAX_VALUE, 0, false);
    }

    void heartbeat(final int broker, final long nowMs) {
        heartbeatsMs.lazySet(broker, nowMs);
    }

    /**
     * The broker's last heartbeat: when its latest duty cycle began, in ms of its clock. Any thread: a volatile read
     * of the ordered write {@link #heartbeat} makes, so a reader that sees a stamp also sees everything that broker's
     * thread did before stamping it.
     */
    long heartbeatMs(final int broker) {
        return heartbeatsMs.get(broker);
    }

    boolean isFenced(final int broker, final long nowMs) {
        return shared && nowMs - heartbeatsMs.get(broker) > sessionTimeoutMs;
    }
}
