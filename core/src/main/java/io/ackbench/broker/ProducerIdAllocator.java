package io.ackbench.broker;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out producer ids for InitProducerId, unique across the cluster's brokers (Kafka reserves blocks of ids
 * through the controller; one shared counter does the same job in one JVM). Thread-safe.
 */
public final class ProducerIdAllocator {
    /** Ids each broker process may hand out without a controller: broker b allocates from {@code b << 40}. */
    private static final int BLOCK_SHIFT = 40;

    /** The next id: taken by atomic increment (getAndIncrement) on every broker thread that answers InitProducerId. */
    private final AtomicLong next;

    public ProducerIdAllocator() {
        this(0);
    }

    private ProducerIdAllocator(final long first) {
        this.next = new AtomicLong(first);
    }

    /** The allocator of a broker alone in its process: a block of ids no other broker uses. */
    public static ProducerIdAllocator forBroker(final int brokerId) {
        return new ProducerIdAllocator((long) brokerId << BLOCK_SHIFT);
    }

    public long next() {
        return next.getAndIncrement();
    }
}
