package io.ackbench.broker;

import io.ackbench.log.LogAppendException;
import io.ackbench.log.LogConfig;
import io.ackbench.log.PartitionLog;
import io.ackbench.record.RecordBatchLayout;
import io.ackbench.record.RecordBatchReader;
import io.ackbench.transport.Endpoint;
import io.ackbench.transport.ErrorCode;
import io.ackbench.transport.ErrorResponse;
import io.ackbench.transport.FetchRequest;
import io.ackbench.transport.FetchResponse;
import io.ackbench.transport.FrameHandler;
import io.ackbench.transport.FrameHeader;
import io.ackbench.transport.InitProducerId;
import io.ackbench.transport.LeaderAndIsr;
import io.ackbench.transport.MalformedFrameException;
import io.ackbench.transport.Metadata;
import io.ackbench.transport.ProduceRequest;
import io.ackbench.transport.ProduceResponse;
import io.ackbench.transport.TcpEndpoint;
import io.ackbench.transport.TopicLayout;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemEpochClock;

import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiFunction;
import java.util.function.IntConsumer;

/**
 * One broker: leads some of the topic's partitions and follows others. Its duty cycle (an Agrona {@link Agent},
 * run on a thread of its own or shared with the other brokers) reads the frames sent to it, answers Produce
 * requests by acks (kafka-semantics.md §4.1), serves and sends replication fetches, completes or times out parked
 * acks=all requests, shrinks the ISR of lagging followers, and runs the logs' time-based flush. Everything on that
 * thread is single-threaded; the fault controls ({@link #pauseFetching()}, {@link #stop()}, ...) are volatile flags.
 *
 * <p>Roles: each partition this broker hosts is led or followed in a leader epoch. With a controller (the clusters'
 * brokers) the roles and committed ISRs come from its LeaderAndIsr frames, ISR changes are proposed to it
 * (AlterPartition), producer ids come from its blocks and the broker heartbeats to it ({@link ControllerChannel}); a
 * broker starts leading nothing and answers NOT_LEADER_OR_FOLLOWER until the controller's word arrives. Without one
 * (tests of a single broker) the constructor assigns the layout's roles at epoch 0 and the broker commits its own ISR
 * proposals. {@link #becomeLeader} and {@link #becomeFollower} change a role directly, from any thread: the change is
 * queued and applied by the broker's thread at the start of its next running duty cycle, before it reads any frame
 * in that cycle, in the order the calls were made.
 */
public final class Broker implements Agent {
    private static final System.Logger LOGGER = System.getLogger(Broker.class.getName());
    private static final int FRAMES_PER_CYCLE = 64;
    /**
     * Pages an idle duty cycle brings in ahead of the logs' ends (see {@link LogConfig#PRETOUCH_BYTES}): a write(2) of
     * 16 KiB of zeros, a few microseconds, which a request arriving during the cycle waits for.
     */
    private static final int PRETOUCH_PAGES_PER_CYCLE = 4;
    /** The leader epoch of the roles the layout assigns at start-up. */
    static final int INITIAL_LEADER_EPOCH = 0;

    private final int id;
    private final Endpoint endpoint;
    /** The endpoint when it is TCP, whose selector the broker's thread may sleep in; else null. */
    private final TcpEndpoint tcpEndpoint;
    private final NanoClock clock;
    /** Where InitProducerId takes ids without a controller; null with one. */
    private final ProducerIdAllocator staticProducerIds;
    /** The link to the controller; null without one. */
    private final ControllerChannel controller;
    private final TopicLayout layout;
    /**
     * The topic as the controller last described it, each partition's leader and epoch, for Metadata answers:
     * replaced (it is immutable) on each change. Broker thread only.
     */
    private TopicLayout view;
    private final IntConsumer onHighWatermark;
    private final BrokerLiveness liveness;
    private final PartitionReplica[] replicas;
    private final BrokerConfig config;
    /**
     * Role changes from control threads: ConcurrentLinkedQueue's offer happens-before the poll that returns the
     * change, so the broker's thread sees the change whole; its future's completion publishes the result back.
     */
    private final ConcurrentLinkedQueue<RoleChange> roleChanges = new ConcurrentLinkedQueue<>();
    private final Replies replies;
    private final DelayedProduces delayedProduces;
    private final FetchServer fetchServer;
    private final ReplicaFetcher fetcher;
    private final BatchValidator validator;
    private final ProduceRequest produceRequest = new ProduceRequest();
    private final FetchRequest fetchRequest = new FetchRequest();
    private final FetchResponse fetchResponse = new FetchResponse();
    private final FrameHandler onFrame = this::onFrame;
    private final FrameHandler dispatch = this::dispatch;
    private final ClientConnections connections = new ClientConnections(FrameHeader.MAX_NODES);
    private final FrameHandler discard = (buffer, offset, length) -> { };
    /** Half of replica.lag.time.max.ms, as Kafka's ISR check. */
    private final long shrinkIntervalMs;
    /** How far ahead of each log's end idle cycles fault pages in; 0 when they do not. */
    private final int pretouchBytes;
    private long nextShrinkCheckMs;
    private final OffsetCheckpoints checkpoints;
    private final long highWatermarkCheckpointIntervalMs;
    private final long recoveryPointCheckpointIntervalMs;
    private long nextHighWatermarkCheckpointMs;
    private long nextRecoveryPointCheckpointMs;
    private long nowMs;

