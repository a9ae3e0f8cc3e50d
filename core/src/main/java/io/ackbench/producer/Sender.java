package io.ackbench.producer;

import io.ackbench.record.Crc32c;
import io.ackbench.record.RecordBatchLayout;
import io.ackbench.transport.Endpoint;
import io.ackbench.transport.ErrorCode;
import io.ackbench.transport.ErrorResponse;
import io.ackbench.transport.ExponentialBackoff;
import io.ackbench.transport.FrameHandler;
import io.ackbench.transport.FrameHeader;
import io.ackbench.transport.InitProducerId;
import io.ackbench.transport.MalformedFrameException;
import io.ackbench.transport.Metadata;
import io.ackbench.transport.ProduceRequest;
import io.ackbench.transport.ProduceResponse;
import io.ackbench.transport.TopicLayout;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

/**
 * Kafka's Sender (kafka-semantics.md §3.3-3.5, §5): drains ready batches from the accumulator, groups them by leader
 * into Produce requests of at most one batch per partition and max.request.size bytes, keeps at most
 * max.in.flight.requests.per.connection requests in flight per broker, and completes every record through a
 * {@link DeliveryListener} with its offset or its error. Retriable errors and request timeouts send the same batch
 * again, with the same producer id, epoch and sequence, after retry.backoff.ms; for an idempotent producer a retry
 * waits until it is the partition's only batch in flight, so retries reach the broker in sequence order. A partition
 * whose sequence can no longer be resolved starts over under a locally bumped epoch (KIP-360). A metadata
 * error, a disconnect or a request timeout makes it ask a broker where the leaders are now ({@link MetadataRefresh}),
 * and retries go to the leaders the answer names. A partition the answer gives no leader (an election pending) sends
 * nothing: its batches wait, and expire at delivery.timeout.ms as anywhere else, and while any of them waits the
 * sender keeps asking, every retry.backoff.ms. Runs as an Agrona {@link Agent} on one thread and allocates nothing
 * once warm, except when an answer moves a leader (the new layout and the brokers' partition lists).
 */
final class Sender implements Agent, ReadyBatchHandler, ExpiredBatchHandler {
    private static final int FRAMES_PER_CYCLE = 64;
    private static final long NO_REQUEST = -1;
    /** Why the sender closes a connection on a request timeout; a constant, so closing allocates nothing here. */
    private static final String REQUEST_TIMEOUT_REASON = "no answer within request.timeout.ms";
    /** Request slots created up front per broker; a larger max.in.flight grows them when that many are in flight. */
    private static final int PREALLOCATED_REQUESTS = 1024;

    private final ProducerConfig config;
    private final RecordAccumulator accumulator;
    /** The leaders the sender sends to; replaced by an answer that changes a leader or leader epoch. Sender thread only. */
    private TopicLayout layout;
    private final MetadataRefresh metadata;
    private final Endpoint endpoint;
    private final DeliveryListener listener;
    /** Told of each acknowledged batch's stage times, or null: then no stage stamp is taken. */
    private final BatchStageListener stageListener;
    private final ProducerBatchStages stageView = new ProducerBatchStages();
    private final NanoClock clock;
    private final IdempotentSequencer sequencer;
    private final short acks;
    private final int maxInFlight;
    private final long requestTimeoutNanos;
    private final long deliveryTimeoutNanos;
    private final int maxRequestBytes;
    private final ExponentialBackoff backoff;

    /** One request buffer per broker, so a request a full connection refused can wait while others go out. */
    private final UnsafeBuffer[] requestBuffers;
    /** Per broker: the length of the request built and not yet accepted by its connection, else 0. */
    private final int[] unsentLength;
    private final InFlightRequest[] unsentRequest;
    private final ProduceRequest request = new ProduceRequest();
    private final ProduceResponse response = new ProduceResponse();
    /** Rewrites the CRC of batches whose partition starts its sequences over (KIP-360). */
    private final Crc32c crc = new Crc32c();
    private final FrameHandler onFrame = this::onFrame;

    /** Per broker: the partitions it leads, and where the next request starts among them (no starvation). */
    private final int[][] partitionsOf;
    /** The partitions the layout gives no leader, which no broker's list holds. Sender thread only. */
    private int[] leaderless;
    private final int[] drainStart;
    /** Per broker: requests in flight, oldest first, and a pool of free ones. */
    private final InFlightRequest[][] inFlight;
    private final int[] inFlightCount;
    private final InFlightRequest[][] freeRequests;
    private final int[] freeCount;
    /** Per partition: the batch drained and waiting for a request, the retries, and how many batches are in flight. */
    private final ProducerBatch[] staged;
    private final RetryQueue[] retries;
    private final int[] partitionInFlight;

