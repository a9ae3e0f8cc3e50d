package io.ackbench.kafka;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KraftServerPropertiesTest {
    private static final List<BrokerPorts> THREE = List.of(new BrokerPorts(9000, 9001), new BrokerPorts(9002, 9003),
        new BrokerPorts(9004, 9005));

    @Test
    void everyNodeIsBrokerAndControllerOnLoopbackWithTheCallersSettingsLast() {
        final Map<String, String> extra = new LinkedHashMap<>();
        extra.put("num.io.threads", "2");
        extra.put("offsets.topic.replication.factor", "1");

        assertThat(KraftServerProperties.combined(1, THREE, Path.of("/data/broker-1"), extra)).isEqualTo(""
            + "# Broker 1 of 3, written by ackbench's EmbeddedKafkaCluster; the caller's settings follow the harness's own.\n"
            + "process.roles=broker,controller\n"
            + "node.id=1\n"
            + "controller.quorum.voters=0@127.0.0.1:9001,1@127.0.0.1:9003,2@127.0.0.1:9005\n"
            + "listeners=PLAINTEXT://127.0.0.1:9002,CONTROLLER://127.0.0.1:9003\n"
            + "advertised.listeners=PLAINTEXT://127.0.0.1:9002\n"
            + "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT\n"
            + "controller.listener.names=CONTROLLER\n"
            + "inter.broker.listener.name=PLAINTEXT\n"
            + "log.dirs=/data/broker-1\n"
            + "offsets.topic.replication.factor=3\n"
            + "transaction.state.log.replication.factor=3\n"
            + "transaction.state.log.min.isr=2\n"
            + "share.coordinator.state.topic.replication.factor=3\n"
            + "share.coordinator.state.topic.min.isr=2\n"
            + "group.initial.rebalance.delay.ms=0\n"
            + "# Caller's settings\n"
            + "num.io.threads=2\n"
            + "offsets.topic.replication.factor=1\n");
    }

    @Test
    void aDedicatedControllersBrokersAreBrokersOnlyAndItIsTheOnlyVoter() {
        assertThat(KraftServerProperties.broker(1, 3, 9002, 9010, Path.of("/data/broker-1"),
            Map.of("broker.session.timeout.ms", "3000"))).isEqualTo(""
            + "# Broker 1 of 3 (the controller is node 3), written by ackbench's EmbeddedKafkaCluster; the caller's "
            + "settings follow the harness's own.\n"
            + "process.roles=broker\n"
            + "node.id=1\n"
            + "controller.quorum.voters=3@127.0.0.1:9010\n"
            + "listeners=PLAINTEXT://127.0.0.1:9002\n"
            + "advertised.listeners=PLAINTEXT://127.0.0.1:9002\n"
            + "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT\n"
            + "controller.listener.names=CONTROLLER\n"
            + "inter.broker.listener.name=PLAINTEXT\n"
            + "log.dirs=/data/broker-1\n"
            + "offsets.topic.replication.factor=3\n"
            + "transaction.state.log.replication.factor=3\n"
            + "transaction.state.log.min.isr=2\n"
            + "share.coordinator.state.topic.replication.factor=3\n"
            + "share.coordinator.state.topic.min.isr=2\n"
            + "group.initial.rebalance.delay.ms=0\n"
            + "# Caller's settings\n"
            + "broker.session.timeout.ms=3000\n");

        assertThat(KraftServerProperties.controller(3, 9010, Path.of("/data/controller"),
            Map.of("broker.session.timeout.ms", "3000"))).isEqualTo(""
            + "# Controller node 3 of 3 brokers, written by ackbench's EmbeddedKafkaCluster; the caller's settings "
            + "follow the harness's own.\n"
            + "process.roles=controller\n"
            + "node.id=3\n"
            + "controller.quorum.voters=3@127.0.0.1:9010\n"
            + "listeners=CONTROLLER://127.0.0.1:9010\n"
            + "listener.security.protocol.map=CONTROLLER:PLAINTEXT\n"
            + "controller.listener.names=CONTROLLER\n"
            + "log.dirs=/data/controller\n"
            + "# Caller's settings\n"
            + "broker.session.timeout.ms=3000\n");
    }

    @Test
    void aSingleBrokerReplicatesInternalTopicsOnce() {
        final String text = KraftServerProperties.combined(0, List.of(new BrokerPorts(7000, 7001)),
            Path.of("/d/broker-0"),
            Map.of());

        assertThat(text).contains("controller.quorum.voters=0@127.0.0.1:7001\n",
            "offsets.topic.replication.factor=1\n", "transaction.state.log.replication.factor=1\n",
            "transaction.state.log.min.isr=1\n", "share.coordinator.state.topic.replication.factor=1\n",
            "share.coordinator.state.topic.min.isr=1\n");
        assertThat(text).doesNotContain("Caller's settings");
    }

    @Test
    void aBackslashIsWrittenSoThatKafkaReadsItBack() {
        assertThat(KraftServerProperties.combined(0, List.of(new BrokerPorts(7000, 7001)), Path.of("/d/broker-0"),
            Map.of("ssl.principal.mapping.rules", "RULE:^(.*)\\.x$/$1/")))
            .endsWith("ssl.principal.mapping.rules=RULE:^(.*)\\\\.x$/$1/\n");
    }

    @Test
    void refusesSettingsThatCouldBreakTheFile() {
        assertThatThrownBy(() -> KraftServerProperties.validate(Map.of("num io threads", "2")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Broker setting name 'num io threads' is not a Kafka config name (letters, digits, '.', '_', '-')");
        assertThatThrownBy(() -> KraftServerProperties.validate(Map.of("node.id", "1\nprocess.roles=broker")))
            .hasMessage("Broker setting node.id has the value '1\nprocess.roles=broker'; it must be present and on one line");
    }
}
