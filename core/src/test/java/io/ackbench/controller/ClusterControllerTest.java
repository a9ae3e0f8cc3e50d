package io.ackbench.controller;

import io.ackbench.transport.ErrorCode;
import io.ackbench.transport.TopicLayout;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The controller's decisions with a manual clock: 3 brokers, replication factor 3, session timeout 9000 ms. Partition
 * p's replicas are p, p+1, p+2 (mod 3).
 */
class ClusterControllerTest {
    private final List<String> sent = new ArrayList<>();
    private final LeaderAndIsrListener outbox = (registration, unclean) -> sent.add((unclean ? "unclean " : "")
        + "p" + registration.partition() + " leader=" + registration.leader() + " le=" + registration.leaderEpoch()
        + " pe=" + registration.partitionEpoch() + " isr=" + java.util.Arrays.toString(registration.isr()));

    private ClusterController controller(final int partitions, final boolean unclean) {
        final ControllerConfig config = ControllerConfig.of(Map.of(
            ControllerConfig.UNCLEAN_LEADER_ELECTION_ENABLE, Boolean.toString(unclean)));
        return new ClusterController(TopicLayout.spread("t", partitions, 3, 3), config, outbox, 0);
    }

    @Test
    void startsWithEveryReplicaInSyncAndTheFirstLeadingAtEpochZero() {
        final ClusterController controller = controller(3, false);
        assertThat(controller.partition(1).replicas()).containsExactly(1, 2, 0);
        assertThat(controller.partition(1).isr()).containsExactly(1, 2, 0);
        assertThat(controller.partition(1).leader()).isEqualTo(1);
        assertThat(controller.partition(1).leaderEpoch()).isZero();
        assertThat(controller.partition(1).partitionEpoch()).isZero();
        assertThat(sent).isEmpty();
    }

    @Test
    void aSessionExpiresOnlyWhenSilentForLongerThanTheTimeout() {
        final ClusterController controller = controller(3, false);
        controller.heartbeat(1, 8000);
        controller.heartbeat(2, 8000);
        controller.tick(9000);
        assertThat(controller.brokers().isFenced(0)).isFalse();
        assertThat(sent).isEmpty();

        controller.tick(9001);
        assertThat(controller.brokers().isFenced(0)).isTrue();
        assertThat(controller.brokers().isFenced(1)).isFalse();
    }

    @Test
    void fencingTheLeaderElectsTheNextLiveIsrMemberAndShrinksEveryIsr() {
        final ClusterController controller = controller(3, false);
        controller.heartbeat(1, 8000);
        controller.heartbeat(2, 8000);

        controller.tick(9001);

        assertThat(sent).containsExactly(
            "p0 leader=1 le=1 pe=1 isr=[1, 2]",
            "p1 leader=1 le=0 pe=1 isr=[1, 2]",
            "p2 leader=2 le=0 pe=1 isr=[2, 1]");
        assertThat(controller.partition(0).leader()).isEqualTo(1);
        assertThat(controller.uncleanElections()).isZero();
    }

    @Test
    void electionFollowsReplicaOrderNotIsrOrder() {
        final ClusterController controller = controller(1, false);
        assertThat(controller.alterPartition(0, 0, 0, 0, new int[] {0, 2, 1}).isCommitted()).isTrue();

        controller.brokerStopped(0);

        assertThat(controller.partition(0).leader()).isEqualTo(1);
        assertThat(controller.partition(0).isr()).containsExactly(2, 1);
        assertThat(controller.partition(0).leaderEpoch()).isEqualTo(1);
        assertThat(controller.partition(0).partitionEpoch()).isEqualTo(2);
    }

    @Test
    void theLastIsrMemberStaysInTheIsrWhenFencedAndThePartitionGoesOffline() {
        final ClusterController controller = controller(1, false);
        controller.brokerStopped(1);
        controller.brokerStopped(2);
        controller.brokerStopped(0);

        assertThat(sent).containsExactly(
            "p0 leader=0 le=0 pe=1 isr=[0, 2]",
            "p0 leader=0 le=0 pe=2 isr=[0]",
            "p0 leader=-1 le=1 pe=3 isr=[0]");
        assertThat(controller.partition(0).hasLeader()).isFalse();
    }

    @Test
    void withoutUncleanElectionAnOfflinePartitionWaitsForAnIsrMemberToReturn() {
        final ClusterController controller = controller(1, false);
        controller.brokerStopped(1);
        controller.brokerStopped(2);
        controller.brokerStopped(0);
        sent.clear();

        controller.heartbeat(1, 20_000);
        controller.heartbeat(2, 20_000);
        assertThat(controller.partition(0).leader()).isEqualTo(PartitionRegistration.NO_LEADER);
        assertThat(sent).isEmpty();

        controller.heartbeat(0, 21_000);
        assertThat(sent).containsExactly("p0 leader=0 le=2 pe=4 isr=[0]");
        assertThat(controller.uncleanElections()).isZero();
    }

    @Test
    void withUncleanElectionALiveOutOfSyncReplicaLeadsAloneAndIsCounted() {
        final ClusterController controller = controller(1, true);
        controller.brokerStopped(1);
        controller.brokerStopped(2);
        controller.heartbeat(1, 1000);
        sent.clear();

        controller.brokerStopped(0);

        assertThat(sent).containsExactly("unclean p0 leader=1 le=1 pe=3 isr=[1]");
        assertThat(controller.uncleanElections()).isEqualTo(1);
    }

    @Test
    void withUncleanElectionAPartitionWithNoLiveReplicaIsOfflineUntilOneHeartbeats() {
        final ClusterController controller = controller(1, true);
        controller.brokerStopped(1);
        controller.brokerStopped(2);
        controller.brokerStopped(0);
        assertThat(controller.partition(0).hasLeader()).isFalse();
        assertThat(controller.uncleanElections()).isZero();

        controller.heartbeat(2, 30_000);

        assertThat(controller.partition(0).leader()).isEqualTo(2);
        assertThat(controller.partition(0).isr()).containsExactly(2);
        assertThat(controller.partition(0).leaderEpoch()).isEqualTo(2);
        assertThat(controller.uncleanElections()).isEqualTo(1);
    }

    @Test
    void aFencedBrokersHeartbeatUnfencesItWithoutPuttingItBackInIsrs() {
        final ClusterController controller = controller(3, false);
        controller.brokerStopped(2);
        final int[][] isrs = {controller.partition(0).isr(), controller.partition(1).isr(), controller.partition(2).isr()};
        sent.clear();

        assertThat(controller.heartbeat(2, 5000)).isEqualTo(ErrorCode.NONE);

        assertThat(controller.brokers().isFenced(2)).isFalse();
        assertThat(controller.brokers().lastHeartbeatMs(2)).isEqualTo(5000);
        for (int p = 0; p < 3; p++) {
            assertThat(controller.partition(p).isr()).containsExactly(isrs[p]);
            assertThat(controller.partition(p).inIsr(2)).isFalse();
        }
        assertThat(sent).isEmpty();

        final AlterPartitionResult expanded = controller.alterPartition(0, 0, 0, 1, new int[] {0, 1, 2});
        assertThat(expanded.isCommitted()).isTrue();
        assertThat(expanded.registration().isr()).containsExactly(0, 1, 2);
    }

    @Test
    void aHeartbeatFromAnUnknownBrokerIsRefused() {
        assertThat(controller(1, false).heartbeat(3, 0)).isEqualTo(ControllerErrors.BROKER_ID_NOT_REGISTERED);
    }
}