    private int nextCorrelationId;
    private long initProducerIdSentNanos = NO_REQUEST;
    /** Per broker, the endpoint's connection-loss count as of the last cycle. */
    private final long[] seenConnectionLosses;
    /** The broker the InitProducerId in flight went to: any broker answers it, from its controller's id blocks. */
    private int initProducerIdBroker;
    /** No InitProducerId goes out before this: retry.backoff.ms after a refusal. */
    private long initProducerIdRetryAtNanos;
    private int initProducerIdCorrelation;

    Sender(final ProducerConfig config, final RecordAccumulator accumulator, final TopicLayout layout,
           final Endpoint endpoint, final DeliveryListener listener, final IdempotentSequencer sequencer,
           final NanoClock clock) {
        this(config, accumulator, layout, endpoint, listener, sequencer, clock, null);
    }

    /** @param stageListener told of each acknowledged batch's stage times, or null to take no stage stamps */
    Sender(final ProducerConfig config, final RecordAccumulator accumulator, final TopicLayout layout,
           final Endpoint endpoint, final DeliveryListener listener, final IdempotentSequencer sequencer,
           final NanoClock clock, final BatchStageListener stageListener) {
        this.config = config;
        this.stageListener = stageListener;
        this.accumulator = accumulator;
        this.layout = layout;
        this.metadata = new MetadataRefresh(config, endpoint, layout, clock.nanoTime());
        this.endpoint = endpoint;
        this.listener = listener;
        this.clock = clock;
        this.sequencer = sequencer;
        this.acks = config.acks().wireValue();
        this.maxInFlight = config.maxInFlightRequestsPerConnection();
        this.requestTimeoutNanos = config.requestTimeoutMs() * 1_000_000L;
        this.deliveryTimeoutNanos = config.deliveryTimeoutMs() * 1_000_000L;
        this.maxRequestBytes = Math.min(endpoint.maxFrameLength(), config.maxRequestSize() + ProduceRequest.ENTRIES_OFFSET
            + layout.partitionCount() * ProduceRequest.ENTRY_HEADER_LENGTH);
        this.backoff = new ExponentialBackoff(config.retryBackoffMs(), config.retryBackoffMaxMs(), endpoint.nodeId() + 1L);

        final int brokers = layout.brokerCount();
        final int partitions = layout.partitionCount();
        this.partitionsOf = new int[brokers][];
        assignPartitions(layout);
        this.drainStart = new int[brokers];
        this.seenConnectionLosses = new long[brokers];
        this.requestBuffers = new UnsafeBuffer[brokers];
        for (int b = 0; b < brokers; b++) {
            requestBuffers[b] = new UnsafeBuffer(BufferUtil.allocateDirectAligned(maxRequestBytes, 64));
        }
        this.unsentLength = new int[brokers];
        this.unsentRequest = new InFlightRequest[brokers];
        final int slots = Math.min(maxInFlight, PREALLOCATED_REQUESTS);
        this.inFlight = new InFlightRequest[brokers][slots];
        this.inFlightCount = new int[brokers];
        this.freeRequests = new InFlightRequest[brokers][slots];
        this.freeCount = new int[brokers];
        for (int b = 0; b < brokers; b++) {
            for (int i = 0; i < slots; i++) {
                // Room for every partition: a broker may come to lead any of them after a leader change.
                freeRequests[b][i] = new InFlightRequest(partitions);
            }
            freeCount[b] = slots;
        }
        this.staged = new ProducerBatch[partitions];
        this.retries = new RetryQueue[partitions];
        for (int p = 0; p < partitions; p++) {
            retries[p] = new RetryQueue();
        }
        this.partitionInFlight = new int[partitions];
    }

    @Override
    public int doWork() {
        final long now = clock.nanoTime();
        int work = endpoint.poll(onFrame, FRAMES_PER_CYCLE);
        work += failLostConnections(now);
        // Before anything may wait on the brokers: with none reachable, not even a producer id, batches still expire.
        work += expireBatches(now);
        if (sequencer != null && !sequencer.hasProducerId()) {
            return work + requestProducerId(now);
        }
        work += expireRequests(now);
        if (sequencer != null && sequencer.hasMarkedPartitions()) {
            work += restartSequences();
            if (!sequencer.hasProducerId()) {
                return work; // The epoch ran out; the next cycle asks for a new producer id.
            }
        }
        // Draining first lets a leaderless partition's waiting batch ask for metadata in this very cycle.
        work += accumulator.drain(now, this);
        if (leaderless.length > 0) {
            requestLeadersForWaitingBatches();
        }
        if (metadata.maybeSend(now, nextCorrelationId + 1)) {
            nextCorrelationId++;
            work++;
        }
        for (int broker = 0; broker < partitionsOf.length; broker++) {
            if (endpoint.isBackingOff(broker)) {
                continue; // Kafka's client counts such a node as not ready: its batches wait, or move with metadata
            }
            // A request the connection refused goes first; while it waits, nothing else goes to that broker.
            while ((unsentLength[broker] == 0 || transmit(broker, now))
                && inFlightCount[broker] < maxInFlight && buildRequest(broker, now)) {
                work++;
            }
        }
        return work;
    }

