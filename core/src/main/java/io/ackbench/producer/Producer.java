package io.ackbench.producer;

import io.ackbench.config.ConfigException;
import io.ackbench.config.IdleStrategies;
import io.ackbench.partition.Partitioner;
import io.ackbench.partition.Partitioners;
import io.ackbench.record.RecordBatchLayout;
import io.ackbench.record.RecordEncoder;
import io.ackbench.record.RecordHeaders;
import io.ackbench.transport.Endpoint;
import io.ackbench.transport.ProduceRequest;
import io.ackbench.transport.TcpEndpoint;
import io.ackbench.transport.TopicLayout;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.util.Map;

/**
 * The application's side of the producer: {@link #send} picks the partition, checks the size limits and appends
 * the record to the accumulator, as {@code KafkaProducer.doSend} does (kafka-semantics.md §2.3, §3.2). Records are
 * copied off heap during the call; nothing is allocated. The sender, which drains the accumulator to brokers,
 * stands on the other side of {@link #accumulator()}.
 */
public final class Producer implements AutoCloseable {
    /** Kafka's partitioning when partitioner.ignore.keys=true and no partitioner.class is set. */
    private static final String KEYLESS_PARTITIONER = "uniform-sticky";

    private final ProducerConfig config;
    private final Partitioner partitioner;
    private final RecordAccumulator accumulator;
    private final NanoClock clock;
    private final int numPartitions;
    /** Whether send stamps each record's send time for a {@link BatchStageListener}; fixed at construction. */
    private final boolean recordStages;
    private AgentRunner senderRunner;

    /**
     * @param settings      producer settings by their Kafka names (validated here)
     * @param numPartitions the topic's partition count
     */
    public Producer(final Map<String, String> settings, final int numPartitions) {
        this(settings, numPartitions, BatchSequencer.NONE, SystemNanoClock.INSTANCE);
    }

    public Producer(final Map<String, String> settings, final int numPartitions, final BatchSequencer sequencer,
                    final NanoClock clock) {
        this(ProducerConfig.of(settings), settings, numPartitions, sequencer, clock, false);
    }

    /** A producer without a sender whose sends stamp their send times when {@code recordStages}: for tests. */
    Producer(final Map<String, String> settings, final int numPartitions, final NanoClock clock,
             final boolean recordStages) {
        this(ProducerConfig.of(settings), settings, numPartitions, BatchSequencer.NONE, clock, recordStages);
    }

    private Producer(final ProducerConfig config, final Map<String, String> settings, final int numPartitions,
                     final BatchSequencer sequencer, final NanoClock clock, final boolean recordStages) {
        this.config = config;
        this.numPartitions = numPartitions;
        this.clock = clock;
        this.recordStages = recordStages;
        this.partitioner = createPartitioner(settings, config);
        this.accumulator = new RecordAccumulator(config, numPartitions, sequencer, clock, recordStages);
    }

    /**
     * A producer connected to the brokers of {@code layout} through {@code endpoint}, with its sender running on a
     * thread of its own. An idempotent producer first obtains its producer id; sends made before that wait in the
     * accumulator. Every record's outcome reaches {@code listener} on the sender's thread.
     *
     * @throws ConfigException if a setting is invalid, or a batch could not fit the transport's largest frame
     */
    public static Producer connect(final Map<String, String> settings, final TopicLayout layout,
                                   final Endpoint endpoint, final DeliveryListener listener) {
        return connect(settings, layout, endpoint, listener, SystemNanoClock.INSTANCE);
    }

    /**
     * As {@link #connect(Map, TopicLayout, Endpoint, DeliveryListener)}, learning the topic's layout first from a
     * bootstrap broker's Metadata answer, waiting for it at most max.block.ms.
     *
     * @throws MetadataTimeoutException if no answer came in time
     * @throws IllegalStateException    if the broker does not know the topic
     */
    public static Producer connect(final Map<String, String> settings, final int bootstrapBroker, final String topic,
                                   final Endpoint endpoint, final DeliveryListener listener) {
        final ProducerConfig config = ProducerConfig.of(settings);
        final TopicLayout layout = MetadataFetch.fetch(endpoint, bootstrapBroker, topic, config.maxBlockMs());
        return connect(settings, layout, endpoint, listener, SystemNanoClock.INSTANCE);
    }

