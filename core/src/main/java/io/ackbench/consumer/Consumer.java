package io.ackbench.consumer;

import io.ackbench.record.CorruptRecordBatchException;
import io.ackbench.record.RecordBatchLayout;
import io.ackbench.record.RecordBatchReader;
import io.ackbench.record.RecordCursor;
import io.ackbench.transport.Endpoint;
import io.ackbench.transport.ErrorCode;
import io.ackbench.transport.ErrorResponse;
import io.ackbench.transport.FetchRequest;
import io.ackbench.transport.FetchResponse;
import io.ackbench.transport.FrameHandler;
import io.ackbench.transport.FrameHeader;
import io.ackbench.transport.MalformedFrameException;
import io.ackbench.transport.Metadata;
import io.ackbench.transport.TopicLayout;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Map;

/**
 * Reads assigned partitions of one topic from their leaders, as Kafka's consumer does with
 * {@code isolation.level=read_uncommitted} on a topic without transactions, and hands every record once, in offset
 * order within its partition, to a {@link RecordListener}. Used by one thread, the caller's; nothing runs between
 * polls.
 *
 * <p>{@link #poll} sends one Fetch request to each leader of the assigned partitions that has none outstanding,
 * asking each partition from its position with the leader epoch this consumer knows (so a deposed leader fences it),
 * waits up to the given time for answers, and hands over what arrived. Leaders answer with whole batches below their
 * high watermark. Every batch is checked: its CRC-32C and structure (a corrupt batch throws a
 * {@link CorruptRecordBatchException} naming the partition and offset, as Kafka's consumer fails), its offsets (a batch
 * wholly below the position is skipped, and so are the records below the position in a batch), and for an
 * idempotent producer its sequences (gaps and duplicates are counted, not thrown).
 *
 * <p>Leadership: NOT_LEADER_OR_FOLLOWER, FENCED_LEADER_EPOCH, UNKNOWN_LEADER_EPOCH or UNKNOWN_TOPIC_OR_PARTITION, a
 * lost connection ({@link Endpoint#connectionLosses}) and a fetch unanswered for fetch.max.wait.ms plus
 * request.timeout.ms all make the consumer ask a broker for metadata (a cold path that allocates), and fetch from
 * the leader it names, from the same position; a partition without a leader waits for one. OFFSET_OUT_OF_RANGE below
 * the leader's high watermark means the position fell below the log start: it moves to the log start, 0 in ackbench,
 * which keeps every log whole (Kafka's {@code auto.offset.reset=earliest}). Above it (a new leader that has less, after
 * an unclean election or a truncation) the position stays, the partition is asked again after retry.backoff.ms, and
 * {@link #offsetOutOfRange()} counts it: nothing is skipped silently.
 *
 * <p>Once warm (every producer id seen, the metadata settled), a poll allocates nothing.
 */
public final class Consumer implements AutoCloseable {
    private static final System.Logger LOGGER = System.getLogger(Consumer.class.getName());
    private static final int NOT_ASSIGNED = -1;
    private static final int NO_BROKER = -1;
    private static final int FRAMES_PER_POLL = 16;
    /** ackbench keeps logs whole, so a log starts at 0: where a position below it resets to. */
    private static final long LOG_START = 0;
    /** Room for a Metadata request: its header, the topic's length and a topic of up to 255 ASCII bytes. */
    private static final int METADATA_REQUEST_CAPACITY = 512;

    private final ConsumerConfig config;
    private final Endpoint endpoint;
    private final NanoClock clock;
    private final RecordListener listener;
    private final IdleStrategy idle = new BackoffIdleStrategy(10, 5, 1_000, 1_000_000);
    private final FrameHandler onFrame = this::onFrame;
    private final FetchRequest request = new FetchRequest();
    private final FetchResponse response = new FetchResponse();
    /**
     * One reader per broker: a reader's CRC calculator keeps a view of the last direct buffer it checked and takes a
     * new one (an allocation) when the buffer changes, and each broker's answers arrive in a buffer of their own.
     */
    private final RecordBatchReader[] readers;
    private final UnsafeBuffer requestBuffer;
    private final UnsafeBuffer metadataRequest;
    private final int metadataRequestLength;
    private final long requestTimeoutNanos;
    private final long retryBackoffNanos;
    private final int partitionFetchBytes;