    // ---- draining: which partitions may take a batch now ----

    @Override
    public boolean canAccept(final int partition) {
        if (!layout.hasLeader(partition)) {
            // Asked only for a partition with a batch waiting: as Kafka's ready check does for an unknown leader,
            // ask where it is, and leave the batch where it is.
            metadata.requestUpdate();
            return false;
        }
        if (staged[partition] != null || !retries[partition].isEmpty()) {
            return false;
        }
        if (maxInFlight == 1 && partitionInFlight[partition] > 0) {
            return false; // Kafka mutes a partition with a batch in flight when order must be kept this way.
        }
        if (sequencer != null && (sequencer.isMarked(partition)
            || sequencer.isStale(partition) && partitionInFlight[partition] > 0)) {
            // Kafka's shouldStopDrainBatchesForPartition: no new batch while the partition's sequence is unresolved,
            // nor under a new epoch while batches of the old one are in flight (kafka-semantics.md §3.4).
            return false;
        }
        final int leader = layout.leader(partition);
        return inFlightCount[leader] < maxInFlight && !endpoint.isBackingOff(leader);
    }

    /**
     * A connection to a broker closed or could not be opened since the last cycle: as Kafka's client on a disconnect,
     * everything in flight there fails with NETWORK_EXCEPTION, to be retried, and the leaders are asked for again.
     * Without this a request to a dead broker would wait out request.timeout.ms.
     */
    private int failLostConnections(final long now) {
        int lost = 0;
        for (int broker = 0; broker < seenConnectionLosses.length; broker++) {
            final long losses = endpoint.connectionLosses(broker);
            if (losses != seenConnectionLosses[broker]) {
                seenConnectionLosses[broker] = losses;
                disconnect(broker, ErrorCode.NETWORK_EXCEPTION, now);
                lost++;
            }
        }
        return lost;
    }

    @Override
    public void onReady(final ProducerBatch batch) {
        if (stageListener != null) {
            batch.drainedNanos = clock.nanoTime();
        }
        staged[batch.partition()] = batch;
    }

    // ---- sending ----

    /**
     * Builds one request to {@code broker} from its partitions' retries and staged batches and tries to send it.
     * Returns whether a request was built.
     */
    private boolean buildRequest(final int broker, final long now) {
        final int[] partitions = partitionsOf[broker];
        if (partitions.length == 0) {
            return false;
        }
        final int correlationId = ++nextCorrelationId;
        request.wrapForEncode(requestBuffers[broker], 0, maxRequestBytes, correlationId, endpoint.nodeId(), acks,
            config.requestTimeoutMs());
        if (freeCount[broker] == 0) {
            addRequestSlots(broker);
        }
        final InFlightRequest inFlightRequest = freeRequests[broker][freeCount[broker] - 1];
        inFlightRequest.clear();
        final int start = drainStart[broker];
        for (int i = 0; i < partitions.length; i++) {
            final int partition = partitions[(start + i) % partitions.length];
            final ProducerBatch batch = nextBatch(partition, now);
            if (batch == null) {
                continue;
            }
            final boolean first = inFlightRequest.batchCount == 0;
            if (!first && (request.encodedLength() + ProduceRequest.ENTRY_HEADER_LENGTH + batch.sizeInBytes()
                > config.maxRequestSize() || !request.hasRoomFor(batch.sizeInBytes()))) {
                drainStart[broker] = (start + i) % partitions.length;
                break; // It goes in the next request.
            }
            takeBatch(partition, batch);
            request.addBatch(partition, batch.buffer(), 0, batch.sizeInBytes());
            inFlightRequest.batches[inFlightRequest.batchCount++] = batch;
        }
        if (inFlightRequest.batchCount == 0) {
            return false;
        }
        drainStart[broker] = (drainStart[broker] + 1) % partitions.length;
        freeCount[broker]--;
        inFlightRequest.correlationId = correlationId;
        unsentRequest[broker] = inFlightRequest;
        unsentLength[broker] = request.encodedLength();
        transmit(broker, now);
        return true;
    }