    public static Producer connect(final Map<String, String> settings, final TopicLayout layout,
                                   final Endpoint endpoint, final DeliveryListener listener, final NanoClock clock) {
        return connect(settings, layout, endpoint, listener, null, clock);
    }

    /**
     * As {@link #connect(Map, TopicLayout, Endpoint, DeliveryListener)}, also telling {@code stages} where each
     * acknowledged batch's time went (see {@link BatchStageListener}); null records no stages and takes none of their
     * timestamps.
     */
    public static Producer connect(final Map<String, String> settings, final TopicLayout layout,
                                   final Endpoint endpoint, final DeliveryListener listener,
                                   final BatchStageListener stages) {
        return connect(settings, layout, endpoint, listener, stages, SystemNanoClock.INSTANCE);
    }

    /**
     * The general form: {@code stages} may be null. The stage stamps come from {@code clock}; they are comparable
     * with the brokers' only when it is the system's monotonic clock, as {@link SystemNanoClock} is.
     */
    public static Producer connect(final Map<String, String> settings, final TopicLayout layout,
                                   final Endpoint endpoint, final DeliveryListener listener,
                                   final BatchStageListener stages, final NanoClock clock) {
        final ProducerConfig config = ProducerConfig.of(settings);
        final int largestRequest = ProduceRequest.ENTRIES_OFFSET + ProduceRequest.ENTRY_HEADER_LENGTH
            + Math.max(config.batchSize(), config.maxRequestSize());
        if (largestRequest > endpoint.maxFrameLength()) {
            throw new ConfigException(config.batchSize() > config.maxRequestSize() ? ProducerConfig.BATCH_SIZE
                : ProducerConfig.MAX_REQUEST_SIZE, Math.max(config.batchSize(), config.maxRequestSize()),
                "a request must fit the transport's largest frame of " + endpoint.maxFrameLength() + " bytes");
        }
        if (endpoint instanceof TcpEndpoint tcp) {
            // Only a network with connections has something to reconnect; set before the sender thread starts.
            tcp.reconnectBackoff(config.reconnectBackoffMs(), config.reconnectBackoffMaxMs());
        }
        final IdempotentSequencer sequencer = config.idempotence()
            ? new IdempotentSequencer(layout.partitionCount()) : null;
        final Producer producer = new Producer(config, settings, layout.partitionCount(),
            sequencer != null ? sequencer : BatchSequencer.NONE, clock, stages != null);
        // A connected producer is what the benchmarks measure: all its batch memory is created here, not while sending.
        producer.accumulator.preallocate();
        final Sender sender = new Sender(config, producer.accumulator, layout, endpoint, listener, sequencer, clock,
            stages);
        producer.senderRunner = new AgentRunner(IdleStrategies.create(config.idleStrategy()),
            error -> System.getLogger(Producer.class.getName()).log(System.Logger.Level.ERROR,
                "The sender failed", error),
            null, sender);
        AgentRunner.startOnThread(producer.senderRunner);
        return producer;
    }

    private static Partitioner createPartitioner(final Map<String, String> settings, final ProducerConfig config) {
        if (config.partitionerClass() == null && config.partitionerIgnoreKeys()) {
            return Partitioners.create(KEYLESS_PARTITIONER, settings);
        }
        return Partitioners.create(settings);
    }