    /**
     * Set by stop() and cleared by restart(), on a control thread, with volatile stores; read by the broker's thread
     * with a volatile load at the start of each cycle.
     */
    private volatile boolean stopped;
    /** Set by the harness with a volatile store before it stops the broker's thread; read by that thread in onClose. */
    private volatile boolean discardOnClose;
    /**
     * Set by restart() with a volatile store before it clears {@link #stopped}, so the broker's thread, reading both
     * with volatile loads, sees the request in its first cycle after the stop. That thread clears it before it resets
     * the fetcher, so a restart() that races the clear is still followed by a reset.
     */
    private volatile boolean restartRequested;

    // Counters: plain stores by the broker's thread. Another thread reads them only after a happens-before edge: once
    // the thread has stopped (AgentRunner.close waits for it), or on receiving a frame the broker sent after counting.
    private long malformedFrames;
    private long appendedBatches;
    private long duplicateBatches;
    private long acksZeroFailures;

    /** Opens a partition's log from its checkpointed recovery point. */
    interface LogOpener {
        PartitionLog open(Path dir, LogConfig config, long recoveryPoint);
    }

    /** A broker without a controller: the layout's roles at epoch 0, its own ISR commits, ids from producerIds. */
    public Broker(final int id, final BrokerConfig config, final TopicLayout layout, final Path dataDir,
                  final Endpoint endpoint, final ProducerIdAllocator producerIds, final BrokerLiveness liveness,
                  final NanoClock clock) {
        this(id, config, layout, dataDir, endpoint, producerIds, -1, liveness, clock, PartitionLog::open, 0);
    }

    /**
     * A broker of a cluster whose controller is node {@code controllerNode}: it leads and follows what the controller
     * says. {@code incarnation} must differ from that of any earlier run of this broker id (a start time will do).
     */
    public Broker(final int id, final BrokerConfig config, final TopicLayout layout, final Path dataDir,
                  final Endpoint endpoint, final int controllerNode, final long incarnation,
                  final BrokerLiveness liveness, final NanoClock clock) {
        this(id, config, layout, dataDir, endpoint, null, controllerNode, liveness, clock, PartitionLog::open,
            incarnation);
    }

    /**
     * As the public constructor, with the logs opened by {@code openLog} from no recovery point: for tests that
     * inject storage faults.
     */
    Broker(final int id, final BrokerConfig config, final TopicLayout layout, final Path dataDir,
           final Endpoint endpoint, final ProducerIdAllocator producerIds, final BrokerLiveness liveness,
           final NanoClock clock, final BiFunction<Path, LogConfig, PartitionLog> openLog) {
        this(id, config, layout, dataDir, endpoint, producerIds, -1, liveness, clock,
            (dir, logConfig, recoveryPoint) -> openLog.apply(dir, logConfig), 0);
    }

    private Broker(final int id, final BrokerConfig config, final TopicLayout layout, final Path dataDir,
                   final Endpoint endpoint, final ProducerIdAllocator producerIds, final int controllerNode,
                   final BrokerLiveness liveness, final NanoClock clock, final LogOpener openLog,
                   final long incarnation) {
        this.id = id;
        this.config = config;
        this.endpoint = endpoint;
        this.tcpEndpoint = endpoint instanceof TcpEndpoint ? (TcpEndpoint) endpoint : null;
        this.clock = clock;
        this.staticProducerIds = producerIds;
        this.controller = controllerNode < 0 ? null : new ControllerChannel(id, controllerNode, endpoint,
            config.controller().brokerHeartbeatIntervalMs(), layout.partitionCount(), incarnation);
        this.layout = layout;
        // No leader known until the controller speaks; without one, the layout's preferred leaders lead.
        TopicLayout initialView = layout;
        if (controller != null) {
            for (int p = 0; p < layout.partitionCount(); p++) {
                initialView = initialView.withLeader(p, TopicLayout.NO_LEADER, 0);
            }
        }
        this.view = initialView;
        this.liveness = liveness;
        this.nowMs = clock.nanoTime() / 1_000_000L;
        final Path logDir = dataDir.resolve("broker-" + id);
        this.checkpoints = new OffsetCheckpoints(logDir, layout.topic(), "broker-" + id);
        this.replicas = new PartitionReplica[layout.partitionCount()];
        for (int p = 0; p < layout.partitionCount(); p++) {
            if (layout.hosts(id, p)) {
                replicas[p] = new PartitionReplica(p, openLog.open(logDir.resolve(layout.topic() + "-" + p),
                    config.log(), checkpoints.recoveryPoint(p)));
                // Where the partition's HW starts, as a follower's or (through lead) a new leader's.
                replicas[p].initialHighWatermark(checkpoints.highWatermark(p));
            }
        }
        this.highWatermarkCheckpointIntervalMs = config.highWatermarkCheckpointIntervalMs();
        this.recoveryPointCheckpointIntervalMs = config.recoveryPointCheckpointIntervalMs();
        this.nextHighWatermarkCheckpointMs = nowMs + highWatermarkCheckpointIntervalMs;
        this.nextRecoveryPointCheckpointMs = nowMs + recoveryPointCheckpointIntervalMs;
        this.replies = new Replies(endpoint);
        this.delayedProduces = new DelayedProduces(replicas, replies, id, connections, clock);
        this.onHighWatermark = this::highWatermarkMoved;
        this.fetchServer = new FetchServer(id, layout.brokerCount(), replicas, delayedProduces, replies);
        this.fetcher = new ReplicaFetcher(id, endpoint, layout, replicas, config);
        // Record timestamps are wall-clock ms (the producer's System.currentTimeMillis), which the monotonic NanoClock
        // is not: the record check reads the system's epoch clock, once per batch.
        this.validator = new BatchValidator(config, SystemEpochClock.INSTANCE);
        this.shrinkIntervalMs = Math.max(1, config.replicaLagTimeMaxMs() / 2);
        this.pretouchBytes = config.log().pretouchBytes();
        this.nextShrinkCheckMs = nowMs + shrinkIntervalMs;
        // Without a controller, the start-up roles, through the path later changes take, before the thread starts
        // (Thread.start orders).
        for (int p = 0; p < replicas.length; p++) {
            if (replicas[p] == null || controller != null) {
                continue;
            }
            final RoleChange change = layout.preferredLeader(p) == id
                ? RoleChange.lead(p, INITIAL_LEADER_EPOCH, layout.replicas(p), 0)
                : RoleChange.follow(p, layout.preferredLeader(p), INITIAL_LEADER_EPOCH);
            apply(change);
            change.done.join(); // a start-up role cannot be refused; rethrows if it was
        }
    }