    /**
     * Offers the broker's built request to its connection. When the connection is full it stays built, and the
     * sender goes back to its duty cycle (and so to its idle strategy) instead of spinning on a core the brokers
     * need. Returns whether it was accepted.
     */
    private boolean transmit(final int broker, final long now) {
        // Stamped before the write: over TCP the leader may read the request before send returns here.
        final long writtenNanos = stageListener != null ? clock.nanoTime() : 0;
        if (!endpoint.send(broker, requestBuffers[broker], 0, unsentLength[broker])) {
            return false;
        }
        final InFlightRequest sent = unsentRequest[broker];
        unsentRequest[broker] = null;
        unsentLength[broker] = 0;
        if (stageListener != null) {
            for (int i = 0; i < sent.batchCount; i++) {
                final ProducerBatch batch = sent.batches[i];
                batch.requestWrittenNanos = writtenNanos;
                // No answer yet for this attempt: an earlier attempt's leader times must not be taken for its own.
                batch.leaderReadNanos = BatchStages.NO_TIME;
            }
        }
        if (acks == 0) {
            // Fire and forget: done once written, with no offset (kafka-semantics.md §3.5).
            for (int i = 0; i < sent.batchCount; i++) {
                final ProducerBatch batch = sent.batches[i];
                partitionInFlight[batch.partition()]--;
                succeed(batch, -1);
            }
            release(broker, sent);
            return true;
        }
        sent.sentNanos = now;
        inFlight[broker][inFlightCount[broker]++] = sent;
        return true;
    }

    /** The partition's next batch to send: a due retry first (it keeps its place in the sequence), else the staged one. */
    private ProducerBatch nextBatch(final int partition, final long now) {
        final RetryQueue queue = retries[partition];
        if (!queue.isEmpty()) {
            final ProducerBatch retry = queue.peek();
            if (now - retry.retryAtNanos < 0) {
                return null;
            }
            if (sequencer != null && partitionInFlight[partition] > 0) {
                return null; // Only the lowest sequence in flight may be re-sent (kafka-semantics.md §3.4).
            }
            if (sequencer != null && sequencer.isRestartRequired(partition)) {
                return null; // It is about to get a new epoch and sequence.
            }
            if (maxInFlight == 1 && partitionInFlight[partition] > 0) {
                return null;
            }
            return retry;
        }
        return staged[partition];
    }

    private void takeBatch(final int partition, final ProducerBatch batch) {
        if (staged[partition] == batch) {
            staged[partition] = null;
        } else {
            retries[partition].poll();
        }
        partitionInFlight[partition]++;
    }

    // ---- responses ----

    private void onFrame(final DirectBuffer buffer, final int offset, final int length) {
        try {
            if (length < FrameHeader.LENGTH) {
                throw new MalformedFrameException("Frame of " + length + " bytes is shorter than its header");
            }
            final short type = FrameHeader.type(buffer, offset);
            if (type == FrameHeader.PRODUCE_RESPONSE) {
                onProduceResponse(FrameHeader.source(buffer, offset), response.wrapForDecode(buffer, offset, length));
            } else if (type == FrameHeader.METADATA_RESPONSE) {
                onMetadataResponse(buffer, offset, length);
            } else if (type == FrameHeader.INIT_PRODUCER_ID_RESPONSE) {
                onInitProducerIdResponse(buffer, offset, length);
            } else if (type == FrameHeader.ERROR_RESPONSE) {
                onErrorResponse(buffer, offset, length);
            } else {
                throw new MalformedFrameException("Unexpected frame type " + type + " at a producer");
            }
        } catch (final MalformedFrameException e) {
            System.getLogger(Sender.class.getName()).log(System.Logger.Level.WARNING,
                "Producer dropped a malformed frame: " + e.getMessage());
        }
    }

    /**
     * The broker refused a request whole and is closing the connection: like a disconnect, everything in flight to
     * it fails and is retried on a new connection. This producer speaks the broker's one version, so only a broker
     * of another build or a corrupted frame gets here; the log says which request and why.
     */
    private void onErrorResponse(final DirectBuffer buffer, final int offset, final int length) {
        ErrorResponse.check(length);
        System.getLogger(Sender.class.getName()).log(System.Logger.Level.WARNING,
            "Producer's request refused: " + ErrorResponse.describe(buffer, offset));
        final int broker = FrameHeader.source(buffer, offset);
        if (broker >= 0 && broker < inFlight.length) {
            disconnect(broker, ErrorCode.NETWORK_EXCEPTION, clock.nanoTime());
        }
    }

