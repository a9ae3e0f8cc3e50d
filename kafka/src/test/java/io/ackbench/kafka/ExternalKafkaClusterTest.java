package io.ackbench.kafka;

import io.ackbench.broker.ReplicaAssignment;
import io.ackbench.transport.LoopbackPorts;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static io.ackbench.kafka.ClusterChecks.READY_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against one embedded broker standing in for a cluster the harness did not start. */
@Tag("slow")
class ExternalKafkaClusterTest {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path tmp;
    private static EmbeddedKafkaCluster running;

    @BeforeAll
    static void startACluster() throws IOException, InterruptedException {
        running = EmbeddedKafkaCluster.start(1, Map.of(), new KafkaTopicSpec("existing", 3, 1, 1),
            tmp.resolve("kafka"), READY_TIMEOUT);
    }

    @AfterAll
    static void stopIt() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void createsAMissingTopicAsAsked() throws Exception {
        try (ExternalKafkaCluster cluster = ExternalKafkaCluster.connect(running.bootstrapServers(),
            new KafkaTopicSpec("created", 2, 1, 1), CONNECT_TIMEOUT)) {
            assertThat(cluster.bootstrapServers()).isEqualTo(running.bootstrapServers());
            assertThat(cluster.topic().partitions()).isEqualTo(2);
        }
        try (Admin admin = ClusterChecks.admin(running)) {
            assertThat(ClusterChecks.describe(admin, "created").partitions()).hasSize(2);
            assertThat(ClusterChecks.minInsyncReplicas(admin, "created").value()).isEqualTo("1");
        }
    }

    @Test
    void createsAMissingTopicWithItsReplicaAssignment() throws Exception {
        final ReplicaAssignment assignment = ReplicaAssignment.parse("0,0", 2, 1, ReplicaAssignment.ANY_BROKER_IDS);
        try (ExternalKafkaCluster cluster = ExternalKafkaCluster.connect(running.bootstrapServers(),
            new KafkaTopicSpec("assigned", 2, 1, 1, assignment), CONNECT_TIMEOUT)) {
            assertThat(cluster.topic().replicaAssignment()).isEqualTo(assignment);
        }
        try (ExternalKafkaCluster again = ExternalKafkaCluster.connect(running.bootstrapServers(),
            new KafkaTopicSpec("assigned", 2, 1, 1, assignment), CONNECT_TIMEOUT)) {
            assertThat(again.topic().withReplicaAssignment())
                .isEqualTo("assigned (2 partitions, replication factor 1, min.insync.replicas 1, "
                    + "replica.assignment 0,0)");
        }
    }

    @Test
    void usesAnExistingTopicAsItIs() throws Exception {
        try (ExternalKafkaCluster cluster = ExternalKafkaCluster.connect(running.bootstrapServers(),
            new KafkaTopicSpec("existing", 6, 1, 1), CONNECT_TIMEOUT)) {
            assertThat(cluster.topic().partitions()).isEqualTo(3);
            assertThat(cluster.topic().replicationFactor()).isEqualTo(1);
            assertThat(cluster.topic().minInsyncReplicas()).isEqualTo(1);
        }
        try (Admin admin = ClusterChecks.admin(running)) {
            assertThat(ClusterChecks.describe(admin, "existing").partitions()).hasSize(3);
        }
    }

    @Test
    void aLoadClusterTellsWhetherItsTopicIsFullyReplicatedAndAnUnansweringOneIsNot() throws Exception {
        try (KafkaLoadCluster existing = new KafkaLoadCluster(ExternalKafkaCluster.connect(running.bootstrapServers(),
            new KafkaTopicSpec("existing", 3, 1, 1), CONNECT_TIMEOUT), "existing")) {
            assertThat(existing.fullyReplicated()).isTrue();
        }
        // Closing a load cluster closes its cluster: these borrow the running one's address only.
        try (KafkaLoadCluster missing = new KafkaLoadCluster(at(running.bootstrapServers()), "no-such-topic")) {
            assertThat(missing.fullyReplicated()).isFalse();
        }
        try (KafkaLoadCluster unanswered = new KafkaLoadCluster(
            at("127.0.0.1:" + LoopbackPorts.quiet(1, Set.of()).get(0)), "existing")) {
            assertThat(unanswered.fullyReplicated()).isFalse();
        }
    }

    private static KafkaCluster at(final String bootstrapServers) {
        return new KafkaCluster() {
            @Override
            public String bootstrapServers() {
                return bootstrapServers;
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void aTopicKafkaRefusesIsReportedWithKafkasReason() {
        assertThatThrownBy(() -> ExternalKafkaCluster.connect(running.bootstrapServers(),
            new KafkaTopicSpec("too-replicated", 1, 3, 1), CONNECT_TIMEOUT))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("Kafka at bootstrap servers " + running.bootstrapServers()
                + " could not create topic too-replicated")
            .hasMessageContaining("InvalidReplicationFactorException");
    }

    @Test
    @Timeout(60) // a guard against hanging: the connect's own timeout is 2 s
    void nothingListeningIsReportedWithTheBootstrapServers() throws IOException {
        final String nowhere = "127.0.0.1:" + LoopbackPorts.quiet(1, Set.of()).get(0);

        assertThatThrownBy(() -> ExternalKafkaCluster.connect(nowhere, new KafkaTopicSpec("any", 1, 1, 1),
            Duration.ofSeconds(2)))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("No answer from Kafka at bootstrap servers " + nowhere + " within 2 s");
    }
}