    /**
     * Makes this broker the leader of {@code partition} in {@code leaderEpoch} with {@code isr} as its in-sync
     * replicas (Kafka's {@code Partition.makeLeader}): the epoch is assigned at the log end offset, the high
     * watermark starts at the one this replica had (capped at its log end) and moves by the usual rules, and the
     * followers' progress starts unknown. Any thread; applied on the broker's thread as the class comment says.
     *
     * @return completed once applied; exceptionally with {@link IllegalArgumentException} if this broker does not
     *         host the partition or {@code isr} names a non-replica, {@link IllegalStateException} if the epoch is not
     *         above the current one
     */
    public CompletableFuture<Void> becomeLeader(final int partition, final int leaderEpoch, final int... isr) {
        final RoleChange change = RoleChange.lead(partition, leaderEpoch, isr, 0);
        roleChanges.offer(change);
        wakeUp();
        return change.done;
    }

    /**
     * Makes this broker a follower of {@code leaderId} for {@code partition} in {@code leaderEpoch} (Kafka's
     * {@code Partition.makeFollower}): it stops leading if it did, its parked produce requests waiting on the
     * partition fail with NOT_LEADER_OR_FOLLOWER, its high watermark stays as it was, and its next fetch goes to
     * the new leader, carrying the epoch; a diverged log is truncated by the answer to that fetch. Any thread.
     *
     * @return completed once applied; exceptionally as {@link #becomeLeader}'s, or if {@code leaderId} is this
     *         broker or not a replica
     */
    public CompletableFuture<Void> becomeFollower(final int partition, final int leaderId, final int leaderEpoch) {
        final RoleChange change = RoleChange.follow(partition, leaderId, leaderEpoch);
        roleChanges.offer(change);
        wakeUp();
        return change.done;
    }

    private int applyRoleChanges() {
        int applied = 0;
        RoleChange change;
        while ((change = roleChanges.poll()) != null) {
            apply(change);
            applied++;
        }
        return applied;
    }

    private void apply(final RoleChange change) {
        try {
            final PartitionReplica replica = change.partition >= 0 && change.partition < replicas.length
                ? replicas[change.partition] : null;
            if (replica == null) {
                throw new IllegalArgumentException("Broker " + id + " does not host partition " + change.partition);
            }
            // Kafka ignores a LeaderAndIsr whose epoch is not above the partition's: it is stale.
            if (change.leaderEpoch <= replica.leaderEpoch()) {
                throw new IllegalStateException("Broker " + id + ", partition " + change.partition + ": leader epoch "
                    + change.leaderEpoch + " is not above the current " + replica.leaderEpoch());
            }
            if (change.lead) {
                lead(replica, change);
            } else {
                follow(replica, change);
            }
            change.done.complete(null);
        } catch (final RuntimeException e) {
            LOGGER.log(Level.WARNING, "Broker " + id + " refused a role change: " + e.getMessage());
            change.done.completeExceptionally(e);
        }
    }

    private void lead(final PartitionReplica replica, final RoleChange change) {
        final int partition = replica.partition();
        final PartitionLog log = replica.log();
        final ReplicaSet set = ReplicaSet.forLeaderEpoch(layout.replicas(partition), id, change.isr,
            change.partitionEpoch, config.effectiveMinIsr(), config.replicaLagTimeMaxMs(), nowMs, log.logEndOffset(),
            replica.highWatermark());
        // Kafka's maybeAssignEpochStartOffset: the epoch starts at the log end, before the first append in it.
        log.assignEpochStartOffset(change.leaderEpoch);
        replica.becomeLeader(id, change.leaderEpoch, set, followersOf(layout, partition, id));
    }

