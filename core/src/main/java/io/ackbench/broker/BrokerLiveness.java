package io.ackbench.broker;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * When each broker's latest duty cycle began: a broker stamps it every cycle while it runs, and tests read it to
 * wait until a cycle has begun after some moment. (Whether a broker is alive is the controller's business: it
 * fences a broker whose heartbeats stop.) One slot per broker, so brokers on different threads never contend.
 */
final class BrokerLiveness {
    /**
     * Per broker, its last stamp: written by its own thread with a release store (lazySet), read by any thread with
     * a volatile load.
     */
    private final AtomicLongArray heartbeatsMs;

    BrokerLiveness(final int brokers, final long nowMs) {
        this.heartbeatsMs = new AtomicLongArray(brokers);
        for (int b = 0; b < brokers; b++) {
            heartbeatsMs.set(b, nowMs);
        }
    }

    void heartbeat(final int broker, final long nowMs) {
        heartbeatsMs.lazySet(broker, nowMs);
    }

    /**
     * The broker's last stamp, in ms of its clock. Any thread: a volatile read of the ordered write {@link #heartbeat}
     * makes, so a reader that sees a stamp also sees everything that broker's thread did before stamping it.
     */
    long heartbeatMs(final int broker) {
        return heartbeatsMs.get(broker);
    }
}
