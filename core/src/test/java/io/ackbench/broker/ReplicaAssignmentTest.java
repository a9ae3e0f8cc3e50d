package io.ackbench.broker;

import io.ackbench.controller.CommittedPartitions;
import io.ackbench.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A topic's {@code replica.assignment}: a cluster creates its partitions as given, preferred leader first. */
class ReplicaAssignmentTest {
    @TempDir
    Path dataDir;

    @Test
    void everyPartitionIsLedByTheFirstBrokerOfItsAssignment() {
        try (InProcessCluster cluster = InProcessCluster.start(Map.of(BrokerConfig.NUM_PARTITIONS, "2",
            BrokerConfig.REPLICA_ASSIGNMENT, "0:1:2,0:1:2"), dataDir)) {
            assertThat(cluster.layout().replicas(1)).containsExactly(0, 1, 2);
            for (int p = 0; p < 2; p++) {
                final int partition = p;
                Await.until("broker 0 leads partition " + p, () -> cluster.broker(0).isLeader(partition));
                assertThat(cluster.broker(1).isLeader(p)).isFalse();
                assertThat(cluster.broker(2).isLeader(p)).isFalse();
                CommittedRegistrations.awaitFullIsr(dataDir, p, 3);
                assertThat(CommittedRegistrations.read(dataDir, p).leader()).isZero();
            }
            // What anyone outside the controller reads of its commits.
            final List<CommittedPartitions.Partition> committed =
                CommittedPartitions.read(dataDir.resolve(InProcessCluster.CONTROLLER_DIR));
            assertThat(committed).hasSize(2);
            assertThat(committed.get(1).partition()).isEqualTo(1);
            assertThat(committed.get(1).leader()).isZero();
            assertThat(committed.get(1).hasLeader()).isTrue();
            assertThat(committed.get(1).isr()).containsExactly(0, 1, 2);
        }
    }

    @Test
    void readsBackAsKafkaSpellsIt() {
        final ReplicaAssignment assignment = ReplicaAssignment.parse(" 2:0 ,1: 2", 2, 2, 3);
        assertThat(assignment).hasToString("2:0,1:2").isEqualTo(ReplicaAssignment.parse("2:0,1:2", 2, 2, 3));
        assertThat(assignment.partitionCount()).isEqualTo(2);
        assertThat(assignment.replicationFactor()).isEqualTo(2);
        assertThat(assignment.replicas(0)).containsExactly(2, 0);
        // A running cluster's ids are not known here: any id from 0 is taken.
        assertThat(ReplicaAssignment.parse("7:9", 1, 2, ReplicaAssignment.ANY_BROKER_IDS).replicas(0))
            .containsExactly(7, 9);
    }

    @Test
    void aValueWithColonsAndCommasReachesABrokerProcessWhole() {
        // BrokerProcesses passes each setting to a broker's JVM as one key=value argument, no shell between.
        final ProcessArguments arguments = ProcessArguments.parse("BrokerMain", "--id N", Set.of("--id"),
            new String[] {"--id", "1", "replica.assignment=0:1:2,0:1:2", "num.partitions=2"});
        assertThat(arguments.settings()).containsEntry("replica.assignment", "0:1:2,0:1:2");
        arguments.settings().put(BrokerConfig.BROKERS, "3");
        assertThat(BrokerConfig.of(arguments.settings()).layout().replicas(1)).containsExactly(0, 1, 2);
    }
}
