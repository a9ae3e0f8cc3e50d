package io.ackbench.broker;

import io.ackbench.config.ConfigException;
import io.ackbench.producer.Producer;
import io.ackbench.transport.InProcessNetwork;
import io.ackbench.transport.TcpSettings;
import io.ackbench.transport.TopicLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Settings are checked when a cluster or producer is built, and each error names the key, the value and the bound. */
class BrokerConfigTest {
    @TempDir
    Path dataDir;

    @Test
    void defaultsAreThreeBrokersWithReplicationFactorThreeAndKafkasMinInsync() {
        final BrokerConfig config = BrokerConfig.defaults();
        assertThat(config.brokers()).isEqualTo(3);
        assertThat(config.replicationFactor()).isEqualTo(3);
        assertThat(config.minInsyncReplicas()).isEqualTo(1);
        assertThat(config.replicaLagTimeMaxMs()).isEqualTo(30_000);
        assertThat(config.messageMaxBytes()).isEqualTo(1_048_588);
    }

    @Test
    void minInsyncReplicasAboveTheReplicationFactorIsRefused() {
        assertThatThrownBy(() -> BrokerConfig.of(Map.of("min.insync.replicas", "4")))
            .isInstanceOf(ConfigException.class)
            .hasMessage("Invalid value '4' for configuration min.insync.replicas: it cannot exceed "
                + "replication.factor=3: acks=all could never be satisfied");
    }

    @Test
    void replicationFactorAboveTheBrokerCountIsRefused() {
        assertThatThrownBy(() -> BrokerConfig.of(Map.of("replication.factor", "4")))
            .isInstanceOf(ConfigException.class)
            .hasMessage("Invalid value '4' for configuration replication.factor: it cannot exceed the broker "
                + "count ackbench.brokers=3");
    }

    @Test
    void replicaAssignmentGivesEveryPartitionItsReplicasPreferredLeaderFirst() {
        final TopicLayout layout = BrokerConfig.of(Map.of("num.partitions", "3",
            "replica.assignment", " 0:1:2, 0 : 2 : 1,2:1:0 ")).layout();
        assertThat(layout.replicas(0)).containsExactly(0, 1, 2);
        assertThat(layout.replicas(1)).containsExactly(0, 2, 1);
        assertThat(layout.replicas(2)).containsExactly(2, 1, 0);
        assertThat(layout.leader(1)).isZero();
        assertThat(layout.leaderEpoch(1)).isZero();
        // Unset, partition p's replicas start at broker p.
        final TopicLayout spread = BrokerConfig.of(Map.of("num.partitions", "3")).layout();
        assertThat(spread.replicas(1)).containsExactly(1, 2, 0);
        assertThat(spread.topic()).isEqualTo("ackbench");
    }

