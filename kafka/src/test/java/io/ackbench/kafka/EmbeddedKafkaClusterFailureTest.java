package io.ackbench.kafka;

import io.ackbench.transport.LoopbackPorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.ackbench.kafka.ClusterChecks.READY_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each failure says what was wrong, and a start that fails part-way leaves no process and no file behind. */
@Tag("slow")
class EmbeddedKafkaClusterFailureTest {
    private static final KafkaTopicSpec TOPIC = new KafkaTopicSpec("failing", 1, 1, 1);

    @TempDir
    Path tmp;

    @AfterEach
    void nothingIsLeftRunning() {
        assertThat(ClusterChecks.liveChildren()).isZero();
        assertThat(tmp.resolve("kafka")).doesNotExist();
    }

    @Test
    void aPortInUseIsNamed() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            final int port = taken.getLocalPort();
            final int free = LoopbackPorts.quiet(1, Set.of()).get(0);

            assertThatThrownBy(() -> EmbeddedKafkaCluster.start(1, Map.of(), TOPIC, tmp.resolve("kafka"),
                READY_TIMEOUT, null, List.of(free, port)))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("Port " + port + " on 127.0.0.1, wanted for broker 0's CONTROLLER listener, "
                    + "is already in use");
        }
    }

    @Test
    void missingKafkaJarsNameWhereTheyWereLookedFor() {
        final Path lib = tmp.resolve("no-such-lib");

        assertThatThrownBy(() -> EmbeddedKafkaCluster.start(1, Map.of(), TOPIC, tmp.resolve("kafka"), READY_TIMEOUT,
            lib, List.of()))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining(lib + " (given) is not a directory")
            .hasMessageContaining("mvn -B package");
    }

    @Test
    void anInvalidSettingStopsTheStorageToolWithKafkasMessage() {
        assertThatThrownBy(() -> EmbeddedKafkaCluster.start(1, Map.of("num.network.threads", "0"), TOPIC,
            tmp.resolve("kafka"), READY_TIMEOUT))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("Kafka's storage tool for broker 0 failed with exit code 1 (is a broker setting "
                + "invalid?); first error: Exception in thread \"main\" org.apache.kafka.common.config.ConfigException: "
                + "Invalid value 0 for configuration num.network.threads: Value must be at least 1\nlast 30 lines of ");
    }

    @Test
    void aBrokerThatExitsDuringStartIsReportedWithItsLog() {
        // Only the broker itself loads its authorizer, so the storage tool formats and the broker then fails.
        assertThatThrownBy(() -> EmbeddedKafkaCluster.start(1, Map.of("authorizer.class.name", "no.such.Authorizer"),
            TOPIC, tmp.resolve("kafka"), READY_TIMEOUT))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("Kafka broker 0 exited with code 1 while the cluster was starting; first error: ")
            .hasMessageContaining("ERROR Encountered fatal fault: caught exception "
                + "(org.apache.kafka.server.fault.ProcessTerminatingFaultHandler) / "
                + "java.lang.ClassNotFoundException: no.such.Authorizer\nlast 30 lines of "
                + tmp.resolve("kafka").resolve("broker-0.log") + ":\n");
    }

    @Test
    void runningOutOfTimeSaysSoWithTheLogTail() {
        // 300 ms is too short even for the storage tool's JVM, whichever step the deadline catches.
        assertThatThrownBy(() -> EmbeddedKafkaCluster.start(1, Map.of(), TOPIC, tmp.resolve("kafka"),
            Duration.ofMillis(300)))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("within 300 ms")
            .hasMessageContaining("last 30 lines of " + tmp.resolve("kafka").resolve("broker-0.log"));
    }

    @Test
    void aTopicKafkaRefusesIsReportedWithKafkasReason() {
        assertThatThrownBy(() -> EmbeddedKafkaCluster.start(1, Map.of(), new KafkaTopicSpec("too-replicated", 1, 3, 1),
            tmp.resolve("kafka"), READY_TIMEOUT))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("could not create topic too-replicated (1 partitions, replication factor 3, "
                + "min.insync.replicas 1)")
            .hasMessageContaining("InvalidReplicationFactorException");
    }
}
