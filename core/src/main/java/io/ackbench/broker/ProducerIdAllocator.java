package io.ackbench.broker;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out producer ids for InitProducerId, unique across the cluster's brokers (Kafka reserves blocks of ids
 * through the controller; one shared counter does the same job in one JVM). Thread-safe.
 */
public final class ProducerIdAllocator {
    private final AtomicLong next = new AtomicLong();

    public long next() {
        return next.getAndIncrement();
    }
}
