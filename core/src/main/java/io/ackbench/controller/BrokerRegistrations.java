package io.ackbench.controller;

/**
 * The brokers the controller knows, with each one's last heartbeat and whether it is fenced (Kafka's
 * {@code BrokerHeartbeatManager} and the fencing flag of {@code BrokerRegistration}). Brokers 0 to n-1 are registered
 * at creation, unfenced, as if each had just heartbeated. A broker whose last heartbeat is more than
 * broker.session.timeout.ms old has an expired session; the controller then fences it. A heartbeat from a fenced
 * broker unfences it at once (Kafka also waits until the broker has caught up with the metadata log, which ackbench
 * does not have).
 *
 * <p>Owned by the controller's thread; not thread-safe.
 */
public final class BrokerRegistrations {
    private final long sessionTimeoutMs;
    private final long[] lastHeartbeatMs;
    private final boolean[] fenced;

    BrokerRegistrations(final int brokers, final long sessionTimeoutMs, final long nowMs) {
        if (brokers < 1) {
            throw new IllegalArgumentException("A cluster needs at least one broker, not " + brokers);
        }
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.lastHeartbeatMs = new long[brokers];
        this.fenced = new boolean[brokers];
        java.util.Arrays.fill(lastHeartbeatMs, nowMs);
    }

    public int count() {
        return fenced.length;
    }

    public boolean isRegistered(final int broker) {
        return broker >= 0 && broker < fenced.length;
    }

    /** Registered and not fenced: Kafka's {@code ClusterControlManager.isActive}, what makes a replica electable. */
    public boolean isActive(final int broker) {
        return isRegistered(broker) && !fenced[broker];
    }

    public boolean isFenced(final int broker) {
        return fenced[broker];
    }

    public long lastHeartbeatMs(final int broker) {
        return lastHeartbeatMs[broker];
    }

    /** Whether the broker is unfenced but silent for longer than the session timeout. */
    boolean sessionExpired(final int broker, final long nowMs) {
        return !fenced[broker] && nowMs - lastHeartbeatMs[broker] > sessionTimeoutMs;
    }

    /** Records a heartbeat; returns true if it unfenced the broker. */
    boolean heartbeat(final int broker, final long nowMs) {
        lastHeartbeatMs[broker] = Math.max(lastHeartbeatMs[broker], nowMs);
        if (fenced[broker]) {
            fenced[broker] = false;
            return true;
        }
        return false;
    }

    void fence(final int broker) {
        fenced[broker] = true;
    }
}
