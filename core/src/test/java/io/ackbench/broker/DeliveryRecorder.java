package io.ackbench.broker;

import io.ackbench.producer.DeliveryListener;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Collects every record's outcome for a test. Tests send each record with its number as the intended send time,
 * so {@link Delivery#record()} says which record an outcome belongs to.
 */
public final class DeliveryRecorder implements DeliveryListener {
    public record Delivery(int partition, long offset, short errorCode, long record) {
    }

    private final List<Delivery> deliveries = new ArrayList<>();

    @Override
    public synchronized void onComplete(final int partition, final long offset, final short errorCode,
                                        final long appendNanos) {
        deliveries.add(new Delivery(partition, offset, errorCode, appendNanos));
        notifyAll();
    }

    public synchronized int count() {
        return deliveries.size();
    }

    public synchronized List<Delivery> deliveries() {
        return new ArrayList<>(deliveries);
    }

    /** Waits until {@code n} outcomes arrived; returns false on timeout. */
    public synchronized boolean awaitCount(final int n, final long timeout, final TimeUnit unit) throws InterruptedException {
        final long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (deliveries.size() < n) {
            final long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }
}
