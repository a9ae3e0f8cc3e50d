package io.ackbench.producer;

import org.agrona.concurrent.ManyToManyConcurrentArrayQueue;
import org.agrona.concurrent.NanoClock;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The producer's batch memory, {@code buffer.memory} bytes, as Kafka's BufferPool keeps it (kafka-semantics.md §3.2):
 * batches of exactly {@code batch.size} are pooled and reused; a record too large for one gets a batch of its
 * own size, allocated and then dropped, from the same byte budget. Batches are created lazily, so an idle
 * producer holds little; in steady state acquiring and releasing allocate nothing.
 *
 * <p>When the budget is spent, {@link #acquire} waits up to {@code max.block.ms}. Waiters are not served
 * in FIFO order as Kafka's are: they poll with a backoff rather than queue behind a lock.
 */
final class BatchPool {
    private static final VarHandle AVAILABLE;

    static {
        try {
            AVAILABLE = MethodHandles.lookup().findVarHandle(BatchPool.class, "availableBytes", long.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int batchSize;
    private final long totalBytes;
    private final long maxBlockNanos;
    private final NanoClock clock;
    /** Whether batches keep each record's send time (stage recording). */
    private final boolean sendTimes;
    /**
     * Pooled batches not in use, passed from the releasing thread (the sender's) to appending threads: the queue's
     * offer is a release store and its poll an acquire load, so an appender that polls a batch sees everything written
     * to it before it was offered.
     */
    private final ManyToManyConcurrentArrayQueue<ProducerBatch> free;

    /**
     * Bytes of buffer.memory not held by a batch in use: taken by CAS on acquire by appending threads, given back by
     * atomic add (getAndAdd) on release by the sender's thread; an appender waiting for memory reads it with a
     * volatile load.
     */
    @SuppressWarnings("unused")
    private volatile long availableBytes;

    BatchPool(final int batchSize, final long bufferMemory, final long maxBlockMs, final NanoClock clock) {
        this(batchSize, bufferMemory, maxBlockMs, clock, false);
    }

    BatchPool(final int batchSize, final long bufferMemory, final long maxBlockMs, final NanoClock clock,
              final boolean sendTimes) {
        this.sendTimes = sendTimes;
        this.batchSize = batchSize;
        this.totalBytes = bufferMemory;
        this.maxBlockNanos = maxBlockMs * 1_000_000L;
        this.clock = clock;
        this.free = new ManyToManyConcurrentArrayQueue<>((int) Math.max(2, maxPooledBatches()));
        AVAILABLE.setVolatile(this, bufferMemory);
    }

    /**
     * Creates every batch.size batch buffer.memory can hold now, so that sending never allocates, not even while
     * the pool would otherwise still be growing (Kafka's pool grows lazily; a benchmark's measurement must not
     * include that). Call before the producer is used.
     */
    void preallocate() {
        for (long i = 0, n = maxPooledBatches(); i < n; i++) {
            free.offer(new ProducerBatch(batchSize, true, sendTimes));
        }
    }

    /** How many batch.size batches fit in buffer.memory: the most batches that can exist at once. */
    long maxPooledBatches() {
        return totalBytes / batchSize;
    }

    /**
     * A batch with room for at least {@code requiredBytes}: a pooled one of batch.size when that is enough,
     * else one of exactly that size. Waits up to max.block.ms for memory, then fails naming the settings.
     */
    ProducerBatch acquire(final int requiredBytes) {
        if (requiredBytes > totalBytes || requiredBytes > ProducerConfig.MAX_BATCH_BYTES) {
            // Waiting could never help (Kafka's BufferPool refuses such a request at once too).
            throw new RecordTooLargeException("A batch for this record needs " + requiredBytes + " bytes, more than "
                + (requiredBytes > totalBytes ? "buffer.memory=" + totalBytes
                    : "the largest batch ackbench can hold (" + ProducerConfig.MAX_BATCH_BYTES + " bytes)"));
        }
        final boolean pooled = requiredBytes <= batchSize;
        final long bytes = pooled ? batchSize : requiredBytes;
        long deadline = 0;
        for (int attempt = 0; !tryReserve(bytes); attempt++) {
            final long now = clock.nanoTime();
            if (attempt == 0) {
                deadline = now + maxBlockNanos;
            } else if (now - deadline >= 0) {
                throw new BufferExhaustedException("Failed to allocate " + bytes + " bytes for a batch within "
                    + "max.block.ms=" + (maxBlockNanos / 1_000_000L) + ": all of buffer.memory=" + totalBytes
                    + " is held by batches not yet completed (batch.size=" + batchSize + ")");
            }
            Backoff.idle(attempt);
        }
        if (!pooled) {
            return new ProducerBatch(requiredBytes, false, sendTimes);
        }
        final ProducerBatch reused = free.poll();
        return reused != null ? reused : new ProducerBatch(batchSize, true, sendTimes);
    }

    /** Returns a completed batch's memory to the budget. */
    void release(final ProducerBatch batch) {
        if (batch.isPooled()) {
            free.offer(batch);
            AVAILABLE.getAndAdd(this, (long) batchSize);
        } else {
            AVAILABLE.getAndAdd(this, (long) batch.capacity());
        }
    }

    private boolean tryReserve(final long bytes) {
        long available = (long) AVAILABLE.getVolatile(this);
        while (available >= bytes) {
            final long witness = (long) AVAILABLE.compareAndExchange(this, available, available - bytes);
            if (witness == available) {
                return true;
            }
            available = witness;
        }
        return false;
    }

    long availableMemory() {
        return (long) AVAILABLE.getVolatile(this);
    }

    long totalMemory() {
        return totalBytes;
    }
}
