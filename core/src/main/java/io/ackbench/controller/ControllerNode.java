package io.ackbench.controller;

import io.ackbench.transport.AllocateProducerIds;
import io.ackbench.transport.AlterPartition;
import io.ackbench.transport.BrokerHeartbeat;
import io.ackbench.transport.Endpoint;
import io.ackbench.transport.ErrorCode;
import io.ackbench.transport.FrameHandler;
import io.ackbench.transport.FrameHeader;
import io.ackbench.transport.LeaderAndIsr;
import io.ackbench.transport.MalformedFrameException;
import io.ackbench.transport.TopicLayout;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The controller on the network (KRaft's controller-only node, with one voter and no failover of its own): it takes
 * brokers' heartbeats, AlterPartition and AllocateProducerIds requests (a heartbeat from a restarted broker's new
 * incarnation counts only once the old session has expired, as Kafka refuses such a registration), runs the
 * {@link ClusterController} on its thread's clock, and pushes every committed change to every broker as a
 * {@link LeaderAndIsr} frame, after writing it to its {@link ControllerStore}. It answers each heartbeat with every partition's registration, which is how a
 * broker that missed a push (or just started) catches up.
 *
 * <p>Single-threaded: its {@link Agent} duty cycle owns everything; other threads read its state machine only after
 * the agent stopped.
 */
public final class ControllerNode implements Agent {
    private static final System.Logger LOGGER = System.getLogger(ControllerNode.class.getName());
    private static final int FRAMES_PER_CYCLE = 64;
    private static final int SEND_BUFFER_BYTES = 64 * 1024;
    private static final long UNKNOWN_INCARNATION = Long.MIN_VALUE;
    private static final long IDLE_SLEEP_MS = 10;

