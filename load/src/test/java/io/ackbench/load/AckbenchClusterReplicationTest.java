package io.ackbench.load;

import io.ackbench.broker.BrokerCluster;
import io.ackbench.controller.ControllerConfig;
import io.ackbench.fault.BrokerFaults;
import io.ackbench.testing.Await;
import io.ackbench.transport.ClientSocketOptions;
import io.ackbench.transport.Endpoint;
import io.ackbench.transport.TopicLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link LoadCluster#fullyReplicated()} on ackbench brokers in this JVM: what their controller committed, read from its
 * checkpoint, through a broker's death (fenced when its session expires, so out of every ISR) and its return.
 */
class AckbenchClusterReplicationTest {
    @TempDir
    Path dataDir;

    @Test
    void fullyReplicatedUntilABrokerDiesAndAgainOnceItRejoinsEveryIsr() {
        final Workload workload = Workload.builder().numRecords(1).partitions(2)
            // A dead broker is fenced within a second; a live one heartbeats ten times as often, and a busy machine
            // fencing it anyway only makes the awaits below wait longer.
            .brokerSetting(ControllerConfig.BROKER_SESSION_TIMEOUT_MS, "1000")
            .brokerSetting(ControllerConfig.BROKER_HEARTBEAT_INTERVAL_MS, "100")
            .brokerSetting("replica.fetch.wait.max.ms", "20")
            .build();
        try (LoadCluster cluster = new AckbenchTarget(ClusterLauncher.IN_PROCESS).start(workload, dataDir)) {
            Await.until("fully replicated after start", cluster::fullyReplicated);
            final BrokerFaults faults = cluster.faults();

            faults.kill(2);
            Await.until("broker 2 fenced and out of the ISRs", () -> !cluster.fullyReplicated());

            faults.restart(2);
            Await.until("broker 2 back in every ISR", cluster::fullyReplicated);
        }
    }

    @Test
    void runningBrokersThisRunConnectedToCannotTell() {
        // AckbenchTarget gives running brokers (ExistingBrokers) no data directory: their controller's is elsewhere.
        final BrokerCluster running = new BrokerCluster() {
            @Override
            public TopicLayout layout() {
                return TopicLayout.spread("ackbench", 1, 1, 1);
            }

            @Override
            public Endpoint connectClient(final ClientSocketOptions options) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void close() {
            }

            @Override
            public void closeAndDiscard() {
            }
        };
        assertThatThrownBy(() -> new AckbenchCluster(running, null).fullyReplicated())
            .isInstanceOf(UnsupportedOperationException.class)
            .hasMessage("Brokers this run connected to (--bootstrap-servers) keep their controller's state where they "
                + "were started; only a cluster this run started can tell whether it is fully replicated");
    }
}
