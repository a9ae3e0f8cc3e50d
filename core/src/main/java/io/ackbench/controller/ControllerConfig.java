package io.ackbench.controller;

import io.ackbench.config.ConfigException;
import io.ackbench.config.ConfigReader;

import java.util.Map;
import java.util.Set;

/**
 * The controller's settings, by Kafka's names and with Kafka's defaults, validated when read. Immutable.
 */
public final class ControllerConfig {
    /** How long a broker may stay silent before the controller fences it (Kafka's default 9000). */
    public static final String BROKER_SESSION_TIMEOUT_MS = "broker.session.timeout.ms";
    /** How often a broker heartbeats to the controller (Kafka's default 2000). */
    public static final String BROKER_HEARTBEAT_INTERVAL_MS = "broker.heartbeat.interval.ms";
    /** Whether a replica outside the ISR may be elected when no ISR member is alive (Kafka's default false). */
    public static final String UNCLEAN_LEADER_ELECTION_ENABLE = "unclean.leader.election.enable";

    /** Every key this class reads: a broker's settings carry them for the controller. */
    public static final Set<String> KEYS = Set.of(BROKER_SESSION_TIMEOUT_MS, BROKER_HEARTBEAT_INTERVAL_MS,
        UNCLEAN_LEADER_ELECTION_ENABLE);

    private final long brokerSessionTimeoutMs;
    private final long brokerHeartbeatIntervalMs;
    private final boolean uncleanLeaderElectionEnable;

    private ControllerConfig(final ConfigReader in) {
        brokerSessionTimeoutMs = in.longValue(BROKER_SESSION_TIMEOUT_MS, 9000, 1, Long.MAX_VALUE / 2);
        brokerHeartbeatIntervalMs = in.longValue(BROKER_HEARTBEAT_INTERVAL_MS, 2000, 1, Long.MAX_VALUE / 2);
        // Kafka does not check this pair; a heartbeat no more frequent than the session timeout would fence a live
        // broker between two heartbeats, so ackbench refuses it.
        if (brokerHeartbeatIntervalMs >= brokerSessionTimeoutMs) {
            throw new ConfigException(BROKER_HEARTBEAT_INTERVAL_MS, Long.toString(brokerHeartbeatIntervalMs),
                "it must be below " + BROKER_SESSION_TIMEOUT_MS + "=" + brokerSessionTimeoutMs
                    + ", or live brokers would be fenced between heartbeats");
        }
        uncleanLeaderElectionEnable = in.booleanValue(UNCLEAN_LEADER_ELECTION_ENABLE, false);
    }

    /** Validates every setting: unknown keys, numbers that do not parse or are out of range fail naming the key. */
    public static ControllerConfig of(final Map<String, String> settings) {
        return new ControllerConfig(new ConfigReader("controller", settings, KEYS));
    }

    public static ControllerConfig defaults() {
        return of(Map.of());
    }

    public long brokerSessionTimeoutMs() {
        return brokerSessionTimeoutMs;
    }

    public long brokerHeartbeatIntervalMs() {
        return brokerHeartbeatIntervalMs;
    }

    public boolean uncleanLeaderElectionEnable() {
        return uncleanLeaderElectionEnable;
    }
}