    private void follow(final PartitionReplica replica, final RoleChange change) {
        final int partition = replica.partition();
        if (change.leaderId == id || change.leaderId != RoleChange.NO_LEADER && !isReplica(partition, change.leaderId)) {
            throw new IllegalArgumentException("Broker " + id + " cannot follow broker " + change.leaderId
                + " for partition " + partition + ", whose replicas are " + Arrays.toString(layout.replicas(partition)));
        }
        final boolean wasLeader = replica.isLeader();
        replica.becomeFollower(change.leaderId, change.leaderEpoch);
        if (wasLeader) {
            delayedProduces.onLeadershipLost(partition);
            fetchServer.onHighWatermark(partition); // a parked consumer fetch is answered NOT_LEADER_OR_FOLLOWER
        }
    }

    private boolean isReplica(final int partition, final int brokerId) {
        for (final int replica : layout.replicas(partition)) {
            if (replica == brokerId) {
                return true;
            }
        }
        return false;
    }

    private static int[] followersOf(final TopicLayout layout, final int partition, final int leader) {
        final int[] replicaIds = layout.replicas(partition);
        final int[] followers = new int[replicaIds.length - 1];
        for (int r = 0, f = 0; r < replicaIds.length; r++) {
            if (replicaIds[r] != leader) {
                followers[f++] = replicaIds[r];
            }
        }
        return followers;
    }

    @Override
    public int doWork() {
        if (stopped) {
            // A stopped broker is gone from the network: whatever reaches it is lost.
            return endpoint.poll(discard, FRAMES_PER_CYCLE);
        }
        if (restartRequested) {
            restartRequested = false;
            fetcher.reset();
            if (controller != null) {
                controller.restarted(clock.nanoTime());
            }
        }
        nowMs = clock.nanoTime() / 1_000_000L;
        liveness.heartbeat(id, nowMs);
        int work = roleChanges.isEmpty() ? 0 : applyRoleChanges();
        if (controller != null) {
            work += controller.doWork(nowMs, replicas);
        }
        work += endpoint.poll(onFrame, FRAMES_PER_CYCLE);
        work += connections.drain(dispatch);
        work += fetchServer.serveArrivals();
        work += fetcher.doWork(nowMs);
        work += delayedProduces.expire(nowMs);
        work += fetchServer.expire(nowMs);
        if (nowMs >= nextShrinkCheckMs) {
            nextShrinkCheckMs = nowMs + shrinkIntervalMs;
            shrinkIsr();
        }
        work += sendIsrProposals();
        for (final PartitionReplica replica : replicas) {
            if (replica != null) {
                replica.log().flushIfDue(nowMs);
            }
        }
        if (nowMs >= nextHighWatermarkCheckpointMs) {
            nextHighWatermarkCheckpointMs = nowMs + highWatermarkCheckpointIntervalMs;
            work += checkpointInBackground(true);
        }
        if (nowMs >= nextRecoveryPointCheckpointMs) {
            nextRecoveryPointCheckpointMs = nowMs + recoveryPointCheckpointIntervalMs;
            work += checkpointInBackground(false);
        }
        if (work == 0 && pretouchBytes > 0) {
            work += pretouchLogs();
        }
        return work;
    }

    /** Brings in up to {@link #PRETOUCH_PAGES_PER_CYCLE} pages ahead of the first logs that have any left to touch. */
    private int pretouchLogs() {
        int touched = 0;
        for (final PartitionReplica replica : replicas) {
            if (replica != null && touched < PRETOUCH_PAGES_PER_CYCLE) {
                touched += replica.log().pretouch(pretouchBytes, PRETOUCH_PAGES_PER_CYCLE - touched);
            }
        }
        return touched;
    }

    /**
     * Writes the high-watermark or the recovery-point checkpoint. A failed write is logged and tried again at the
     * next interval (Kafka would take the log directory offline, which ackbench does not model). Cold path.
     */
    private int checkpoint(final boolean highWatermarks) {
        try {
            if (highWatermarks) {
                checkpoints.writeHighWatermarks(replicas);
            } else {
                checkpoints.writeRecoveryPoints(replicas);
            }
            return 1;
        } catch (final RuntimeException e) {
            LOGGER.log(Level.WARNING, "Broker " + id + ": cannot write the "
                + (highWatermarks ? "high-watermark" : "recovery-point") + " checkpoint", e);
            return 0;
        }
    }

    /** The periodic checkpoint: the offsets taken now, the file written on the checkpoint thread. */
    private int checkpointInBackground(final boolean highWatermarks) {
        final boolean handedOver = highWatermarks ? checkpoints.writeHighWatermarksInBackground(replicas)
            : checkpoints.writeRecoveryPointsInBackground(replicas);
        return handedOver ? 1 : 0;
    }


    /** The high watermark of a hosted partition, as leader or follower. Broker thread, or a test before it starts. */
    long highWatermark(final int partition) {
        return replicas[partition].highWatermark();
    }