    private void onProduceResponse(final int broker, final ProduceResponse produceResponse) {
        if (broker < 0 || broker >= inFlight.length) {
            return;
        }
        final int slot = findInFlight(broker, produceResponse.correlationId());
        if (slot < 0) {
            return; // The request already timed out and its batches were dealt with.
        }
        final long now = clock.nanoTime();
        if (slot > 0) {
            // A connection answers in order, so an older request's answer was lost: over TCP that means the
            // connection broke and every answer after it is lost too. Treat it so, as Kafka's client treats a
            // disconnect: every request in flight fails and is retried. This keeps an idempotent retry among the
            // broker's last five batches of its partition, since at most max.in.flight requests follow it.
            disconnect(broker, ErrorCode.NETWORK_EXCEPTION, now);
            return;
        }
        final InFlightRequest answered = removeInFlight(broker, 0);
        for (int i = 0; i < produceResponse.entryCount(); i++) {
            final short error = produceResponse.errorCode(i);
            if (MetadataRefresh.isMetadataError(error)) {
                metadata.onBrokerFailed(broker, now); // Kafka: an InvalidMetadataException asks for new metadata.
            }
            final ProducerBatch batch = answered.batchOf(produceResponse.partition(i));
            if (batch != null) {
                if (stageListener != null) {
                    batch.leaderReadNanos = produceResponse.leaderReadNanos();
                    batch.leaderAppendedNanos = produceResponse.appendedNanos(i);
                    batch.leaderCommittedNanos = produceResponse.committedNanos(i);
                    batch.responseWrittenNanos = produceResponse.writtenNanos();
                }
                complete(batch, error, produceResponse.baseOffset(i), now);
            }
        }
        // A batch the response did not mention is treated as lost in transit.
        for (int i = 0; i < answered.batchCount; i++) {
            final ProducerBatch batch = answered.batches[i];
            if (batch != null) {
                complete(batch, ErrorCode.NETWORK_EXCEPTION, -1, now);
            }
        }
        release(broker, answered);
    }

    private int expireRequests(final long now) {
        int expired = 0;
        for (int broker = 0; broker < inFlight.length; broker++) {
            // Requests are in send order per broker, so only the oldest can be overdue first.
            if (inFlightCount[broker] > 0 && now - inFlight[broker][0].sentNanos >= requestTimeoutNanos) {
                // Kafka's client closes the connection on a request timeout, failing all that was in flight on it:
                // an answer may still be on its way, but nothing says the connection is alive. The next request
                // opens a new one.
                expired += inFlightCount[broker];
                endpoint.disconnect(broker, REQUEST_TIMEOUT_REASON);
                disconnect(broker, ErrorCode.REQUEST_TIMED_OUT, now);
            }
        }
        return expired;
    }

    // ---- delivery.timeout.ms: wherever a batch waits ----

    /**
     * Fails, with Kafka's TimeoutException (REQUEST_TIMED_OUT), every batch for which delivery.timeout.ms has passed
     * since it was opened, wherever it is: in the accumulator, staged, waiting to be retried, in a request its
     * connection has not taken yet, or in flight (kafka-semantics.md §3.5). An in-flight batch is dropped from its
     * request, so the request's answer, when it comes, finds no batch to complete. Returns how many expired.
     */
    private int expireBatches(final long now) {
        int expired = accumulator.expire(now, this);
        for (int partition = 0; partition < staged.length; partition++) {
            final ProducerBatch batch = staged[partition];
            if (batch != null && batch.hasExpired(now, deliveryTimeoutNanos)) {
                staged[partition] = null;
                fail(batch, ErrorCode.REQUEST_TIMED_OUT);
                expired++;
            }
            final RetryQueue queue = retries[partition];
            for (int i = 0; i < queue.size(); ) {
                if (queue.get(i).hasExpired(now, deliveryTimeoutNanos)) {
                    fail(queue.removeAt(i), ErrorCode.REQUEST_TIMED_OUT);
                    expired++;
                } else {
                    i++;
                }
            }
        }
        for (int broker = 0; broker < inFlight.length; broker++) {
            expired += expireUnsent(broker, now) + expireInFlight(broker, now);
        }
        return expired;
    }

    /** Kafka's expiredBatches: the accumulator's batches are failed and released like any other. */
    @Override
    public void onExpired(final ProducerBatch batch) {
        fail(batch, ErrorCode.REQUEST_TIMED_OUT);
    }

    /**
     * A request built for {@code broker} that its connection has not taken yet (none, or a full one) and that holds
     * an expired batch: its bytes can no longer go out, so it is dropped. Its expired batches fail; the others go back
     * to the front of their partitions' retries, due at once and with no attempt counted, since none was made.
     */
    private int expireUnsent(final int broker, final long now) {
        final InFlightRequest unsent = unsentRequest[broker];
        if (unsent == null || !holdsExpired(unsent, now)) {
            return 0;
        }
        return returnUnsent(broker, now);
    }

    /**
     * Takes back the request built for {@code broker} and not yet taken by its connection: expired batches fail, the
     * others go back to the front of their partitions' retries, due at once and with no attempt counted, since none
     * was made. Returns how many expired.
     */
    private int returnUnsent(final int broker, final long now) {
        final InFlightRequest unsent = unsentRequest[broker];
        unsentRequest[broker] = null;
        unsentLength[broker] = 0;
        int expired = 0;
        for (int i = 0; i < unsent.batchCount; i++) {
            final ProducerBatch batch = unsent.batches[i];
            final int partition = batch.partition();
            partitionInFlight[partition]--;
            if (batch.hasExpired(now, deliveryTimeoutNanos)) {
                fail(batch, ErrorCode.REQUEST_TIMED_OUT);
                expired++;
            } else {
                batch.retryAtNanos = now;
                if (sequencer != null) {
                    retries[partition].addInOrder(batch);
                } else {
                    retries[partition].addFirst(batch); // It was ahead of every retry and of the staged batch.
                }
            }
        }
        release(broker, unsent);
        return expired;
    }

