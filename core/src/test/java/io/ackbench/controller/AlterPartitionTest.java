package io.ackbench.controller;

import io.ackbench.transport.ErrorCode;
import io.ackbench.transport.TopicLayout;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** AlterPartition on one partition with replicas [0, 1, 2], leader 0, epochs 0. */
class AlterPartitionTest {
    private final List<PartitionRegistration> sent = new ArrayList<>();
    private final ClusterController controller = new ClusterController(TopicLayout.spread("t", 1, 3, 3),
        ControllerConfig.defaults(), (registration, unclean) -> sent.add(registration), 0);

    @Test
    void aCommittedShrinkBumpsThePartitionEpochOnly() {
        final AlterPartitionResult result = controller.alterPartition(0, 0, 0, 0, new int[] {0, 1});

        assertThat(result.errorCode()).isEqualTo(ErrorCode.NONE);
        assertThat(result.registration().isr()).containsExactly(0, 1);
        assertThat(result.registration().leader()).isEqualTo(0);
        assertThat(result.registration().leaderEpoch()).isZero();
        assertThat(result.registration().partitionEpoch()).isEqualTo(1);
        assertThat(sent).containsExactly(result.registration());
    }

    @Test
    void aCommittedExpansionBumpsThePartitionEpoch() {
        controller.alterPartition(0, 0, 0, 0, new int[] {0, 1});

        final AlterPartitionResult result = controller.alterPartition(0, 0, 0, 1, new int[] {0, 1, 2});

        assertThat(result.isCommitted()).isTrue();
        assertThat(result.registration().isr()).containsExactly(0, 1, 2);
        assertThat(result.registration().leaderEpoch()).isZero();
        assertThat(result.registration().partitionEpoch()).isEqualTo(2);
        assertThat(controller.partition(0)).isSameAs(result.registration());
    }

    @Test
    void theSameIsrIsAnsweredWithTheCommittedRegistrationAndNoEpochBump() {
        final AlterPartitionResult result = controller.alterPartition(0, 0, 0, 0, new int[] {0, 1, 2});

        assertThat(result.isCommitted()).isTrue();
        assertThat(result.registration().partitionEpoch()).isZero();
        assertThat(sent).isEmpty();
    }

    @Test
    void aStalePartitionEpochIsRefusedWithInvalidUpdateVersion() {
        controller.alterPartition(0, 0, 0, 0, new int[] {0, 1});

        final AlterPartitionResult result = controller.alterPartition(0, 0, 0, 0, new int[] {0});

        assertThat(result.errorCode()).isEqualTo(ControllerErrors.INVALID_UPDATE_VERSION).isEqualTo((short) 96);
        assertThat(result.registration()).isNull();
        assertThat(controller.partition(0).isr()).containsExactly(0, 1);
    }

    @Test
    void aStaleLeaderEpochIsRefusedWithFencedLeaderEpoch() {
        controller.brokerStopped(0);
        controller.heartbeat(0, 100);
        assertThat(controller.partition(0).leader()).isEqualTo(1);

        final AlterPartitionResult result = controller.alterPartition(0, 0, 0, 0, new int[] {0, 1, 2});

        assertThat(result.errorCode()).isEqualTo(ControllerErrors.FENCED_LEADER_EPOCH).isEqualTo((short) 74);
        assertThat(controller.partition(0).isr()).containsExactly(1, 2);
    }

    @Test
    void aNonLeaderIsRefusedWithInvalidRequest() {
        final AlterPartitionResult result = controller.alterPartition(1, 0, 0, 0, new int[] {1, 2});

        assertThat(result.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST).isEqualTo((short) 42);
        assertThat(sent).isEmpty();
    }

    @Test
    void epochsNewerThanTheControllersAreRefusedWithNotController() {
        assertThat(controller.alterPartition(0, 0, 1, 0, new int[] {0}).errorCode())
            .isEqualTo(ControllerErrors.NOT_CONTROLLER);
        assertThat(controller.alterPartition(0, 0, 0, 1, new int[] {0}).errorCode())
            .isEqualTo(ControllerErrors.NOT_CONTROLLER);
    }

    @Test
    void anIsrWithoutTheLeaderOrWithANonReplicaOrADuplicateIsRefusedWithInvalidRequest() {
        assertThat(controller.alterPartition(0, 0, 0, 0, new int[] {1, 2}).errorCode())
            .isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(controller.alterPartition(0, 0, 0, 0, new int[] {}).errorCode())
            .isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(controller.alterPartition(0, 0, 0, 0, new int[] {0, 3}).errorCode())
            .isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(controller.alterPartition(0, 0, 0, 0, new int[] {0, 1, 1}).errorCode())
            .isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(sent).isEmpty();
    }

    @Test
    void anIsrWithAFencedBrokerIsRefusedWithIneligibleReplica() {
        controller.brokerStopped(2);

        final AlterPartitionResult result = controller.alterPartition(0, 0, 0, 1, new int[] {0, 1, 2});

        assertThat(result.errorCode()).isEqualTo(ControllerErrors.INELIGIBLE_REPLICA).isEqualTo((short) 107);
        assertThat(controller.partition(0).isr()).containsExactly(0, 1);
    }

    @Test
    void anUnknownPartitionIsRefused() {
        assertThat(controller.alterPartition(0, 1, 0, 0, new int[] {0}).errorCode())
            .isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    }
}