    private void onFrame(final DirectBuffer buffer, final int offset, final int length) {
        if (length >= FrameHeader.LENGTH && FrameHeader.type(buffer, offset) == FrameHeader.PRODUCE_REQUEST) {
            final int source = FrameHeader.source(buffer, offset);
            if (source >= 0 && source < FrameHeader.MAX_NODES
                && connections.deferIfMuted(source, buffer, offset, length)) {
                return;
            }
        }
        dispatch(buffer, offset, length);
    }

    private void dispatch(final DirectBuffer buffer, final int offset, final int length) {
        if (length < FrameHeader.LENGTH) {
            refuse(buffer, offset, length, ErrorCode.NONE, "frame of " + length + " bytes is shorter than its header");
            return;
        }
        final short type = FrameHeader.type(buffer, offset);
        if (FrameHeader.version(buffer, offset) != FrameHeader.CURRENT_VERSION) {
            refuse(buffer, offset, length, ErrorCode.UNSUPPORTED_VERSION, "frame type " + type + " in version "
                + FrameHeader.version(buffer, offset) + "; only version " + FrameHeader.CURRENT_VERSION
                + " is supported");
            return;
        }
        try {
            switch (type) {
                case FrameHeader.PRODUCE_REQUEST:
                    onProduce(produceRequest.wrapForDecode(buffer, offset, length));
                    break;
                case FrameHeader.FETCH_REQUEST:
                    fetchServer.onFetch(fetchRequest.wrapForDecode(buffer, offset, length), nowMs);
                    break;
                case FrameHeader.FETCH_RESPONSE:
                    fetcher.onResponse(fetchResponse.wrapForDecode(buffer, offset, length), nowMs);
                    break;
                case FrameHeader.METADATA_REQUEST: {
                    final boolean known = layout.topic().equals(Metadata.requestedTopic(buffer, offset, length));
                    replies.send(FrameHeader.source(buffer, offset), Metadata.encodeResponse(replies.buffer(), 0,
                        FrameHeader.correlationId(buffer, offset), id,
                        known ? ErrorCode.NONE : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, known ? view : null));
                    break;
                }
                case FrameHeader.INIT_PRODUCER_ID_REQUEST: {
                    final long producerId = staticProducerIds != null ? staticProducerIds.next()
                        : controller.nextProducerId();
                    // Kafka's broker answers COORDINATOR_LOAD_IN_PROGRESS, retriable, while it waits for a block.
                    replies.send(FrameHeader.source(buffer, offset), InitProducerId.encodeResponse(replies.buffer(),
                        0, FrameHeader.correlationId(buffer, offset), id,
                        producerId < 0 ? ErrorCode.COORDINATOR_LOAD_IN_PROGRESS : ErrorCode.NONE, producerId,
                        (short) 0));
                    break;
                }
                case FrameHeader.LEADER_AND_ISR:
                    onLeaderAndIsr(buffer, offset, length);
                    break;
                case FrameHeader.ALTER_PARTITION_RESPONSE:
                    if (controller != null) {
                        controller.onAlterPartitionResponse(buffer, offset, length, replicas, onHighWatermark);
                    }
                    break;
                case FrameHeader.ALLOCATE_PRODUCER_IDS_RESPONSE:
                    if (controller != null) {
                        controller.onAllocateProducerIdsResponse(buffer, offset, length);
                    }
                    break;
                case FrameHeader.ERROR_RESPONSE:
                    // Another broker refused a fetch of ours and closed the connection; the fetcher resends after
                    // its wait. Never answered, so two brokers cannot trade error responses.
                    ErrorResponse.check(length);
                    LOGGER.log(Level.WARNING, "Broker " + id + ": " + ErrorResponse.describe(buffer, offset));
                    break;
                default:
                    refuse(buffer, offset, length, ErrorCode.UNSUPPORTED_VERSION, "unknown frame type " + type);
            }
        } catch (final MalformedFrameException e) {
            // A produce body that did not parse names no partitions to answer for: checkEntries refuses the
            // request whole before anything is appended.
            refuse(buffer, offset, length, ErrorCode.INVALID_REQUEST, e.getMessage());
        }
    }

    /**
     * Drops the connection a frame came on, as Kafka closes a connection on a request it cannot read. Where the
     * header was readable ({@code errorCode} not NONE) and is not itself an error response, an
     * {@link ErrorResponse} with its correlation id goes first, in one attempt: the peer is being cut off anyway.
     * The endpoint logs one line naming the peer and {@code reason}.
     */
    private void refuse(final DirectBuffer buffer, final int offset, final int length, final short errorCode,
                        final String reason) {
        malformedFrames++;
        final int source = length >= FrameHeader.LENGTH ? FrameHeader.source(buffer, offset) : -1;
        if (errorCode != ErrorCode.NONE && source >= 0 && source < FrameHeader.MAX_NODES
            && FrameHeader.type(buffer, offset) != FrameHeader.ERROR_RESPONSE) {
            endpoint.send(source, replies.buffer(), 0,
                ErrorResponse.encode(replies.buffer(), 0, buffer, offset, id, errorCode));
        }
        endpoint.disconnect(source, "broker " + id + " refused its frame with " + ErrorCode.name(errorCode) + ": "
            + reason);
    }

