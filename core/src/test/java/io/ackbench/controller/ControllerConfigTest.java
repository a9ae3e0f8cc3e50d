package io.ackbench.controller;

import io.ackbench.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ControllerConfigTest {
    @Test
    void defaultsAreKafkas() {
        final ControllerConfig config = ControllerConfig.defaults();
        assertThat(config.brokerSessionTimeoutMs()).isEqualTo(9000);
        assertThat(config.brokerHeartbeatIntervalMs()).isEqualTo(2000);
        assertThat(config.uncleanLeaderElectionEnable()).isFalse();
    }

    @Test
    void readsKafkasKeys() {
        final ControllerConfig config = ControllerConfig.of(Map.of("broker.session.timeout.ms", "18000",
            "broker.heartbeat.interval.ms", "3000", "unclean.leader.election.enable", "true"));
        assertThat(config.brokerSessionTimeoutMs()).isEqualTo(18_000);
        assertThat(config.brokerHeartbeatIntervalMs()).isEqualTo(3000);
        assertThat(config.uncleanLeaderElectionEnable()).isTrue();
    }

    @Test
    void aHeartbeatIntervalNotBelowTheSessionTimeoutIsRefused() {
        assertThatThrownBy(() -> ControllerConfig.of(Map.of("broker.heartbeat.interval.ms", "9000")))
            .isInstanceOf(ConfigException.class)
            .hasMessage("Invalid value '9000' for configuration broker.heartbeat.interval.ms: it must be below "
                + "broker.session.timeout.ms=9000, or live brokers would be fenced between heartbeats");
    }

    @Test
    void badValuesAndUnknownKeysAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> ControllerConfig.of(Map.of("unclean.leader.election.enable", "yes")))
            .isInstanceOf(ConfigException.class)
            .hasMessage("Invalid value 'yes' for configuration unclean.leader.election.enable: expected true or false");
        assertThatThrownBy(() -> ControllerConfig.of(Map.of("broker.session.timeout.ms", "0")))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("broker.session.timeout.ms");
        assertThatThrownBy(() -> ControllerConfig.of(Map.of("controller.quorum.voters", "1@x")))
            .isInstanceOf(ConfigException.class)
            .hasMessageStartingWith("Invalid configuration controller.quorum.voters: unknown controller configuration");
    }
}
