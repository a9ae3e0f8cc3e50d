package io.ackbench.broker;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out producer ids for InitProducerId to brokers without a controller (tests that drive roles by hand), unique
 * across the brokers that share it; brokers with a controller take blocks from it instead. Thread-safe.
 */
public final class ProducerIdAllocator {
    /** The next id: taken by atomic increment (getAndIncrement) on every broker thread that answers InitProducerId. */
    private final AtomicLong next = new AtomicLong();

    public long next() {
        return next.getAndIncrement();
    }
}