    private void onProduce(final ProduceRequest request) {
        if (request.source() < 0 || request.source() >= FrameHeader.MAX_NODES) {
            throw new MalformedFrameException("Produce request from node " + request.source() + ", outside [0, "
                + FrameHeader.MAX_NODES + ")");
        }
        request.checkEntries();
        final short acks = request.acks();
        // The stage stamps go back in the response; acks=0 has none, so it takes none.
        final boolean stamps = acks != 0;
        final DelayedProduce delayed = delayedProduces.acquire(request.source(), request.correlationId(),
            nowMs + Math.max(0, request.timeoutMs()), request.entryCount(),
            stamps ? clock.nanoTime() : ProduceResponse.NO_TIME);
        final boolean validAcks = acks == -1 || acks == 0 || acks == 1;
        while (request.nextEntry()) {
            final int partition = request.partition();
            if (!validAcks) {
                delayed.addDone(partition, ErrorCode.INVALID_REQUIRED_ACKS, -1);
                continue;
            }
            appendToLeader(delayed, acks, stamps, partition, request.buffer(), request.batchOffset(),
                request.batchLength());
        }
        if (acks == 0 && validAcks) {
            final short error = delayed.firstError();
            delayedProduces.discard(delayed);
            if (error != ErrorCode.NONE) {
                // No response tells an acks=0 producer that a batch failed, so Kafka closes its connection instead
                // (KafkaApis.handleProduceRequest): the producer sees the disconnect and refreshes its metadata.
                acksZeroFailures++;
                endpoint.disconnect(request.source(), "broker " + id + " failed a batch of its acks=0 Produce "
                    + "request with " + ErrorCode.name(error));
            }
        } else {
            delayedProduces.park(delayed);
        }
        fetchServer.serveArrivals();
    }

    private void appendToLeader(final DelayedProduce delayed, final short acks, final boolean stamps,
                                final int partition, final DirectBuffer buffer, final int offset, final int length) {
        if (partition < 0 || partition >= replicas.length) {
            delayed.addDone(partition, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, -1);
            return;
        }
        final PartitionReplica replica = replicas[partition];
        if (replica == null || !replica.isLeader()) {
            delayed.addDone(partition, ErrorCode.NOT_LEADER_OR_FOLLOWER, -1);
            return;
        }
        final short invalid = validator.validate(buffer, offset, length);
        if (invalid != ErrorCode.NONE) {
            delayed.addDone(partition, invalid, -1);
            return;
        }
        final ReplicaSet replicaSet = replica.replicaSet();
        if (acks == -1 && replicaSet.isrBelowMin()) {
            delayed.addDone(partition, ErrorCode.NOT_ENOUGH_REPLICAS, -1);
            return;
        }
        final RecordBatchReader batch = validator.batch();
        final long producerId = batch.producerId();
        final short epoch = batch.producerEpoch();
        final int firstSequence = batch.baseSequence();
        final int lastSequence = batch.lastSequence();
        final int lastOffsetDelta = batch.lastOffsetDelta();
        final long maxTimestamp = batch.maxTimestamp();
        final boolean idempotent = producerId != RecordBatchLayout.NO_PRODUCER_ID;
        if (idempotent) {
            final short state = replica.producers().check(producerId, epoch, firstSequence, lastSequence);
            if (state == ErrorCode.DUPLICATE_SEQUENCE_NUMBER) {
                // Kafka answers a retried batch with the original's offsets and acknowledges it as acks asks, like
                // any append: under acks=all the original may still be on this leader alone, so the retry waits
                // in purgatory until the high watermark passes the original's last offset.
                duplicateBatches++;
                acknowledge(delayed, acks, partition, replica.producers().duplicateFirstOffset(),
                    replica.producers().duplicateLastOffset(), stamps ? clock.nanoTime() : ProduceResponse.NO_TIME);
                return;
            }
            if (state != ErrorCode.NONE) {
                delayed.addDone(partition, state, -1);
                return;
            }
        }
        final PartitionLog log = replica.log();
        final long logEndBefore = log.logEndOffset();
        // appendAsLeader gives the batch the log end offset; set here too for the failed flush below.
        long baseOffset = logEndBefore;
        short storageError = ErrorCode.NONE;
        try {
            baseOffset = log.appendAsLeader(buffer, offset, length, replica.leaderEpoch());
        } catch (final LogAppendException e) {
            // Refused before anything was written.
            delayed.addDone(partition, ErrorCode.KAFKA_STORAGE_ERROR, -1);
            return;
        } catch (final UncheckedIOException e) {
            if (log.logEndOffset() == logEndBefore) {
                // Failed before the batch was written (a segment roll): nothing to remember.
                LOGGER.log(Level.WARNING, "Broker " + id + ": append to partition " + partition + " failed", e);
                delayed.addDone(partition, ErrorCode.KAFKA_STORAGE_ERROR, -1);
                return;
            }
            // The batch is in the log and the log end offset moved past it, but the flush that flush.messages or
            // flush.ms asked for failed. Kafka updates producer state before that flush and answers
            // KAFKA_STORAGE_ERROR (taking the log dir offline, which ackbench does not model): the batch counts
            // as appended, so the producer's retry is found a duplicate instead of being appended a second time.
            LOGGER.log(Level.WARNING, "Broker " + id + ": flush after an append to partition " + partition
                + " failed; the batch at " + logEndBefore + " stays in the log", e);
            storageError = ErrorCode.KAFKA_STORAGE_ERROR;
        }
        appendedBatches++;
        final long appendedNanos = stamps ? clock.nanoTime() : ProduceResponse.NO_TIME;
        final long lastOffset = baseOffset + lastOffsetDelta;
        if (idempotent) {
            replica.producers().onAppended(producerId, epoch, firstSequence, lastSequence, baseOffset, lastOffset,
                maxTimestamp);
        }
        if (replicaSet.onLeaderAppend(log.logEndOffset())) {
            highWatermarkMoved(partition); // an ISR of the leader alone
        }
        fetchServer.onAppend(partition);
        if (storageError != ErrorCode.NONE) {
            delayed.addDone(partition, storageError, -1);
            return;
        }
        acknowledge(delayed, acks, partition, baseOffset, lastOffset, appendedNanos);
    }

