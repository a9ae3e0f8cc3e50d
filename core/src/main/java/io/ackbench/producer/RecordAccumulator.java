package io.ackbench.producer;

import io.ackbench.record.Crc32c;
import io.ackbench.record.RecordEncoder;
import io.ackbench.record.RecordHeaders;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.NanoClock;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Collects records into per-partition batches without locks, and hands complete batches to the sender in
 * order per partition (Kafka's RecordAccumulator, kafka-semantics.md §3.2-3.4, rebuilt on Aeron's model).
 *
 * <p>Each partition has a ring of batch slots addressed by a monotonic batch index, as Aeron addresses its
 * term buffers by term count. {@code opened[p]} counts the batches opened so far, so the open batch has index
 * {@code opened - 1}. Appenders claim space in it by CAS ({@link ProducerBatch#tryAppend}). The one that finds
 * it full seals it, and whoever then wins the CAS that sets {@link #OPENING} on {@code opened[p]} opens batch
 * {@code opened} with its own record already inside, publishes it in its slot and increments the count.
 * Threads that arrive meanwhile wait, usually for nanoseconds, at most max.block.ms (the opener may itself wait that
 * long for batch memory or a free slot); no thread ever waits on a lock.
 *
 * <p>One thread drains ({@link #drain}): it walks each partition's indices in order, seals a batch whose
 * {@code linger.ms} has passed (or every batch during {@link #flush()}), and hands over a sealed batch once
 * all its writers have finished. Per-partition order is the index order, so it survives any interleaving
 * of appenders.
 */
public final class RecordAccumulator {
    /** Set on {@code opened[p]} while one thread opens the partition's next batch. */
    private static final long OPENING = 1L << 62;
    /** One cache line between partitions' counters, so appenders to different partitions do not false-share. */
    private static final int STRIDE = 8;
    /**
     * The most slots per partition (fewer when buffer.memory holds fewer batches). A slot is free once its batch was
     * drained; when every slot of a partition holds a batch waiting to be drained, the opener waits for the drainer
     * (bounded by max.block.ms).
     */
    private static final int MAX_RING_SLOTS = 1024;

    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(ProducerBatch[].class);
    private static final VarHandle COUNTERS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle FLUSHES;
    private static final VarHandle CLOSED;

    static {
        try {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            FLUSHES = lookup.findVarHandle(RecordAccumulator.class, "flushesInProgress", int.class);
            CLOSED = lookup.findVarHandle(RecordAccumulator.class, "closed", boolean.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int numPartitions;
    /**
     * Per partition, the batch of index i in slot {@code i & ringMask}. The opener publishes a batch with a release
     * store (setRelease) after writing its fields and first record; the drainer empties the slot with a release
     * store once the batch is closed for sending. Appenders, the drainer and the opener waiting for a free slot read
     * slots with an acquire load (getAcquire).
     */
    private final ProducerBatch[][] rings;
    private final int ringMask;
    /**
     * Per partition at p * STRIDE: batches opened so far, plus {@link #OPENING} while one thread opens the next. Set
     * by CAS, then the new count by a volatile store after the batch's slot was published, so an appender that reads
     * the count with a volatile load finds that batch in the slot.
     */
    private final long[] opened;
    /**
     * Per partition at p * STRIDE: batches released after completion. Atomic add (getAndAdd) by the releasing thread,
     * the sender's, after the batch's records were completed; read by flush with a volatile load.
     */
    private final long[] completed;
    /** Per partition: batches handed to the sender. Drainer thread only. */
    private final long[] drained;
    private final BatchPool pool;
    private final NanoClock clock;
    private final long lingerNanos;
    private final long maxBlockNanos;
    private final long deliveryTimeoutNanos;
    private final BatchSequencer sequencer;
    /** The drainer's CRC state. */
    private final Crc32c crc = new Crc32c();
    /** Where the next drain pass starts, so no partition is always served last. Drainer thread only. */
    private int drainStart;

    /** Calls to flush() under way: atomic add by each flushing thread, read by the drainer with a volatile load. */
    @SuppressWarnings("unused")
    private volatile int flushesInProgress;
    /**
     * Set once by close() with a volatile store; read with a volatile load by every append and every drain pass. An
     * append that read false just before close() may still open a batch after close() took its flush targets: the
     * drainer drains that batch, but close() does not wait for it.
     */
    @SuppressWarnings("unused")
    private volatile boolean closed;

    public RecordAccumulator(final ProducerConfig config, final int numPartitions, final BatchSequencer sequencer,
                             final NanoClock clock) {
        this(config, numPartitions, sequencer, clock, false);
    }

    /** @param sendTimes whether batches keep each record's send time as well as its append time (stage recording) */
    public RecordAccumulator(final ProducerConfig config, final int numPartitions, final BatchSequencer sequencer,
                             final NanoClock clock, final boolean sendTimes) {
        if (numPartitions < 1) {
            throw new IllegalArgumentException("numPartitions must be at least 1, was " + numPartitions);
        }
        this.numPartitions = numPartitions;
        this.pool = new BatchPool(config.batchSize(), config.bufferMemory(), config.maxBlockMs(), clock, sendTimes);
        this.clock = clock;
        this.sequencer = sequencer;
        this.lingerNanos = config.lingerMs() * 1_000_000L;
        this.maxBlockNanos = config.maxBlockMs() * 1_000_000L;
        this.deliveryTimeoutNanos = config.deliveryTimeoutMs() * 1_000_000L;
        final int slots = BitUtil.findNextPositivePowerOfTwo((int) Math.min(MAX_RING_SLOTS, pool.maxPooledBatches() + 1));
        this.ringMask = slots - 1;
        this.rings = new ProducerBatch[numPartitions][slots];
        this.opened = new long[numPartitions * STRIDE];
        this.completed = new long[numPartitions * STRIDE];
        this.drained = new long[numPartitions];
    }

    /**
     * Appends one record to {@code partition}'s open batch, opening a new batch when it is full. Safe to call
     * from any number of threads at once; allocates nothing once the pool is warm. A key or value length of -1
     * means null. Returns an {@link AppendResult}. Waits up to max.block.ms for batch memory, then throws
     * {@link BufferExhaustedException}.
     */
    public int append(final int partition, final long timestamp,
                      final DirectBuffer key, final int keyOffset, final int keyLength,
                      final DirectBuffer value, final int valueOffset, final int valueLength,
                      final RecordHeaders headers, final long appendTimeNanos) {
        return append(partition, timestamp, key, keyOffset, keyLength, value, valueOffset, valueLength, headers,
            appendTimeNanos, appendTimeNanos);
    }

    /**
     * As {@link #append(int, long, DirectBuffer, int, int, DirectBuffer, int, int, RecordHeaders, long)}, with the
     * time {@code send} was called, kept beside the append time where batches keep send times.
     */
    public int append(final int partition, final long timestamp,
                      final DirectBuffer key, final int keyOffset, final int keyLength,
                      final DirectBuffer value, final int valueOffset, final int valueLength,
                      final RecordHeaders headers, final long appendTimeNanos, final long sendTimeNanos) {
        if ((boolean) CLOSED.getVolatile(this)) {
            throw new IllegalStateException("Cannot append: the accumulator is closed");
        }
        if (partition < 0 || partition >= numPartitions) {
            throw new IllegalArgumentException("partition " + partition + " is outside [0, " + numPartitions + ")");
        }
        final ProducerBatch[] ring = rings[partition];
        final int at = partition * STRIDE;
        long waitDeadline = 0;
        for (int waits = 0; ; ) {
            final long openedCount = (long) COUNTERS.getVolatile(opened, at);
            if ((openedCount & OPENING) == 0) {
                if (openedCount > 0) {
                    final long openIndex = openedCount - 1;
                    final ProducerBatch batch = (ProducerBatch) SLOTS.getAcquire(ring, (int) (openIndex & ringMask));
                    if (batch != null) {
                        final int size = batch.tryAppend(partition, openIndex, timestamp,
                            key, keyOffset, keyLength, value, valueOffset, valueLength, headers, appendTimeNanos,
                            sendTimeNanos);
                        if (size >= 0) {
                            return AppendResult.of(size, false);
                        }
                        if (size == ProducerBatch.FULL) {
                            batch.seal();
                        }
                    }
                    // Here the open batch is sealed or already drained (a drainer only takes sealed batches),
                    // or our view of it is stale, in which case the CAS below fails and we look again.
                }
                if (COUNTERS.compareAndSet(opened, at, openedCount, openedCount | OPENING)) {
                    return openNextBatch(partition, ring, at, openedCount, timestamp,
                        key, keyOffset, keyLength, value, valueOffset, valueLength, headers, appendTimeNanos,
                        sendTimeNanos);
                }
                continue;
            }
            if (waits == 0) {
                waitDeadline = clock.nanoTime() + maxBlockNanos;
            } else if (clock.nanoTime() - waitDeadline >= 0) {
                throw new BufferExhaustedException("Waited max.block.ms=" + maxBlockNanos / 1_000_000L
                    + " for another thread to open partition " + partition + "'s next batch");
            }
            Backoff.idle(waits++);
        }
    }

    private int openNextBatch(final int partition, final ProducerBatch[] ring, final int at, final long index,
                              final long timestamp,
                              final DirectBuffer key, final int keyOffset, final int keyLength,
                              final DirectBuffer value, final int valueOffset, final int valueLength,
                              final RecordHeaders headers, final long appendTimeNanos,
                              final long sendTimeNanos) {
        ProducerBatch next = null;
        try {
            next = pool.acquire(RecordEncoder.upperBoundBatchSize(keyLength, valueLength, headers));
            final int slot = (int) (index & ringMask);
            awaitFreeSlot(ring, slot, partition);
            final int size = next.open(partition, index, clock.nanoTime(), timestamp,
                key, keyOffset, keyLength, value, valueOffset, valueLength, headers, appendTimeNanos, sendTimeNanos);
            SLOTS.setRelease(ring, slot, next);
            COUNTERS.setVolatile(opened, at, index + 1);
            return AppendResult.of(size, true);
        } catch (final RuntimeException | Error e) {
            if (next != null) {
                pool.release(next);
            }
            COUNTERS.setVolatile(opened, at, index);
            throw e;
        }
    }

    /** The slot is taken only when a whole ring of this partition's batches waits for the drainer. */
    private void awaitFreeSlot(final ProducerBatch[] ring, final int slot, final int partition) {
        long deadline = 0;
        for (int waits = 0; SLOTS.getAcquire(ring, slot) != null; waits++) {
            if (waits == 0) {
                deadline = clock.nanoTime() + maxBlockNanos;
            } else if (clock.nanoTime() - deadline >= 0) {
                throw new BufferExhaustedException("Waited max.block.ms=" + maxBlockNanos / 1_000_000L
                    + " for the sender to drain partition " + partition + ": " + ring.length
                    + " batches are waiting to be sent");
            }
            Backoff.idle(waits);
        }
    }

    /**
     * Hands every partition's next ready batch to {@code handler}, closed for sending: a batch is ready when it
     * is full, when linger.ms has passed since it was opened, or during a flush or close. At most one batch per
     * partition per call, starting from a different partition each call. Must be called from one thread only.
     * Returns how many batches were handed over.
     */
    public int drain(final long nowNanos, final ReadyBatchHandler handler) {
        final boolean everythingReady = (int) FLUSHES.getVolatile(this) > 0 || (boolean) CLOSED.getVolatile(this);
        int handed = 0;
        for (int i = 0, partition = drainStart; i < numPartitions; i++, partition = nextPartition(partition)) {
            final long index = drained[partition];
            final ProducerBatch[] ring = rings[partition];
            final int slot = (int) (index & ringMask);
            final ProducerBatch batch = (ProducerBatch) SLOTS.getAcquire(ring, slot);
            if (batch == null || batch.index() != index || !handler.canAccept(partition)) {
                continue;
            }
            if (!batch.isSealed()) {
                if (!everythingReady && nowNanos - batch.createdNanos() < lingerNanos) {
                    continue;
                }
                batch.seal();
            }
            if (!batch.isComplete()) {
                continue;
            }
            batch.closeForSend(sequencer.producerId(), sequencer.producerEpoch(),
                sequencer.nextBaseSequence(partition, batch.claimedRecords()), crc);
            SLOTS.setRelease(ring, slot, null);
            drained[partition] = index + 1;
            handed++;
            handler.onReady(batch);
        }
        drainStart = nextPartition(drainStart);
        return handed;
    }

    /**
     * Takes out of the accumulator every batch for which delivery.timeout.ms has passed since it was opened, and hands
     * it to {@code handler} without a sequence (Kafka's expiredBatches, kafka-semantics.md §3.5). Each partition is
     * checked from its oldest undrained batch on and stops at the first that has not expired: a partition's batches
     * are opened in index order, so later ones are younger. An expired batch still open is sealed, so appenders move
     * to a new batch; one whose writers are still copying records in waits for the next call. Whether the sender could
     * take a batch of the partition does not matter. Drainer thread only (the same thread as {@link #drain}); the
     * append path is untouched. Returns how many batches expired.
     */
    public int expire(final long nowNanos, final ExpiredBatchHandler handler) {
        int expired = 0;
        for (int partition = 0; partition < numPartitions; partition++) {
            final ProducerBatch[] ring = rings[partition];
            while (true) {
                final long index = drained[partition];
                final int slot = (int) (index & ringMask);
                final ProducerBatch batch = (ProducerBatch) SLOTS.getAcquire(ring, slot);
                if (batch == null || batch.index() != index || !batch.hasExpired(nowNanos, deliveryTimeoutNanos)) {
                    break;
                }
                batch.seal();
                if (!batch.isComplete()) {
                    break;
                }
                batch.closeExpired();
                SLOTS.setRelease(ring, slot, null);
                drained[partition] = index + 1;
                expired++;
                handler.onExpired(batch);
            }
        }
        return expired;
    }

    private int nextPartition(final int partition) {
        return partition + 1 == numPartitions ? 0 : partition + 1;
    }

    /** Creates all of buffer.memory's pooled batches now (see {@link BatchPool#preallocate()}). Before first use. */
    void preallocate() {
        pool.preallocate();
    }

    /** Returns a completed batch's buffer to the pool. Any thread. */
    public void release(final ProducerBatch batch) {
        COUNTERS.getAndAdd(completed, batch.partition() * STRIDE, 1L);
        pool.release(batch);
    }

    /**
     * Makes every batch ready now and waits until, in each partition, as many batches have been released as had been
     * opened before this call. Someone must be draining meanwhile. Those are the batches opened before the call as long
     * as a partition's batches complete in order, which they do unless one is retried while a later one of its
     * partition is in flight: then that later one counts in its place, and flush may return while the retried batch is
     * still pending.
     */
    public void flush() {
        FLUSHES.getAndAdd(this, 1);
        try {
            final long[] targets = new long[numPartitions];
            for (int p = 0; p < numPartitions; p++) {
                targets[p] = (long) COUNTERS.getVolatile(opened, p * STRIDE) & ~OPENING;
            }
            for (int p = 0; p < numPartitions; p++) {
                for (int waits = 0; (long) COUNTERS.getVolatile(completed, p * STRIDE) < targets[p]; waits++) {
                    Backoff.idle(waits);
                }
            }
        } finally {
            FLUSHES.getAndAdd(this, -1);
        }
    }

    /** Refuses further appends, then flushes. */
    public void close() {
        CLOSED.setVolatile(this, true);
        flush();
    }

    /** Bytes of buffer.memory not held by open, queued or in-flight batches. */
    public long availableMemory() {
        return pool.availableMemory();
    }

    public long totalMemory() {
        return pool.totalMemory();
    }
}
