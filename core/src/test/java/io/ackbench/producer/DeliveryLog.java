package io.ackbench.producer;

import org.agrona.concurrent.NanoClock;

import java.util.ArrayList;
import java.util.List;

/**
 * Every outcome the sender reports, in the order reported, with the clock's time. Tests send each record with its
 * id as its append time, so {@link Delivery#recordId()} says which record an outcome belongs to.
 */
final class DeliveryLog implements DeliveryListener {
    record Delivery(long recordId, int partition, long offset, short errorCode, long atNanos) {
    }

    /** A delivery without its time, for tests that check what was reported and not when. */
    record Outcome(long recordId, int partition, long offset, short errorCode) {
    }

    private final NanoClock clock;
    private final List<Delivery> deliveries = new ArrayList<>();

    DeliveryLog(final NanoClock clock) {
        this.clock = clock;
    }

    @Override
    public void onComplete(final int partition, final long offset, final short errorCode, final long appendNanos) {
        deliveries.add(new Delivery(appendNanos, partition, offset, errorCode, clock.nanoTime()));
    }

    List<Delivery> all() {
        return List.copyOf(deliveries);
    }

    List<Outcome> outcomes() {
        return deliveries.stream()
            .map(delivery -> new Outcome(delivery.recordId(), delivery.partition(), delivery.offset(),
                delivery.errorCode()))
            .toList();
    }

    /** How many times the record's outcome was reported: exactly once when the sender is right. */
    long countOf(final long recordId) {
        return deliveries.stream().filter(delivery -> delivery.recordId() == recordId).count();
    }
}