    @Test
    void replicaAssignmentThatDoesNotFitTheTopicIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> BrokerConfig.of(Map.of("num.partitions", "2", "replica.assignment", "0:1:2")))
            .isInstanceOf(ConfigException.class)
            .hasMessage("Invalid value '0:1:2' for configuration replica.assignment: it lists 1 partition; the topic "
                + "has 2 (one colon-separated list of broker ids per partition, preferred leader first, e.g. "
                + "0:1:2,0:1:2)");
        assertThatThrownBy(() -> BrokerConfig.of(Map.of("num.partitions", "2", "replica.assignment", "0:1:2,0:1:2,")))
            .isInstanceOf(ConfigException.class)
            .hasMessageStartingWith("Invalid value '0:1:2,0:1:2,' for configuration replica.assignment: it lists 3 "
                + "partitions; the topic has 2");
        assertThatThrownBy(() -> BrokerConfig.of(Map.of("num.partitions", "2", "replica.assignment", "0:1:2,0:1")))
            .isInstanceOf(ConfigException.class)
            .hasMessage("Invalid value '0:1:2,0:1' for configuration replica.assignment: partition 1 lists 2 replicas "
                + "('0:1'); the replication factor is 3");
        assertThatThrownBy(() -> BrokerConfig.of(Map.of("num.partitions", "2", "replica.assignment", "0:1:3,0:1:2")))
            .isInstanceOf(ConfigException.class)
            .hasMessage("Invalid value '0:1:3,0:1:2' for configuration replica.assignment: partition 0 names broker 3; "
                + "the 3 brokers are 0..2");
        assertThatThrownBy(() -> BrokerConfig.of(Map.of("num.partitions", "1", "replica.assignment", "0:-1:2")))
            .isInstanceOf(ConfigException.class)
            .hasMessage("Invalid value '0:-1:2' for configuration replica.assignment: partition 0 names broker -1; "
                + "the 3 brokers are 0..2");
        assertThatThrownBy(() -> BrokerConfig.of(Map.of("num.partitions", "2", "replica.assignment", "0:1:2,1:0:1")))
            .isInstanceOf(ConfigException.class)
            .hasMessage("Invalid value '0:1:2,1:0:1' for configuration replica.assignment: partition 1 names broker 1 "
                + "twice");
        assertThatThrownBy(() -> BrokerConfig.of(Map.of("num.partitions", "1", "replica.assignment", "0:one:2")))
            .isInstanceOf(ConfigException.class)
            .hasMessage("Invalid value '0:one:2' for configuration replica.assignment: partition 0 has 'one' where a "
                + "broker id belongs");
        assertThatThrownBy(() -> BrokerConfig.of(Map.of("num.partitions", "1", "replication.factor", "1",
            "replica.assignment", "")))
            .isInstanceOf(ConfigException.class)
            .hasMessage("Invalid value '' for configuration replica.assignment: partition 0 has '' where a broker id "
                + "belongs");
    }

    @Test
    void unknownKeysAndMalformedNumbersAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> BrokerConfig.of(Map.of("min.insync.replica", "2")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("min.insync.replica");
        assertThatThrownBy(() -> BrokerConfig.of(Map.of("replica.lag.time.max.ms", "soon")))
            .isInstanceOf(ConfigException.class)
            .hasMessageStartingWith("Invalid value 'soon' for configuration replica.lag.time.max.ms");
        assertThatThrownBy(() -> BrokerConfig.of(Map.of("ackbench.idle.strategy", "nap")))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("expected one of backoff, yielding, sleeping, busy-spin");
    }

    @Test
    void socketSettingsTakeKafkasNamesAndDefaults() {
        final TcpSettings defaults = BrokerConfig.defaults().tcp();
        assertThat(defaults.maxFrameLength()).isEqualTo(2 * 1024 * 1024);
        assertThat(defaults.socketSendBufferBytes()).isEqualTo(102_400);
        assertThat(defaults.socketReceiveBufferBytes()).isEqualTo(102_400);

        final TcpSettings set = BrokerConfig.of(Map.of("socket.request.max.bytes", "4194304",
            "socket.send.buffer.bytes", "-1", "socket.receive.buffer.bytes", "65536")).tcp();
        assertThat(set.maxFrameLength()).isEqualTo(4 * 1024 * 1024);
        assertThat(set.socketSendBufferBytes()).isEqualTo(TcpSettings.OS_DEFAULT);
        assertThat(set.socketReceiveBufferBytes()).isEqualTo(65_536);
    }

    @Test
    void socketRequestMaxBytesThatCannotHoldTheLargestBatchIsRefused() {
        assertThatThrownBy(() -> BrokerConfig.of(Map.of("message.max.bytes", "3000000")))
            .isInstanceOf(ConfigException.class)
            .hasMessage("Invalid value '2097152' for configuration socket.request.max.bytes: it must hold the larger"
                + " of message.max.bytes=3000000 and replica.fetch.max.bytes=1048576 plus 65536 bytes of framing");
        assertThatThrownBy(() -> BrokerConfig.of(Map.of("socket.send.buffer.bytes", "0")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("socket.send.buffer.bytes");
        assertThatThrownBy(() -> BrokerConfig.of(Map.of("socket.request.max.bytes", "104857600")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("socket.request.max.bytes");
    }

    @Test
    void illegalTopicNamesAreRefusedBeforeAnyDirectoryIsCreated() {
        assertThatThrownBy(() -> InProcessCluster.start(Map.of("ackbench.topic", "../escape"), dataDir))
            .isInstanceOf(InvalidTopicException.class)
            .hasMessageContaining("'/'");
        assertThat(Files.exists(dataDir.getParent().resolve("escape"))).isFalse();
        assertThat(dataDir.toFile().list()).isEmpty();
    }

    @Test
    void producerSettingsAreCheckedBeforeItConnects() {
        final TopicLayout layout = TopicLayout.spread("t", 1, 1, 1);
        final InProcessNetwork network = new InProcessNetwork(1 << 16);
        network.addNode();
        assertThatThrownBy(() -> Producer.connect(Map.of("acks", "2"), layout, network.addNode(), (p, o, e, t) -> { }))
            .isInstanceOf(ConfigException.class)
            .hasMessage("Invalid value '2' for configuration acks: expected one of all, -1, 0, 1");
        assertThatThrownBy(() -> Producer.connect(Map.of("enable.idempotence", "true", "acks", "1"), layout,
            network.addNode(), (p, o, e, t) -> { }))
            .isInstanceOf(ConfigException.class).hasMessageContaining("acks");
        assertThatThrownBy(() -> Producer.connect(Map.of("enable.idempotence", "true",
            "max.in.flight.requests.per.connection", "6"), layout, network.addNode(), (p, o, e, t) -> { }))
            .isInstanceOf(ConfigException.class).hasMessageContaining("max.in.flight.requests.per.connection");
        // This network's rings carry 8 KiB frames, too small for the default max.request.size of 1 MiB.
        assertThatThrownBy(() -> Producer.connect(Map.of(), layout, network.addNode(), (p, o, e, t) -> { }))
            .isInstanceOf(ConfigException.class)
            .hasMessage("Invalid value '1048576' for configuration max.request.size: a request must fit the "
                + "transport's largest frame of 8192 bytes");
    }
}