    private final Endpoint endpoint;
    private final NanoClock clock;
    private final int brokers;
    private final ControllerStore store;
    private final ProducerIdBlocks producerIds;
    private final ClusterController controller;
    private final UnsafeBuffer sendBuffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(SEND_BUFFER_BYTES, 64));
    private final FrameHandler onFrame = this::onFrame;
    /** Each broker's incarnation as of its last heartbeat; {@link #UNKNOWN_INCARNATION} before its first. */
    private final long[] incarnations;
    /** Per broker, the last new incarnation refused while its old session lived: to log each refusal once. */
    private final long[] refusedIncarnations;
    private long nowMs;

    /**
     * Opens (or creates) the controller's state in {@code dir} for {@code layout}'s partitions, every broker counting
     * as alive as of now.
     *
     * @throws IllegalStateException if {@code dir} holds another topic shape
     */
    public ControllerNode(final TopicLayout layout, final ControllerConfig config, final Path dir,
                          final Endpoint endpoint, final NanoClock clock) {
        this.endpoint = endpoint;
        this.clock = clock;
        this.brokers = layout.brokerCount();
        this.store = new ControllerStore(dir);
        this.producerIds = new ProducerIdBlocks(store);
        this.incarnations = new long[brokers];
        this.refusedIncarnations = new long[brokers];
        Arrays.fill(incarnations, UNKNOWN_INCARNATION);
        this.nowMs = clock.nanoTime() / 1_000_000L;
        final List<PartitionRegistration> restored = store.readPartitions(layout);
        this.controller = new ClusterController(layout, config, this::onCommitted, nowMs, restored);
        writePartitions(); // a new cluster's first registrations, or a restored one's start-up elections
    }

    @Override
    public int doWork() {
        nowMs = clock.nanoTime() / 1_000_000L;
        final int work = endpoint.poll(onFrame, FRAMES_PER_CYCLE);
        controller.tick(nowMs);
        return work;
    }

    private void onFrame(final DirectBuffer buffer, final int offset, final int length) {
        try {
            if (length < FrameHeader.LENGTH) {
                throw new MalformedFrameException("frame of " + length + " bytes is shorter than its header");
            }
            final int source = FrameHeader.source(buffer, offset);
            if (source < 0 || source >= brokers) {
                throw new MalformedFrameException("frame from node " + source + ", which is not a broker");
            }
            switch (FrameHeader.type(buffer, offset)) {
                case FrameHeader.BROKER_HEARTBEAT ->
                    onHeartbeat(source, BrokerHeartbeat.incarnation(buffer, offset, length));
                case FrameHeader.ALTER_PARTITION_REQUEST -> onAlterPartition(buffer, offset, length, source);
                case FrameHeader.ALLOCATE_PRODUCER_IDS_REQUEST -> onAllocateProducerIds(buffer, offset, source);
                default ->
                    throw new MalformedFrameException("unexpected frame type " + FrameHeader.type(buffer, offset));
            }
        } catch (final MalformedFrameException e) {
            LOGGER.log(Level.WARNING, "Controller dropped a frame: " + e.getMessage());
        }
    }

    private void onHeartbeat(final int broker, final long incarnation) {
        if (incarnations[broker] != incarnation) {
            if (incarnations[broker] != UNKNOWN_INCARNATION && !controller.brokers().isFenced(broker)) {
                // Back from a crash before its old session expired: Kafka's controller refuses the new registration
                // (DUPLICATE_BROKER_REGISTRATION) until that session lapses and fences the old one, so the restarted
                // broker leads nothing meanwhile, even with a log a power loss cut at an epoch it used to lead.
                if (refusedIncarnations[broker] != incarnation) {
                    refusedIncarnations[broker] = incarnation;
                    LOGGER.log(Level.INFO, "Controller: broker " + broker + " restarted; its new registration waits"
                        + " until the old session expires");
                }
                return;
            }
            incarnations[broker] = incarnation;
        }
        controller.heartbeat(broker, nowMs);
        for (int p = 0; p < controller.partitionCount(); p++) {
            send(broker, controller.partition(p));
        }
    }

    private void onAlterPartition(final DirectBuffer buffer, final int offset, final int length, final int broker) {
        AlterPartition.checkRequest(buffer, offset, length);
        final int partition = AlterPartition.partition(buffer, offset);
        final AlterPartitionResult result = controller.alterPartition(broker, partition,
            AlterPartition.leaderEpoch(buffer, offset), AlterPartition.partitionEpoch(buffer, offset),
            AlterPartition.isr(buffer, offset));
        final int correlationId = FrameHeader.correlationId(buffer, offset);
        final int self = endpoint.nodeId();
        final int frameLength;
        if (result.isCommitted()) {
            final PartitionRegistration committed = result.registration();
            frameLength = AlterPartition.encodeResponse(sendBuffer, 0, correlationId, self, ErrorCode.NONE, partition,
                committed.leader(), committed.leaderEpoch(), committed.partitionEpoch(), committed.isrView());
        } else {
            frameLength = AlterPartition.encodeResponse(sendBuffer, 0, correlationId, self, result.errorCode(),
                partition, -1, -1, -1, new int[0]);
        }
        endpoint.send(broker, sendBuffer, 0, frameLength);
    }

    private void onAllocateProducerIds(final DirectBuffer buffer, final int offset, final int broker) {
        final long first = producerIds.allocate();
        endpoint.send(broker, sendBuffer, 0, AllocateProducerIds.encodeResponse(sendBuffer, 0,
            FrameHeader.correlationId(buffer, offset), endpoint.nodeId(), ErrorCode.NONE, first,
            ProducerIdBlocks.BLOCK_SIZE));
    }

    /** The listener of every committed change: durable first, then told to every broker. */
    private void onCommitted(final PartitionRegistration registration, final boolean unclean) {
        writePartitions();
        LOGGER.log(Level.INFO, "Controller committed " + registration + (unclean ? " (unclean election)" : ""));
        for (int broker = 0; broker < brokers; broker++) {
            send(broker, registration);
        }
    }

    private void writePartitions() {
        final PartitionRegistration[] all = new PartitionRegistration[controller.partitionCount()];
        for (int p = 0; p < all.length; p++) {
            all[p] = controller.partition(p);
        }
        store.writePartitions(all);
    }

    private void send(final int broker, final PartitionRegistration registration) {
        if (incarnations[broker] == UNKNOWN_INCARNATION) {
            return; // never registered: it hears everything in answer to its first heartbeat
        }
        final int length = LeaderAndIsr.encode(sendBuffer, 0, endpoint.nodeId(), incarnations[broker],
            registration.partition(),
            registration.leader(), registration.leaderEpoch(), registration.partitionEpoch(), registration.isrView());
        // A frame the connection cannot take now is dropped: the broker's next heartbeat brings it again.
        endpoint.send(broker, sendBuffer, 0, length);
    }

    /**
     * Runs this controller on a thread of its own that sleeps {@value #IDLE_SLEEP_MS} ms when idle: its work is a few
     * frames a second, and on a machine of two cores a thread waking a thousand times a second takes measurable time
     * from the brokers, while 10 ms more on an election that waits out a 9 s session is nothing. Close the runner to
     * stop it.
     */
    public AgentRunner startOnThread() {
        final AgentRunner runner = new AgentRunner(new SleepingMillisIdleStrategy(IDLE_SLEEP_MS),
            error -> LOGGER.log(Level.ERROR, "Controller failed", error), null, this);
        AgentRunner.startOnThread(runner);
        return runner;
    }

    /** The state machine, for tests and for a harness reading counts after the agent stopped. */
    public ClusterController controller() {
        return controller;
    }


    @Override
    public String roleName() {
        return "ackbench-controller";
    }
}
