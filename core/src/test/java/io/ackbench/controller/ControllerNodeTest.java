package io.ackbench.controller;

import io.ackbench.transport.AllocateProducerIds;
import io.ackbench.transport.AlterPartition;
import io.ackbench.transport.BrokerHeartbeat;
import io.ackbench.transport.Endpoint;
import io.ackbench.transport.FrameHeader;
import io.ackbench.transport.InProcessNetwork;
import io.ackbench.transport.LeaderAndIsr;
import io.ackbench.transport.TopicLayout;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The controller on a network, driven by hand: three stand-in brokers send frames, the test turns the controller's
 * duty cycle and its clock, and reads what it pushed back.
 */
class ControllerNodeTest {
    private static final int BROKERS = 3;
    private static final long SESSION_MS = 1000;
    private static final long T0_MS = 10_000;

    @TempDir
    Path dir;

    private final TopicLayout layout = TopicLayout.spread("orders", 1, 3, BROKERS);
    private final InProcessNetwork network = new InProcessNetwork(1 << 20);
    private final Endpoint[] brokers = new Endpoint[BROKERS];
    private final UnsafeBuffer out = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));
    private long nowMs = T0_MS;
    private ControllerNode controller;
    private Endpoint controllerEndpoint;

    private void start() {
        for (int b = 0; b < BROKERS; b++) {
            brokers[b] = network.addNode();
        }
        controllerEndpoint = network.addNode();
        controller = open();
    }

    private ControllerNode open() {
        final ControllerConfig config = ControllerConfig.of(Map.of(ControllerConfig.BROKER_SESSION_TIMEOUT_MS,
            Long.toString(SESSION_MS), ControllerConfig.BROKER_HEARTBEAT_INTERVAL_MS, "100"));
        return new ControllerNode(layout, config, dir, controllerEndpoint, () -> nowMs * 1_000_000L);
    }

    /** The incarnation each broker's frames must name: the one the controller registered. */
    private final long[] expectedIncarnation = new long[BROKERS];

    private void heartbeat(final int broker, final long incarnation) {
        if (expectedIncarnation[broker] == 0) {
            expectedIncarnation[broker] = incarnation;
        }
        assertThat(brokers[broker].send(BROKERS, out, 0, BrokerHeartbeat.encode(out, 0, broker, incarnation))).isTrue();
        controller.doWork();
    }

    /**
     * The LeaderAndIsr frames broker {@code b} received since last asked and would act on (addressed to its current
     * incarnation), as "leader@epoch isr".
     */
    private List<String> pushedTo(final int broker) {
        final List<String> frames = new ArrayList<>();
        brokers[broker].poll((buffer, offset, length) -> {
            if (FrameHeader.type(buffer, offset) == FrameHeader.LEADER_AND_ISR) {
                LeaderAndIsr.check(buffer, offset, length);
                if (LeaderAndIsr.brokerIncarnation(buffer, offset) != expectedIncarnation[broker]) {
                    return; // for another run of the broker: it would ignore it
                }
                frames.add(LeaderAndIsr.leader(buffer, offset) + "@" + LeaderAndIsr.leaderEpoch(buffer, offset) + " "
                    + java.util.Arrays.toString(LeaderAndIsr.isr(buffer, offset)));
            }
        }, 100);
        return frames;
    }

    @Test
    void answersEachHeartbeatWithEveryRegistrationAndIgnoresARestartedBrokerUntilItsOldSessionExpires() {
        start();
        for (int b = 0; b < BROKERS; b++) {
            heartbeat(b, 1);
            assertThat(pushedTo(b)).containsExactly("0@0 [0, 1, 2]");
        }
        // Broker 0 restarts at once: a new incarnation while its session lives is not heard, and it is told nothing.
        nowMs += 300;
        expectedIncarnation[0] = 2;
        heartbeat(0, 2);
        assertThat(pushedTo(0)).isEmpty();
        assertThat(controller.controller().brokers().isFenced(0)).isFalse();

        // Its old session lapses (the others keep theirs): fenced, broker 1 leads in epoch 1, and everyone is told.
        heartbeat(1, 1);
        heartbeat(2, 1);
        pushedTo(1);
        pushedTo(2);
        nowMs = T0_MS + SESSION_MS + 1;
        heartbeat(1, 1);
        heartbeat(2, 1);
        assertThat(pushedTo(2)).contains("1@1 [1, 2]");
        assertThat(controller.controller().brokers().isFenced(0)).isTrue();

        // Now the new incarnation registers: unfenced, and told the current state, in which it follows.
        heartbeat(0, 2);
        assertThat(controller.controller().brokers().isFenced(0)).isFalse();
        assertThat(pushedTo(0)).containsExactly("1@1 [1, 2]");
    }

    @Test
    void aLeadersIsrProposalIsCommittedAnsweredAndPushed() {
        start();
        for (int b = 0; b < BROKERS; b++) {
            heartbeat(b, 1);
            pushedTo(b);
        }
        final int length = AlterPartition.encodeRequest(out, 0, 77, 0, 0, 0, 0, new int[] {0, 1});
        assertThat(brokers[0].send(BROKERS, out, 0, length)).isTrue();
        controller.doWork();
        final List<String> answers = new ArrayList<>();
        brokers[0].poll((buffer, offset, frameLength) -> {
            if (FrameHeader.type(buffer, offset) == FrameHeader.ALTER_PARTITION_RESPONSE) {
                AlterPartition.checkResponse(buffer, offset, frameLength);
                answers.add(FrameHeader.correlationId(buffer, offset) + ":" + AlterPartition.responseError(buffer, offset)
                    + " epoch " + AlterPartition.responsePartitionEpoch(buffer, offset) + " "
                    + java.util.Arrays.toString(AlterPartition.responseIsr(buffer, offset)));
            }
        }, 100);
        assertThat(answers).containsExactly("77:0 epoch 1 [0, 1]");
        assertThat(pushedTo(2)).containsExactly("0@0 [0, 1]");
    }

    @Test
    void producerIdBlocksAndLeaderEpochsSurviveARestartOfTheController() {
        start();
        assertThat(allocate(0)).isEqualTo(0);
        assertThat(allocate(1)).isEqualTo(ProducerIdBlocks.BLOCK_SIZE);
        for (int b = 1; b < BROKERS; b++) {
            heartbeat(b, 1);
        }
        nowMs += SESSION_MS + 1;
        heartbeat(1, 1); // broker 0 never heartbeated: fenced, broker 1 leads in epoch 1
        assertThat(controller.controller().partition(0).leaderEpoch()).isEqualTo(1);

        controller = open(); // the same directory
        assertThat(controller.controller().partition(0).leader()).isEqualTo(1);
        assertThat(controller.controller().partition(0).leaderEpoch()).isEqualTo(1);
        assertThat(allocate(2)).isEqualTo(2L * ProducerIdBlocks.BLOCK_SIZE);
    }

    @Test
    void aPartitionLeftOfflineGetsALeaderWhenTheClusterStartsAgain() {
        start();
        nowMs += SESSION_MS + 1;
        controller.doWork(); // nobody heartbeated: all three fenced, the last ISR member kept, no leader
        assertThat(controller.controller().partition(0).hasLeader()).isFalse();
        assertThat(controller.controller().partition(0).isr()).containsExactly(2);
        final int offlineEpoch = controller.controller().partition(0).leaderEpoch();

        controller = open();
        assertThat(controller.controller().partition(0).leader()).isEqualTo(2);
        assertThat(controller.controller().partition(0).leaderEpoch()).isEqualTo(offlineEpoch + 1);
        assertThat(controller.controller().uncleanElections()).isZero();
        controller = open(); // and it was written: the same again
        assertThat(controller.controller().partition(0).leaderEpoch()).isEqualTo(offlineEpoch + 1);
    }

    private long allocate(final int broker) {
        assertThat(brokers[broker].send(BROKERS, out, 0, AllocateProducerIds.encodeRequest(out, 0, 5, broker)))
            .isTrue();
        controller.doWork();
        final long[] first = {-1};
        brokers[broker].poll((buffer, offset, length) -> {
            if (FrameHeader.type(buffer, offset) == FrameHeader.ALLOCATE_PRODUCER_IDS_RESPONSE) {
                AllocateProducerIds.checkResponse(length);
                first[0] = AllocateProducerIds.firstProducerId(buffer, offset);
            }
        }, 100);
        return first[0];
    }
}