    private boolean holdsExpired(final InFlightRequest request, final long now) {
        for (int i = 0; i < request.batchCount; i++) {
            final ProducerBatch batch = request.batches[i];
            if (batch != null && batch.hasExpired(now, deliveryTimeoutNanos)) {
                return true;
            }
        }
        return false;
    }

    /** Kafka's expired in-flight batches: failed now, and taken out of their request so its answer is ignored. */
    private int expireInFlight(final int broker, final long now) {
        int expired = 0;
        for (int r = 0; r < inFlightCount[broker]; r++) {
            final InFlightRequest request = inFlight[broker][r];
            for (int i = 0; i < request.batchCount; i++) {
                final ProducerBatch batch = request.batches[i];
                if (batch != null && batch.hasExpired(now, deliveryTimeoutNanos)) {
                    request.batches[i] = null;
                    partitionInFlight[batch.partition()]--;
                    fail(batch, ErrorCode.REQUEST_TIMED_OUT);
                    expired++;
                }
            }
        }
        return expired;
    }

    /**
     * Fails every batch in flight to {@code broker} with {@code error}, oldest first, so retries keep their order. A
     * broken connection may mean a dead leader, so the leaders are asked for again (Kafka's handleServerDisconnect).
     */
    private void disconnect(final int broker, final short error, final long now) {
        metadata.onBrokerFailed(broker, now);
        while (inFlightCount[broker] > 0) {
            final InFlightRequest lost = removeInFlight(broker, 0);
            for (int i = 0; i < lost.batchCount; i++) {
                final ProducerBatch batch = lost.batches[i];
                if (batch != null) {
                    complete(batch, error, -1, now);
                }
            }
            release(broker, lost);
        }
    }

    private void complete(final ProducerBatch batch, final short error, final long baseOffset, final long now) {
        final int partition = batch.partition();
        partitionInFlight[partition]--;
        if (error == ErrorCode.NONE) {
            if (sequencer != null) {
                sequencer.onAcknowledged(batch);
            }
            succeed(batch, baseOffset);
        } else if (error == ErrorCode.DUPLICATE_SEQUENCE_NUMBER) {
            // Kafka's client takes this as success with an unknown offset (kafka-semantics.md §3.5).
            if (sequencer != null) {
                sequencer.onAcknowledged(batch);
            }
            succeed(batch, -1);
        } else if (canRetry(batch, error, now)) {
            batch.retryAtNanos = now + backoff.backoffMs(batch.attempts) * 1_000_000L;
            batch.attempts++;
            if (sequencer != null) {
                retries[partition].addInOrder(batch);
            } else {
                retries[partition].addLast(batch);
            }
        } else {
            fail(batch, error);
        }
    }

    private boolean canRetry(final ProducerBatch batch, final short error, final long now) {
        if (now - batch.createdNanos() >= deliveryTimeoutNanos || batch.attempts >= config.retries()) {
            return false;
        }
        if (ErrorCode.isRetriable(error)) {
            return true;
        }
        if (sequencer == null) {
            return false;
        }
        // An out-of-order answer for a batch that is not the next expected means an earlier one is still on its
        // way or being retried: send it again unchanged (kafka-semantics.md §5.5). For the next expected batch it is a
        // real gap, and UNKNOWN_PRODUCER_ID means the broker lost this producer: as Kafka 4.x does for a producer
        // without a transactional id, retry it, and have its partition start over under a new epoch first.
        if (error == ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER || error == ErrorCode.UNKNOWN_PRODUCER_ID) {
            if (error == ErrorCode.UNKNOWN_PRODUCER_ID || sequencer.isNextExpected(batch)) {
                sequencer.requireRestart(batch.partition());
            }
            return true;
        }
        return false;
    }

    private void succeed(final ProducerBatch batch, final long baseOffset) {
        final int partition = batch.partition();
        final long completedNanos = stageListener != null ? clock.nanoTime() : 0;
        for (int i = 0, n = batch.recordCount(); i < n; i++) {
            listener.onComplete(partition, baseOffset < 0 ? -1 : baseOffset + i, ErrorCode.NONE, batch.appendNanos(i));
        }
        if (stageListener != null) {
            stageListener.onBatch(stageView.wrap(batch, baseOffset < 0 ? -1 : baseOffset, completedNanos));
        }
        accumulator.release(batch);
    }

    private void fail(final ProducerBatch batch, final short error) {
        final int partition = batch.partition();
        if (sequencer != null && batch.baseSequence() != RecordBatchLayout.NO_SEQUENCE) {
            // The broker may or may not have written it: later sequences may now have a gap (KIP-360).
            sequencer.markUnresolved(partition);
        }
        for (int i = 0, n = batch.recordCount(); i < n; i++) {
            listener.onComplete(partition, -1, error, batch.appendNanos(i));
        }
        accumulator.release(batch);
    }