    /** The topic as last learnt: each partition's leader and leader epoch. Replaced by each Metadata answer. */
    private TopicLayout layout;

    // Per assigned partition, by index into partitions.
    private final int[] partitions;
    /** Partition id to index into {@link #partitions}, or {@link #NOT_ASSIGNED}. */
    private final int[] indexOf;
    private final long[] positions;
    private final long[] highWatermarks;
    private final boolean[] answered;
    /** Set when a leader refused the partition; it is not fetched until a Metadata answer arrives. */
    private final boolean[] awaitingMetadata;
    private final long[] retryAtNanos;
    private final ProducerSequences[] sequences;

    // Per broker.
    private final boolean[] inFlight;
    private final int[] inFlightCorrelationIds;
    private final long[] inFlightSentNanos;
    private final long[] seenConnectionLosses;

    private int nextCorrelationId;
    /** The assigned partition the next fetch request starts with. */
    private int fetchRotation;
    private boolean metadataStale;
    private int metadataBroker = NO_BROKER;
    private int metadataCorrelationId;
    private long metadataSentNanos;
    private long metadataLastAttemptNanos;
    /** Where the next Metadata request goes: round the brokers, starting after the one that failed last. */
    private int nextMetadataBroker;
    /** Records handed to the listener in the current poll. */
    private int delivered;
    private long offsetOutOfRange;
    private long metadataRefreshes;
    private boolean closed;

    /** A consumer of {@code partitions} from offset 0 (the log start, Kafka's earliest), with {@code settings}. */
    public static Consumer create(final Map<String, String> settings, final Endpoint endpoint,
                                  final TopicLayout layout, final int[] partitions, final RecordListener listener) {
        return new Consumer(ConsumerConfig.of(settings), endpoint, layout, partitions, null, listener,
            SystemNanoClock.INSTANCE);
    }

    /**
     * A consumer of {@code partitions} of {@code layout}'s topic through {@code endpoint} (a client node, such as
     * {@code BrokerCluster.connectClient()} gives), each from its entry in {@code startOffsets} (null: all from 0).
     * {@code layout} is where the leaders are believed to be; the consumer asks again when they refuse.
     *
     * @throws IllegalArgumentException if a partition is outside the topic or named twice, or the offsets do not
     *                                  match the partitions
     */
    public Consumer(final ConsumerConfig config, final Endpoint endpoint, final TopicLayout layout,
                    final int[] partitions, final long[] startOffsets, final RecordListener listener) {
        this(config, endpoint, layout, partitions, startOffsets, listener, SystemNanoClock.INSTANCE);
    }