    /**
     * A batch in the log at [baseOffset, lastOffset] since {@code appendedNanos}: acks=all waits for the high
     * watermark to pass it.
     */
    private static void acknowledge(final DelayedProduce delayed, final short acks, final int partition,
                                    final long baseOffset, final long lastOffset, final long appendedNanos) {
        if (acks == -1) {
            delayed.addPending(partition, baseOffset, lastOffset + 1, appendedNanos);
        } else {
            delayed.addDone(partition, ErrorCode.NONE, baseOffset, appendedNanos);
        }
    }

    /**
     * The leader's high watermark of {@code partition} moved: parked acks=all requests and consumer fetches it
     * completes are answered. Every move but a follower's fetch (which {@link FetchServer} handles) comes here.
     */
    private void highWatermarkMoved(final int partition) {
        delayedProduces.onHighWatermark(partition);
        fetchServer.onHighWatermark(partition);
    }

    private void shrinkIsr() {
        for (final PartitionReplica replica : replicas) {
            if (replica != null && replica.isLeader()) {
                replica.replicaSet().maybeShrinkIsr(nowMs, replica.log().logEndOffset());
            }
        }
    }

    /**
     * Sends each leader's new ISR proposal to the controller or, without one, commits it at once in the next
     * partition epoch. A boolean per hosted partition per cycle when there is none.
     */
    private int sendIsrProposals() {
        int sent = 0;
        for (final PartitionReplica replica : replicas) {
            final ReplicaSet set = replica == null ? null : replica.replicaSet();
            if (set == null || !set.hasUnsentProposal()) {
                continue;
            }
            final int[] proposal = set.takeProposal();
            if (controller != null) {
                controller.alterPartition(replica.partition(), replica.leaderEpoch(), set.partitionEpoch(), proposal,
                    nowMs);
            } else if (set.applyCommitted(proposal, set.partitionEpoch() + 1)) {
                highWatermarkMoved(replica.partition());
            }
            sent++;
        }
        return sent;
    }

    /**
     * The controller's word on a partition: remembered for Metadata answers, and, where this broker hosts the
     * partition, applied as Kafka's {@code ReplicaManager.applyDelta} does: a newer leader epoch makes this broker
     * lead it (from its log end) or follow the named leader (truncating first if it diverged, through the fetch), or
     * with no leader fetch from nobody; a newer partition epoch in the epoch this broker leads installs the committed
     * ISR. Anything older is stale and ignored. Cold path.
     */
    private void onLeaderAndIsr(final DirectBuffer buffer, final int offset, final int length) {
        LeaderAndIsr.check(buffer, offset, length);
        if (controller == null || !controller.isForThisIncarnation(LeaderAndIsr.brokerIncarnation(buffer, offset))) {
            return; // for an earlier run of this broker, or from a controller a static broker does not have
        }
        final int partition = LeaderAndIsr.partition(buffer, offset);
        if (partition < 0 || partition >= replicas.length) {
            throw new MalformedFrameException("LeaderAndIsr for partition " + partition + " of " + replicas.length);
        }
        final int leader = LeaderAndIsr.leader(buffer, offset);
        final int leaderEpoch = LeaderAndIsr.leaderEpoch(buffer, offset);
        final int partitionEpoch = LeaderAndIsr.partitionEpoch(buffer, offset);
        if (leaderEpoch > view.leaderEpoch(partition)
            || leaderEpoch == view.leaderEpoch(partition) && leader != view.leader(partition)) {
            if (leader != TopicLayout.NO_LEADER && !isReplica(partition, leader)) {
                throw new MalformedFrameException("LeaderAndIsr names broker " + leader + " to lead partition "
                    + partition + ", whose replicas are " + Arrays.toString(layout.replicas(partition)));
            }
            view = view.withLeader(partition, leader, leaderEpoch);
        }
        final PartitionReplica replica = replicas[partition];
        if (replica == null) {
            return;
        }
        if (leaderEpoch > replica.leaderEpoch()) {
            apply(leader == id
                ? RoleChange.lead(partition, leaderEpoch, LeaderAndIsr.isr(buffer, offset), partitionEpoch)
                : RoleChange.follow(partition, leader, leaderEpoch));
        } else if (leaderEpoch == replica.leaderEpoch() && replica.isLeader()
            && partitionEpoch > replica.replicaSet().partitionEpoch()) {
            if (replica.replicaSet().applyCommitted(LeaderAndIsr.isr(buffer, offset), partitionEpoch)) {
                highWatermarkMoved(partition);
            }
        }
    }