    private int findInFlight(final int broker, final int correlationId) {
        final InFlightRequest[] requests = inFlight[broker];
        for (int i = 0; i < inFlightCount[broker]; i++) {
            if (requests[i].correlationId == correlationId) {
                return i;
            }
        }
        return -1;
    }

    private InFlightRequest removeInFlight(final int broker, final int slot) {
        final InFlightRequest[] requests = inFlight[broker];
        final InFlightRequest removed = requests[slot];
        System.arraycopy(requests, slot + 1, requests, slot, inFlightCount[broker] - slot - 1);
        requests[--inFlightCount[broker]] = null;
        return removed;
    }

    private void release(final int broker, final InFlightRequest done) {
        done.clear();
        freeRequests[broker][freeCount[broker]++] = done;
    }

    /**
     * Every slot of {@code broker} holds a request in flight and max.in.flight allows more: doubles its slots, up to
     * max.in.flight. Allocates, only while a load that keeps more than {@link #PREALLOCATED_REQUESTS} in flight
     * warms up.
     */
    private void addRequestSlots(final int broker) {
        final int slots = inFlight[broker].length;
        final int grown = (int) Math.min(maxInFlight, 2L * slots);
        inFlight[broker] = Arrays.copyOf(inFlight[broker], grown);
        freeRequests[broker] = Arrays.copyOf(freeRequests[broker], grown);
        for (int i = slots; i < grown; i++) {
            freeRequests[broker][freeCount[broker]++] = new InFlightRequest(layout.partitionCount());
        }
    }

    // ---- metadata: following the leaders ----

    private void onMetadataResponse(final DirectBuffer buffer, final int offset, final int length) {
        final int broker = FrameHeader.source(buffer, offset);
        if (!metadata.isAnswer(broker, FrameHeader.correlationId(buffer, offset))) {
            return; // A late answer to a request given up on, or to the connect-time fetch.
        }
        final long now = clock.nanoTime();
        if (length < Metadata.BROKERS_OFFSET || Metadata.errorCode(buffer, offset) != ErrorCode.NONE) {
            metadata.onAnswer(now, false);
            return;
        }
        if (!MetadataRefresh.leadersDiffer(buffer, offset, length, layout)) {
            metadata.onAnswer(now, true);
            return;
        }
        final TopicLayout next;
        try {
            next = Metadata.layout(buffer, offset, length);
        } catch (final MalformedFrameException | IllegalArgumentException e) {
            metadata.onAnswer(now, false);
            throw new MalformedFrameException("Metadata answer from broker " + broker + ": " + e.getMessage());
        }
        if (next.partitionCount() != layout.partitionCount() || next.brokerCount() != layout.brokerCount()
            || !next.topic().equals(layout.topic())) {
            // The accumulator and the per-broker state are sized at connect; a resized topic or cluster needs a new
            // producer. Keep the old view and ask again after the backoff.
            metadata.onAnswer(now, false);
            System.getLogger(Sender.class.getName()).log(System.Logger.Level.WARNING, "Producer ignored metadata "
                + "from broker " + broker + ": topic '" + next.topic() + "' with " + next.partitionCount()
                + " partitions on " + next.brokerCount() + " brokers, where it connected to '" + layout.topic()
                + "' with " + layout.partitionCount() + " on " + layout.brokerCount());
            return;
        }
        metadata.onAnswer(now, true);
        applyLayout(next, now);
    }

    /**
     * Sends to the leaders {@code next} names from now on; a partition it gives no leader waits. Requests in flight
     * stay with the broker they went to; a request built for a broker and not yet taken is taken back, and a retry
     * whose partition has a new leader or leader epoch is due at once (Kafka: a leader change since the last attempt
     * cancels the backoff, kafka-semantics.md §3.3). A leaderless partition's retries are made due too; they go when
     * a leader is named.
     */
    private void applyLayout(final TopicLayout next, final long now) {
        final TopicLayout previous = layout;
        layout = next;
        assignPartitions(next);
        Arrays.fill(drainStart, 0);
        for (int partition = 0; partition < retries.length; partition++) {
            if (next.leader(partition) != previous.leader(partition)
                || next.leaderEpoch(partition) != previous.leaderEpoch(partition)) {
                final RetryQueue queue = retries[partition];
                for (int i = 0; i < queue.size(); i++) {
                    final ProducerBatch batch = queue.get(i);
                    if (batch.retryAtNanos - now > 0) {
                        batch.retryAtNanos = now;
                    }
                }
            }
        }
        for (int broker = 0; broker < unsentRequest.length; broker++) {
            if (unsentRequest[broker] != null) {
                returnUnsent(broker, now);
            }
        }
    }