    Consumer(final ConsumerConfig config, final Endpoint endpoint, final TopicLayout layout, final int[] partitions,
             final long[] startOffsets, final RecordListener listener, final NanoClock clock) {
        if (startOffsets != null && startOffsets.length != partitions.length) {
            throw new IllegalArgumentException(partitions.length + " partitions but " + startOffsets.length
                + " start offsets");
        }
        this.config = config;
        this.endpoint = endpoint;
        this.clock = clock;
        this.listener = listener;
        this.layout = layout;
        this.partitions = partitions.clone();
        this.indexOf = new int[layout.partitionCount()];
        Arrays.fill(indexOf, NOT_ASSIGNED);
        this.positions = new long[partitions.length];
        this.highWatermarks = new long[partitions.length];
        Arrays.fill(highWatermarks, -1);
        this.answered = new boolean[partitions.length];
        this.awaitingMetadata = new boolean[partitions.length];
        this.retryAtNanos = new long[partitions.length];
        this.sequences = new ProducerSequences[partitions.length];
        for (int i = 0; i < partitions.length; i++) {
            final int partition = partitions[i];
            if (partition < 0 || partition >= layout.partitionCount() || indexOf[partition] != NOT_ASSIGNED) {
                throw new IllegalArgumentException("Partition " + partition + " is outside topic '" + layout.topic()
                    + "' of " + layout.partitionCount() + " partitions, or named twice");
            }
            final long start = startOffsets == null ? LOG_START : startOffsets[i];
            if (start < 0) {
                throw new IllegalArgumentException("Start offset " + start + " of partition " + partition);
            }
            indexOf[partition] = i;
            positions[i] = start;
            sequences[i] = new ProducerSequences();
        }
        final int brokers = layout.brokerCount();
        this.inFlight = new boolean[brokers];
        this.inFlightCorrelationIds = new int[brokers];
        this.inFlightSentNanos = new long[brokers];
        this.seenConnectionLosses = new long[brokers];
        this.readers = new RecordBatchReader[brokers];
        for (int b = 0; b < brokers; b++) {
            readers[b] = new RecordBatchReader();
        }
        for (int b = 0; b < brokers; b++) {
            seenConnectionLosses[b] = endpoint.connectionLosses(b);
        }
        this.requestBuffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(
            FetchRequest.ENTRIES_OFFSET + partitions.length * FetchRequest.ENTRY_LENGTH, 64));
        this.metadataRequest = new UnsafeBuffer(BufferUtil.allocateDirectAligned(METADATA_REQUEST_CAPACITY, 64));
        this.metadataRequestLength = Metadata.encodeRequest(metadataRequest, 0, 0, endpoint.nodeId(), layout.topic());
        this.requestTimeoutNanos = (config.fetchMaxWaitMs() + (long) config.requestTimeoutMs()) * 1_000_000L;
        this.retryBackoffNanos = config.retryBackoffMs() * 1_000_000L;
        this.partitionFetchBytes = Math.min(config.maxPartitionFetchBytes(), config.fetchMaxBytes());
        this.metadataLastAttemptNanos = clock.nanoTime() - retryBackoffNanos;
    }

    /**
     * Fetches from the leaders that have no fetch outstanding, waits up to {@code maxWaitMs} for answers, and hands
     * the records that arrived to the listener; returns as soon as some did. Returns how many.
     *
     * @throws CorruptRecordBatchException if a fetched batch fails its checks; the message names partition and offset
     */
    public int poll(final long maxWaitMs) {
        if (closed) {
            throw new IllegalStateException("Consumer is closed");
        }
        delivered = 0;
        long now = clock.nanoTime();
        final long deadline = now + Math.max(0, maxWaitMs) * 1_000_000L;
        idle.reset();
        while (true) {
            int work = checkConnections(now);
            work += maybeRequestMetadata(now);
            work += sendFetches(now);
            work += endpoint.poll(onFrame, FRAMES_PER_POLL);
            now = clock.nanoTime();
            if (delivered > 0) {
                // As Kafka's consumer does, the next fetches go out before the records are returned, so the leaders
                // gather more while the caller works on these.
                sendFetches(now);
                return delivered;
            }
            if (now - deadline >= 0) {
                return 0;
            }
            idle.idle(work);
        }
    }

    /** The offset of the next record to hand over from {@code partition}. */
    public long position(final int partition) {
        return positions[index(partition)];
    }

    /** The high watermark {@code partition}'s leader last reported, or -1 before its first answer. */
    public long highWatermark(final int partition) {
        return highWatermarks[index(partition)];
    }

    /**
     * Whether every assigned partition has had an answer from its leader and its position has reached the high
     * watermark that leader last reported: with no producer left, everything committed has been read.
     */
    public boolean atEnd() {
        for (int i = 0; i < partitions.length; i++) {
            if (!answered[i] || positions[i] < highWatermarks[i]) {
                return false;
            }
        }
        return true;
    }

    /** Answers of OFFSET_OUT_OF_RANGE above a leader's high watermark: positions kept and asked for again. */
    public long offsetOutOfRange() {
        return offsetOutOfRange;
    }

    /** Idempotent batches whose base sequence skipped ahead of (or in another epoch than) the expected one. */
    public long sequenceGaps() {
        long gaps = 0;
        for (final ProducerSequences partitionSequences : sequences) {
            gaps += partitionSequences.gaps();
        }
        return gaps;
    }

    /** Idempotent batches that repeated sequences already read from their producer. */
    public long sequenceDuplicates() {
        long duplicates = 0;
        for (final ProducerSequences partitionSequences : sequences) {
            duplicates += partitionSequences.duplicates();
        }
        return duplicates;
    }

    /** Metadata answers taken since the consumer started: how often it looked for leaders. */
    public long metadataRefreshes() {
        return metadataRefreshes;
    }

    public ConsumerConfig config() {
        return config;
    }

    /** Stops polling; the endpoint stays its owner's to close. */
    @Override
    public void close() {
        closed = true;
    }

    private int index(final int partition) {
        final int i = partition >= 0 && partition < indexOf.length ? indexOf[partition] : NOT_ASSIGNED;
        if (i == NOT_ASSIGNED) {
            throw new IllegalArgumentException("Partition " + partition + " is not assigned to this consumer");
        }
        return i;
    }

    // ---- fetching ----

    private int sendFetches(final long now) {
        int sent = 0;
        for (int broker = 0; broker < inFlight.length; broker++) {
            if (inFlight[broker]) {
                if (now - inFlightSentNanos[broker] < requestTimeoutNanos) {
                    continue;
                }
                // Unanswered: the broker may be gone without a connection to lose (a stopped in-process broker).
                inFlight[broker] = false;
                brokerFailed(broker);
            }
            if (!endpoint.isBackingOff(broker) && sendFetch(broker, now)) {
                sent++;
            }
        }
        return sent;
    }

    private boolean sendFetch(final int broker, final long now) {
        if (partitions.length == 0) {
            return false;
        }
        final int correlationId = nextCorrelationId + 1;
        request.wrapForEncode(requestBuffer, 0, correlationId, endpoint.nodeId(), config.fetchMaxWaitMs(),
            partitionFetchBytes);
        int entries = 0;
        // Each request starts one partition further on: only a response's first partition may exceed its byte
        // limit (KIP-74), so a fixed order would starve the others behind a busy first one.
        final int first = fetchRotation;
        fetchRotation = first + 1 == partitions.length ? 0 : first + 1;
        for (int k = 0; k < partitions.length; k++) {
            final int i = first + k < partitions.length ? first + k : first + k - partitions.length;
            final int partition = partitions[i];
            if (layout.leader(partition) != broker || awaitingMetadata[i] || now - retryAtNanos[i] < 0) {
                continue;
            }
            request.add(partition, layout.leaderEpoch(partition), positions[i], FetchRequest.NO_EPOCH);
            entries++;
        }
        if (entries == 0 || !endpoint.send(broker, requestBuffer, 0, request.encodedLength())) {
            return false;
        }
        nextCorrelationId = correlationId;
        inFlight[broker] = true;
        inFlightCorrelationIds[broker] = correlationId;
        inFlightSentNanos[broker] = now;
        return true;
    }

    private int checkConnections(final long now) {
        int lost = 0;
        for (int broker = 0; broker < seenConnectionLosses.length; broker++) {
            final long losses = endpoint.connectionLosses(broker);
            if (losses != seenConnectionLosses[broker]) {
                seenConnectionLosses[broker] = losses;
                inFlight[broker] = false;
                if (metadataBroker == broker) {
                    metadataBroker = NO_BROKER;
                }
                brokerFailed(broker);
                lost++;
            }
        }
        return lost;
    }

    /** A broker failed us: look for leaders again, and ask someone else first. */
    private void brokerFailed(final int broker) {
        metadataStale = true;
        nextMetadataBroker = (broker + 1) % inFlight.length;
    }

    private void onFrame(final DirectBuffer buffer, final int offset, final int length) {
        if (length < FrameHeader.LENGTH) {
            return;
        }
        final int source = FrameHeader.source(buffer, offset);
        final int correlationId = FrameHeader.correlationId(buffer, offset);
        switch (FrameHeader.type(buffer, offset)) {
            case FrameHeader.FETCH_RESPONSE:
                if (source >= 0 && source < inFlight.length && inFlight[source]
                    && inFlightCorrelationIds[source] == correlationId) {
                    inFlight[source] = false;
                    onFetchResponse(source, response.wrapForDecode(buffer, offset, length));
                }
                break;
            case FrameHeader.METADATA_RESPONSE:
                if (source == metadataBroker && correlationId == metadataCorrelationId) {
                    onMetadataResponse(buffer, offset, length);
                }
                break;
            case FrameHeader.ERROR_RESPONSE:
                // The broker could not read a request of ours and closes the connection: a failure like a lost one.
                LOGGER.log(Level.WARNING, "Consumer node " + endpoint.nodeId() + ": "
                    + ErrorResponse.describe(buffer, offset));
                if (source >= 0 && source < inFlight.length) {
                    inFlight[source] = false;
                    if (metadataBroker == source) {
                        metadataBroker = NO_BROKER;
                    }
                    brokerFailed(source);
                }
                break;
            default:
                break;
        }
    }

    private void onFetchResponse(final int broker, final FetchResponse answer) {
        final long now = clock.nanoTime();
        while (answer.nextEntry()) {
            final int partition = answer.partition();
            final int i = partition >= 0 && partition < indexOf.length ? indexOf[partition] : NOT_ASSIGNED;
            if (i == NOT_ASSIGNED) {
                continue;
            }
            final short error = answer.errorCode();
            final boolean fromLeader = layout.leader(partition) == broker;
            if (error == ErrorCode.NONE) {
                if (fromLeader) {
                    highWatermarks[i] = answer.highWatermark();
                    answered[i] = true;
                }
                // Records below a leader's high watermark were committed when it answered, whoever leads now.
                readBatches(readers[broker], i, partition, answer.buffer(), answer.recordsOffset(),
                    answer.recordsLength(), now);
            } else if (!fromLeader) {
                continue; // a deposed leader's word on a partition that has moved on
            } else if (error == ErrorCode.OFFSET_OUT_OF_RANGE) {
                if (positions[i] > answer.highWatermark()) {
                    offsetOutOfRange++;
                    retryAtNanos[i] = now + retryBackoffNanos;
                } else {
                    positions[i] = LOG_START;
                }
            } else if (error == ErrorCode.NOT_LEADER_OR_FOLLOWER || error == ErrorCode.FENCED_LEADER_EPOCH
                || error == ErrorCode.UNKNOWN_LEADER_EPOCH || error == ErrorCode.UNKNOWN_TOPIC_OR_PARTITION) {
                awaitingMetadata[i] = true;
                metadataStale = true;
            } else {
                // Anything else (a storage error, say) is asked for again after the backoff.
                LOGGER.log(Level.WARNING, "Consumer node " + endpoint.nodeId() + ": partition " + partition
                    + " answered " + ErrorCode.name(error) + " by broker " + broker);
                retryAtNanos[i] = now + retryBackoffNanos;
            }
        }
    }

    /** Checks the batches of one entry and hands their records at or past the position to the listener. */
    private void readBatches(final RecordBatchReader reader, final int i, final int partition,
                             final DirectBuffer buffer, final int start, final int length, final long fetchedNanos) {
        final int end = start + length;
        int at = start;
        while (at < end) {
            final long position = positions[i];
            try {
                reader.wrap(buffer, at, end - at);
                final long lastOffset = reader.lastOffset();
                if (lastOffset >= position) {
                    if (reader.baseOffset() >= position && reader.producerId() != RecordBatchLayout.NO_PRODUCER_ID
                        && reader.baseSequence() >= 0) {
                        sequences[i].onBatch(reader.producerId(), reader.producerEpoch(), reader.baseSequence(),
                            reader.lastSequence());
                    }
                    if (!reader.isControl()) {
                        final RecordCursor records = reader.records();
                        boolean handed = false;
                        while (records.next()) {
                            final long offset = records.offset();
                            if (offset >= position) {
                                positions[i] = offset + 1;
                                delivered++;
                                handed = true;
                                listener.onRecord(partition, offset, records.timestamp(), buffer,
                                    records.keyOffset(), records.keyLength(), records.valueOffset(),
                                    records.valueLength());
                            }
                        }
                        if (handed) {
                            listener.onBatchRead(partition, reader.baseOffset(), fetchedNanos);
                        }
                    }
                    positions[i] = lastOffset + 1;
                }
            } catch (final CorruptRecordBatchException e) {
                throw new CorruptRecordBatchException(e.check(), e.position(), "Topic '" + layout.topic()
                    + "' partition " + partition + ": corrupt batch at fetch position " + position
                    + " (its header names base offset " + readBaseOffset(buffer, at, end) + "): " + e.getMessage());
            }
            at = reader.nextBatchOffset();
        }
    }

    private static String readBaseOffset(final DirectBuffer buffer, final int at, final int end) {
        return end - at >= Long.BYTES
            ? Long.toString(buffer.getLong(at + RecordBatchLayout.BASE_OFFSET_OFFSET, java.nio.ByteOrder.BIG_ENDIAN))
            : "unknown";
    }

    // ---- metadata: the cold path ----

    private int maybeRequestMetadata(final long now) {
        if (metadataBroker != NO_BROKER) {
            if (now - metadataSentNanos < requestTimeoutNanos) {
                return 0;
            }
            brokerFailed(metadataBroker);
            metadataBroker = NO_BROKER;
        }
        if (!metadataStale && !anyLeaderless() || now - metadataLastAttemptNanos < retryBackoffNanos) {
            return 0;
        }
        final int broker = nextMetadataBroker;
        nextMetadataBroker = (broker + 1) % inFlight.length;
        metadataLastAttemptNanos = now;
        final int correlationId = ++nextCorrelationId;
        FrameHeader.write(metadataRequest, 0, FrameHeader.METADATA_REQUEST, correlationId, endpoint.nodeId());
        if (endpoint.isBackingOff(broker) || !endpoint.send(broker, metadataRequest, 0, metadataRequestLength)) {
            return 0; // the next attempt, after the backoff, goes to the next broker
        }
        metadataBroker = broker;
        metadataCorrelationId = correlationId;
        metadataSentNanos = now;
        return 1;
    }

    private boolean anyLeaderless() {
        for (final int partition : partitions) {
            if (!layout.hasLeader(partition)) {
                return true;
            }
        }
        return false;
    }

    private void onMetadataResponse(final DirectBuffer buffer, final int offset, final int length) {
        final int broker = metadataBroker;
        metadataBroker = NO_BROKER;
        final short error = Metadata.errorCode(buffer, offset);
        final TopicLayout answer;
        try {
            answer = error == ErrorCode.NONE ? Metadata.layout(buffer, offset, length) : null;
        } catch (final MalformedFrameException e) {
            LOGGER.log(Level.WARNING, "Consumer node " + endpoint.nodeId() + ": unreadable Metadata answer from broker "
                + broker + ": " + e.getMessage());
            brokerFailed(broker);
            return;
        }
        if (answer == null || answer.partitionCount() != layout.partitionCount()
            || answer.brokerCount() != layout.brokerCount()) {
            LOGGER.log(Level.WARNING, "Consumer node " + endpoint.nodeId() + ": broker " + broker + " answered "
                + ErrorCode.name(error) + " for topic '" + layout.topic() + "'"
                + (answer == null ? "" : " with another shape: " + answer));
            brokerFailed(broker);
            return;
        }
        // A broker's view may lag the controller's: keep the newer of the two per partition.
        TopicLayout next = layout;
        for (final int partition : partitions) {
            if (answer.leaderEpoch(partition) > next.leaderEpoch(partition)
                || answer.leaderEpoch(partition) == next.leaderEpoch(partition)
                && answer.leader(partition) != next.leader(partition)) {
                next = next.withLeader(partition, answer.leader(partition), answer.leaderEpoch(partition));
            }
        }
        layout = next;
        metadataRefreshes++;
        metadataStale = false;
        Arrays.fill(awaitingMetadata, false);
    }
}