    /**
     * Sends one record. A key or value length of -1 means null; {@code headers} may be null; a timestamp of -1
     * ({@link RecordBatchLayout#NO_TIMESTAMP}) means now. Returns the partition chosen.
     *
     * @throws RecordTooLargeException   if the record can exceed max.request.size or buffer.memory
     * @throws BufferExhaustedException  if no batch memory came free within max.block.ms
     */
    public int send(final DirectBuffer key, final int keyOffset, final int keyLength,
                    final DirectBuffer value, final int valueOffset, final int valueLength,
                    final RecordHeaders headers, final long timestamp) {
        return send(key, keyOffset, keyLength, value, valueOffset, valueLength, headers, timestamp, clock.nanoTime());
    }

    /**
     * As {@link #send(DirectBuffer, int, int, DirectBuffer, int, int, RecordHeaders, long)}, with the time the
     * record was meant to be sent (an open-loop load generator's schedule) carried to the {@link DeliveryListener}
     * as its append time, so latency counts from the intended time and a stall cannot hide queueing.
     */
    public int send(final DirectBuffer key, final int keyOffset, final int keyLength,
                    final DirectBuffer value, final int valueOffset, final int valueLength,
                    final RecordHeaders headers, final long timestamp, final long intendedNanos) {
        final long slowdownStart = InjectedSlowdown.start();
        final int partition = append(key, keyOffset, keyLength, value, valueOffset, valueLength, headers, timestamp,
            intendedNanos);
        InjectedSlowdown.afterSend(slowdownStart); // nothing unless the test-only switch is on
        return partition;
    }

    private int append(final DirectBuffer key, final int keyOffset, final int keyLength,
                       final DirectBuffer value, final int valueOffset, final int valueLength,
                       final RecordHeaders headers, final long timestamp, final long intendedNanos) {
        // The record's own append time, for the accumulation stage: the one per-record stamp stage recording takes.
        final long sendNanos = recordStages ? clock.nanoTime() : intendedNanos;
        final int upperBound = RecordEncoder.upperBoundBatchSize(keyLength, valueLength, headers);
        if (upperBound > config.maxRequestSize()) {
            throw new RecordTooLargeException("The record is " + upperBound + " bytes when serialized, which is "
                + "larger than max.request.size=" + config.maxRequestSize());
        }
        if (upperBound > config.bufferMemory()) {
            throw new RecordTooLargeException("The record is " + upperBound + " bytes when serialized, which is "
                + "larger than buffer.memory=" + config.bufferMemory());
        }
        final int partition = partitioner.partition(key, keyOffset, keyLength, numPartitions);
        if (partition < 0 || partition >= numPartitions) {
            throw new IllegalArgumentException("partitioner.class " + partitioner.getClass().getName()
                + " returned partition " + partition + ", outside [0, " + numPartitions + ")");
        }
        final long recordTimestamp = timestamp == RecordBatchLayout.NO_TIMESTAMP ? System.currentTimeMillis() : timestamp;
        final int result = accumulator.append(partition, recordTimestamp, key, keyOffset, keyLength,
            value, valueOffset, valueLength, headers, intendedNanos, sendNanos);
        final boolean newBatch = AppendResult.openedNewBatch(result);
        // Kafka counts a new batch's header in the bytes it feeds the sticky partitioner (kafka-semantics.md §2.5).
        final int appended = AppendResult.bytes(result) + (newBatch ? RecordBatchLayout.RECORD_BATCH_OVERHEAD : 0);
        partitioner.onAppend(partition, appended, newBatch);
        return partition;
    }

    /** The accumulator the sender drains. */
    public RecordAccumulator accumulator() {
        return accumulator;
    }

    public int numPartitions() {
        return numPartitions;
    }

    /**
     * Makes every batch ready and waits until all sent so far have completed, except as {@link RecordAccumulator#flush}
     * says for retries; a sender must be draining.
     */
    public void flush() {
        accumulator.flush();
    }

    /** Refuses further sends, waits for what was sent to complete, and closes the partitioner. */
    @Override
    public void close() {
        try {
            accumulator.close();
        } finally {
            try {
                if (senderRunner != null) {
                    senderRunner.close();
                }
            } finally {
                partitioner.close();
            }
        }
    }
}