    /**
     * Per broker, the partitions {@code from} says it leads, in partition order, and apart the partitions it gives no
     * leader. Allocates.
     */
    private void assignPartitions(final TopicLayout from) {
        int withoutLeader = 0;
        for (int p = 0; p < from.partitionCount(); p++) {
            withoutLeader += from.hasLeader(p) ? 0 : 1;
        }
        leaderless = new int[withoutLeader];
        for (int p = 0, i = 0; p < from.partitionCount(); p++) {
            if (!from.hasLeader(p)) {
                leaderless[i++] = p;
            }
        }
        for (int b = 0; b < partitionsOf.length; b++) {
            int count = 0;
            for (int p = 0; p < from.partitionCount(); p++) {
                count += from.leader(p) == b ? 1 : 0;
            }
            partitionsOf[b] = new int[count];
            for (int p = 0, i = 0; p < from.partitionCount(); p++) {
                if (from.leader(p) == b) {
                    partitionsOf[b][i++] = p;
                }
            }
        }
    }

    /**
     * A leaderless partition with a batch drained or waiting for a retry keeps the view stale, so it is asked for
     * again every retry.backoff.ms; batches still in the accumulator do the same through {@link #canAccept}.
     */
    private void requestLeadersForWaitingBatches() {
        for (final int partition : leaderless) {
            if (staged[partition] != null || !retries[partition].isEmpty()) {
                metadata.requestUpdate();
                return;
            }
        }
    }

    // ---- idempotence: KIP-360, starting a partition's sequences over ----

    /**
     * For each marked partition with nothing in flight: resolved after all, or it starts over, with a locally bumped
     * epoch and sequences from 0 given again, in order, to its batches waiting for a retry and to its staged batch.
     * Returns how many partitions started over.
     */
    private int restartSequences() {
        int restarted = 0;
        for (int partition = 0; partition < retries.length; partition++) {
            if (partitionInFlight[partition] > 0 || !sequencer.needsNewEpoch(partition)) {
                continue;
            }
            if (!sequencer.bumpEpoch(partition)) {
                initProducerIdSentNanos = NO_REQUEST; // Kafka's resetIdempotentProducerId: ask for a new one now.
                return restarted;
            }
            sequencer.restartSequences(partition);
            final RetryQueue queue = retries[partition];
            for (int i = 0; i < queue.size(); i++) {
                resequence(queue.get(i));
            }
            if (staged[partition] != null) {
                resequence(staged[partition]); // Drained after every batch that is now a retry.
            }
            restarted++;
        }
        return restarted;
    }

    private void resequence(final ProducerBatch batch) {
        batch.resequence(sequencer.producerId(), sequencer.producerEpoch(),
            sequencer.nextBaseSequence(batch.partition(), batch.recordCount()), crc);
    }

    // ---- idempotence: the producer id ----

    /**
     * Asks a broker for a producer id: the one that failed least recently, so not one that is down or did not
     * answer within request.timeout.ms (which then counts as its failure), and not sooner than retry.backoff.ms
     * after a refusal.
     */
    private int requestProducerId(final long now) {
        if (initProducerIdSentNanos != NO_REQUEST) {
            if (now - initProducerIdSentNanos < requestTimeoutNanos) {
                return 0;
            }
            metadata.onBrokerFailed(initProducerIdBroker, now);
            initProducerIdSentNanos = NO_REQUEST;
        }
        if (now - initProducerIdRetryAtNanos < 0) {
            return 0;
        }
        final int broker = metadata.leastRecentlyFailed();
        initProducerIdCorrelation = ++nextCorrelationId;
        final UnsafeBuffer buffer = requestBuffers[broker];
        final int length = InitProducerId.encodeRequest(buffer, 0, initProducerIdCorrelation, endpoint.nodeId());
        if (endpoint.send(broker, buffer, 0, length)) {
            initProducerIdSentNanos = now;
            initProducerIdBroker = broker;
            return 1;
        }
        return 0;
    }

    private void onInitProducerIdResponse(final DirectBuffer buffer, final int offset, final int length) {
        InitProducerId.checkResponse(length);
        if (sequencer == null || sequencer.hasProducerId()
            || FrameHeader.correlationId(buffer, offset) != initProducerIdCorrelation) {
            return;
        }
        if (InitProducerId.errorCode(buffer, offset) == ErrorCode.NONE) {
            sequencer.initialize(InitProducerId.producerId(buffer, offset), InitProducerId.producerEpoch(buffer, offset));
        } else {
            initProducerIdSentNanos = NO_REQUEST;
            initProducerIdRetryAtNanos = clock.nanoTime() + backoff.backoffMs(1) * 1_000_000L;
        }
    }

    @Override
    public String roleName() {
        return "ackbench-sender-" + endpoint.nodeId();
    }
}