    /** Fault: stop fetching as a follower; leading and everything else go on. */
    public void pauseFetching() {
        fetcher.pause();
        wakeUp();
    }

    public void resumeFetching() {
        fetcher.resume();
        wakeUp();
    }

    /** Fault: the broker stops answering anything and drops what it receives, as if its process had died. */
    public void stop() {
        stopped = true;
        wakeUp();
    }

    /** Brings a stopped broker back; its logs kept everything it had appended. */
    public void restart() {
        restartRequested = true;
        stopped = false;
        wakeUp();
    }

    /**
     * After work handed over from another thread: a broker thread asleep in its selector ({@link SelectIdleStrategy})
     * runs a duty cycle now rather than at the end of its sleep. Cold paths only; nothing to do without TCP.
     */
    private void wakeUp() {
        if (tcpEndpoint != null) {
            tcpEndpoint.wakeup();
        }
    }

    /** This broker's endpoint if it is TCP, else null: for the thread that runs it to sleep in its selector. */
    TcpEndpoint tcpEndpoint() {
        return tcpEndpoint;
    }

    /** The ISR size of a partition this broker leads, else -1. Any thread may call it. */
    public int isrSize(final int partition) {
        final PartitionReplica replica = replicas[partition];
        final ReplicaSet set = replica == null ? null : replica.replicaSetAcquire();
        return set != null ? set.isrSize() : -1;
    }

    /** Whether {@code brokerId} is in the ISR of a partition this broker leads. Any thread may call it. */
    public boolean inIsr(final int partition, final int brokerId) {
        final PartitionReplica replica = replicas[partition];
        final ReplicaSet set = replica == null ? null : replica.replicaSetAcquire();
        return set != null && set.inIsr(brokerId);
    }

    /**
     * The leader epoch of this broker's role for {@code partition} (-1 if it does not host it). Any thread: an
     * acquire load of a field the broker's thread writes with release stores, as a role change is applied.
     */
    public int leaderEpoch(final int partition) {
        final PartitionReplica replica = replicas[partition];
        return replica == null ? -1 : replica.leaderEpochAcquire();
    }

    /** Whether this broker leads {@code partition} now. Any thread, with {@link #isrSize}'s ordering. */
    public boolean isLeader(final int partition) {
        final PartitionReplica replica = replicas[partition];
        return replica != null && replica.replicaSetAcquire() != null;
    }

    public int id() {
        return id;
    }

    /**
     * When this broker's latest duty cycle began, in ms of its clock: its heartbeat, stamped at the start of every
     * cycle while it runs (a stopped broker's stays put). Any thread: an ordered write read with a volatile read, so
     * a thread that reads a stamp also sees everything this broker did in the cycles before. For tests that wait
     * until a cycle has begun after some moment.
     */
    public long heartbeatMs() {
        return liveness.heartbeatMs(id);
    }

    /**
     * Whether this broker, following partitions of {@code leader}, has a fetch to it not yet answered. Any thread,
     * with the ordering of {@link ReplicaFetcher#awaitingResponse}: an opaque read, ordering nothing else. For tests.
     */
    public boolean awaitingFetchResponse(final int leader) {
        return fetcher.awaitingResponse(leader);
    }

    public long malformedFrames() {
        return malformedFrames;
    }

    public long appendedBatches() {
        return appendedBatches;
    }

    public long duplicateBatches() {
        return duplicateBatches;
    }

    /**
     * How many times a follower's fetched data for a partition failed the CRC check and was not appended
     * ({@link BrokerConfig#REPLICA_VERIFY_CRC}). Read as the other counters are.
     */
    public long corruptFetches() {
        return fetcher.corruptFetches();
    }

    /** acks=0 Produce requests with a failed batch, whose connections were therefore closed. */
    public long acksZeroFailures() {
        return acksZeroFailures;
    }

    /** Makes {@link #onClose()} release the logs without flushing or trimming them: for data about to be deleted. */
    void discardLogsOnClose() {
        discardOnClose = true;
    }

    @Override
    public void onClose() {
        if (!discardOnClose) {
            // Kafka's clean shutdown: the logs are flushed, then both checkpoints written (the recovery points are
            // then the log ends), then the logs closed.
            for (final PartitionReplica replica : replicas) {
                if (replica != null) {
                    try {
                        replica.log().flush();
                    } catch (final RuntimeException e) {
                        // A log a failed truncation closed, or a failing disk: its recovery point stays as it was.
                        LOGGER.log(Level.WARNING, "Broker " + id + ": cannot flush partition "
                            + replica.partition() + " at shutdown", e);
                    }
                }
            }
            checkpoint(true);
            checkpoint(false);
        }
        checkpoints.close();
        for (final PartitionReplica replica : replicas) {
            if (replica != null) {
                if (discardOnClose) {
                    replica.log().closeUnclean();
                } else {
                    replica.log().close();
                }
            }
        }
    }

    @Override
    public String roleName() {
        return "broker-" + id;
    }
}
