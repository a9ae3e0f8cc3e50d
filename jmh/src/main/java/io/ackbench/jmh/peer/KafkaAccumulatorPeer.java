package io.ackbench.jmh.peer;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.clients.producer.internals.BufferPool;
import org.apache.kafka.clients.producer.internals.ProducerBatch;
import org.apache.kafka.clients.producer.internals.RecordAccumulator;
import org.apache.kafka.clients.producer.internals.RecordAccumulator.AppendCallbacks;
import org.apache.kafka.clients.producer.internals.RecordAccumulator.PartitionerConfig;
import org.apache.kafka.clients.producer.internals.RecordAccumulator.ReadyCheckResult;
import org.apache.kafka.clients.producer.internals.RecordAccumulator.RecordAppendResult;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.record.internal.DefaultRecordBatch;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.utils.LogContext;
import org.apache.kafka.common.utils.Time;

import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * kafka-clients' own {@link RecordAccumulator} (4.3.1), driven the way KafkaProducer and its Sender drive
 * it, minus the network: the peer our accumulator is measured against ({@code impl=kafka}).
 *
 * <p>Application threads call {@link #append}, which does what {@code KafkaProducer.doSend} does once the
 * partition is known and the record is serialized: {@code RecordAccumulator.append(...)} with the current
 * time and the cluster, then a Sender wake-up when a batch filled up or a new one was started.
 *
 * <p>The sender side runs either on a drain thread ({@link #start()}) or inline ({@link #drainOnce()}).
 * One pass does what {@code Sender.sendProducerData} does with a broker that is always reachable and
 * answers every request at once with success: {@code ready} → {@code drain} → expire overdue batches →
 * for each drained batch, mark it in flight, then complete it as {@code Sender.completeBatch} does on a
 * successful response ({@code batch.complete(baseOffset, NO_TIMESTAMP)}, then
 * {@code completeAndDeallocateBatch}, which returns its buffer to the {@link BufferPool}).
 *
 * <p>Configuration is the producer's defaults except what the constructor takes; the producer runs with
 * {@code enable.idempotence=false} (no TransactionManager, so no sequence numbers at drain) and
 * {@code max.in.flight.requests.per.connection > 1} (so partitions are never muted).
 *
 * <p>Threading: {@code append} may be called from any number of threads. Everything else on the sender
 * side ({@code ready}, {@code drain}, the counters' writes) runs on one thread at a time: the drain
 * thread while it runs, otherwise the caller of {@link #drainOnce()} or {@link #close()}.
 */
public final class KafkaAccumulatorPeer implements AutoCloseable {

    /** Receives each drained batch, closed (header written) and not yet completed or deallocated. For tests. */
    @FunctionalInterface
    public interface DrainedBatchObserver {
        void onDrained(ProducerBatch batch);
    }

    public static final String TOPIC = "ackbench-peer";

    // Producer defaults from ProducerConfig (see reference/kafka-producer-semantics.md, 3.1).
    static final long RETRY_BACKOFF_MS = 100;
    static final long RETRY_BACKOFF_MAX_MS = 1000;
    static final int DELIVERY_TIMEOUT_MS = 120_000;
    static final int REQUEST_TIMEOUT_MS = 30_000;
    static final long MAX_BLOCK_MS = 60_000;
    static final int MAX_REQUEST_SIZE = 1_048_576;
    /** partitioner.adaptive.partitioning.enable and partitioner.availability.timeout.ms defaults. */
    static final boolean ADAPTIVE_PARTITIONING = true;
    static final long PARTITION_AVAILABILITY_TIMEOUT_MS = 0;
    /** KafkaProducer's metric group for the accumulator and buffer pool metrics. */
    static final String METRIC_GROUP = "producer-metrics";

    /** Idle strategy of the drain thread: a few spins, then short parks (the machines have 2 cores). */
    static final int IDLE_SPINS = 16;
    static final long IDLE_PARK_NANOS = 50_000;

    private static final Header[] NO_HEADERS = new Header[0];

    private final int partitions;
    private final long bufferMemory;
    private final Time time = Time.SYSTEM;
    private final Metrics metrics;
    private final BufferPool bufferPool;
    private final RecordAccumulator accumulator;
    private final SingleBrokerMetadata metadata;
    private final AppendCallbacks callbacks = new NoOpAppendCallbacks();
    private final DrainedBatchObserver observer;

    /** Written once in start() before the thread starts; volatile because appenders read it to unpark. */
    private volatile Thread drainThread;
    /** Cleared by close() to stop the drain thread; volatile: read by the drain thread every pass. */
    private volatile boolean running;
    /** Set by the drain thread around its park; volatile: appenders read it to decide on a wake-up. */
    private volatile boolean drainerParked;
    /** Set by the drain thread if a pass threw; volatile: close() reports it. */
    private volatile Throwable drainFailure;
    /** Guarded by this (close() may race with itself). */
    private boolean closed;

    // Single writer at a time (see the class comment), volatile so that any thread reads a recent value.
    private volatile long drainedBatches;
    private volatile long drainedRecords;
    private volatile long expiredBatches;
    /** Sender side only. One offset sequence for the whole topic: the batch's partition is not public. */
    private long nextBaseOffset;

    public KafkaAccumulatorPeer(int batchSize, int lingerMs, long bufferMemory, int partitions) {
        this(batchSize, lingerMs, bufferMemory, partitions, null);
    }

    public KafkaAccumulatorPeer(int batchSize, int lingerMs, long bufferMemory, int partitions,
                                DrainedBatchObserver observer) {
        require(batchSize >= 0, "batch.size", batchSize, "an int >= 0");
        require(lingerMs >= 0, "linger.ms", lingerMs, "an int >= 0");
        require(partitions >= 1, "partitions", partitions, "an int >= 1");
        // As KafkaProducer: batch.size=0 means one record per batch, and the pool still needs a size.
        int effectiveBatchSize = Math.max(1, batchSize);
        require(bufferMemory >= effectiveBatchSize, "buffer.memory", bufferMemory,
                "at least batch.size (" + effectiveBatchSize + ") so that one batch fits");
        // As KafkaProducer.configureDeliveryTimeout when delivery.timeout.ms is left at its default.
        int deliveryTimeoutMs = (int) Math.min(Integer.MAX_VALUE,
                Math.max(DELIVERY_TIMEOUT_MS, (long) lingerMs + REQUEST_TIMEOUT_MS));

        this.partitions = partitions;
        this.bufferMemory = bufferMemory;
        this.observer = observer;
        this.metadata = new SingleBrokerMetadata(TOPIC, partitions);
        this.metrics = new Metrics(time);
        this.bufferPool = new BufferPool(bufferMemory, effectiveBatchSize, metrics, time, METRIC_GROUP);
        this.accumulator = new RecordAccumulator(
                new LogContext("[Producer clientId=ackbench-peer] "),
                effectiveBatchSize,
                Compression.NONE,
                lingerMs,
                RETRY_BACKOFF_MS,
                RETRY_BACKOFF_MAX_MS,
                deliveryTimeoutMs,
                new PartitionerConfig(ADAPTIVE_PARTITIONING, PARTITION_AVAILABILITY_TIMEOUT_MS),
                metrics,
                METRIC_GROUP,
                time,
                null, // no TransactionManager: enable.idempotence=false
                bufferPool);
    }

    private static void require(boolean valid, String key, long value, String allowed) {
        if (!valid) {
            throw new IllegalArgumentException("Invalid value " + value + " for " + key + ": must be " + allowed);
        }
    }

    /**
     * Appends one record as {@code KafkaProducer.doSend} does after partitioning and serialization.
     * Blocks for up to max.block.ms (60 s) if the buffer pool is exhausted.
     *
     * @return Kafka's append result; its future is what a user of {@code send} gets back
     */
    public RecordAppendResult append(int partition, byte[] key, byte[] value, long timestampMs) {
        if (partition < 0 || partition >= partitions) {
            // KafkaProducer.waitOnMetadata rejects such a partition before it reaches the accumulator.
            throw new KafkaException("Invalid partition given with record: " + partition
                    + " is not in the range [0..." + partitions + ").");
        }
        long nowMs = time.milliseconds();
        RecordAppendResult result;
        try {
            result = accumulator.append(TOPIC, partition, timestampMs, key, value, NO_HEADERS, callbacks,
                    MAX_BLOCK_MS, nowMs, metadata.cluster);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e); // as KafkaProducer.doSend
        }
        // KafkaProducer wakes the Sender on these flags; here the Sender is a parked thread.
        if ((result.batchIsFull || result.newBatchCreated) && drainerParked) {
            LockSupport.unpark(drainThread);
        }
        return result;
    }

    /** Starts the drain thread. At most once, and not after {@link #drainOnce()} users rely on inline draining. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("peer is closed");
        }
        if (drainThread != null) {
            throw new IllegalStateException("drain thread already started");
        }
        Thread thread = new Thread(this::drainLoop, "kafka-peer-drainer");
        thread.setDaemon(true);
        running = true;
        drainThread = thread;
        thread.start();
    }

    /**
     * One sender pass on the calling thread, for use without the drain thread.
     *
     * @return the number of batches drained and completed
     */
    public int drainOnce() {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("peer is closed");
            }
            if (drainThread != null) {
                throw new IllegalStateException("the drain thread is running; drainOnce() is for inline use");
            }
        }
        return drainPass();
    }

    /**
     * Stops the drain thread, then flushes as {@code KafkaProducer.flush/close} would: {@code beginFlush()}
     * makes every batch ready, and passes run until no batch is incomplete. Call it after the appending
     * threads have stopped. Returns every buffer to the pool and closes the accumulator.
     *
     * @throws IllegalStateException if the drain thread had failed (with that failure as the cause)
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Thread thread = drainThread;
        if (thread != null) {
            running = false;
            LockSupport.unpark(thread);
            joinUninterruptibly(thread);
        }
        // The drain thread has ended (join gives happens-before), so this thread now owns the sender side.
        accumulator.beginFlush();
        while (accumulator.hasIncomplete()) {
            if (drainPass() == 0) {
                Thread.onSpinWait();
            }
        }
        try {
            accumulator.awaitFlushCompletion(); // nothing left to wait for; pairs with beginFlush()
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        accumulator.close();
        metrics.close();
        Throwable failure = drainFailure;
        if (failure != null) {
            throw new IllegalStateException("the drain thread failed", failure);
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void drainLoop() {
        int idle = 0;
        try {
            while (running) {
                if (drainPass() > 0) {
                    idle = 0;
                } else if (idle < IDLE_SPINS) {
                    idle++;
                    Thread.onSpinWait();
                } else {
                    drainerParked = true;
                    if (running) {
                        LockSupport.parkNanos(this, IDLE_PARK_NANOS);
                    }
                    drainerParked = false;
                }
            }
        } catch (Throwable t) {
            drainFailure = t;
        }
    }

    /** One pass of {@code Sender.sendProducerData} against a broker that accepts everything at once. */
    private int drainPass() {
        long now = time.milliseconds();
        ReadyCheckResult ready = accumulator.ready(metadata.snapshot, now);
        Map<Integer, List<ProducerBatch>> drained = Map.of();
        if (!ready.readyNodes.isEmpty()) {
            for (Node node : ready.readyNodes) {
                // The Sender reports every node its client can send to (ours always can).
                accumulator.updateNodeLatencyStats(node.id(), now, true);
            }
            drained = accumulator.drain(metadata.snapshot, ready.readyNodes, MAX_REQUEST_SIZE, now);
        }
        // The Sender expires overdue batches before sending what it drained.
        accumulator.resetNextBatchExpiryTime();
        List<ProducerBatch> expired = accumulator.expiredBatches(now);
        if (!expired.isEmpty()) {
            failExpired(expired);
        }
        int count = 0;
        for (List<ProducerBatch> batches : drained.values()) {
            for (int i = 0, n = batches.size(); i < n; i++) {
                completeAsBrokerWould(batches.get(i));
                count++;
            }
        }
        return count;
    }

    private void completeAsBrokerWould(ProducerBatch batch) {
        batch.setInflight(true); // Sender.sendProduceRequest
        if (observer != null) {
            observer.onDrained(batch);
        }
        // drain() closed the batch, so its v2 header (written at position 0 of the pooled buffer) holds
        // the record count; ProducerBatch.recordCount itself is package-private.
        int records = batch.buffer().getInt(DefaultRecordBatch.RECORDS_COUNT_OFFSET);
        long baseOffset = nextBaseOffset;
        nextBaseOffset = baseOffset + records;
        // The response: Sender.completeBatch(batch, response, ...) with error NONE, logAppendTime -1.
        batch.setInflight(false);
        if (batch.complete(baseOffset, RecordBatch.NO_TIMESTAMP)) {
            accumulator.completeAndDeallocateBatch(batch);
        } else {
            accumulator.deallocate(batch);
        }
        drainedBatches = drainedBatches + 1;
        drainedRecords = drainedRecords + records;
    }

    /** As {@code Sender.failExpiredBatches}: fail with TimeoutException, then release the buffer. */
    private void failExpired(List<ProducerBatch> expired) {
        for (int i = 0, n = expired.size(); i < n; i++) {
            ProducerBatch batch = expired.get(i);
            TimeoutException error = new TimeoutException("Expiring batch " + batch
                    + ": delivery.timeout.ms has passed since batch creation");
            if (batch.completeExceptionally(error, index -> error)) {
                accumulator.completeAndDeallocateBatch(batch);
            } else {
                accumulator.deallocate(batch);
            }
            expiredBatches = expiredBatches + 1;
        }
    }

    /** Batches drained and completed successfully so far. */
    public long drainedBatches() {
        return drainedBatches;
    }

    /** Records inside the batches counted by {@link #drainedBatches()}. */
    public long drainedRecords() {
        return drainedRecords;
    }

    /** Batches failed because delivery.timeout.ms passed before they were drained (expected: none). */
    public long expiredBatches() {
        return expiredBatches;
    }

    /** Bytes the buffer pool can hand out now: buffer.memory once every batch has been released. */
    public long bufferPoolAvailableMemory() {
        return bufferPool.availableMemory();
    }

    public long bufferMemory() {
        return bufferMemory;
    }

    public int partitions() {
        return partitions;
    }

    /**
     * One instance shared by every append, as allowed by the interface (KafkaProducer allocates one per
     * send to carry the user callback and interceptors; that cost is left out here).
     */
    private static final class NoOpAppendCallbacks implements AppendCallbacks {
        @Override
        public void setPartition(int partition) {
            // the partition is always given explicitly
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            // no user callback
        }
    }
}
