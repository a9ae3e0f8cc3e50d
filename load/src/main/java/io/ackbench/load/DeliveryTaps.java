package io.ackbench.load;

import io.ackbench.producer.DeliveryListener;

/**
 * Listeners the load generator tells of every completion beside its own recorders, one per producing thread: a
 * delivery audit uses them to learn what each record's producer was told. Each listener runs on its producer's
 * sender (or I/O) thread, on the measured path, so it must be quick and allocate nothing.
 */
@FunctionalInterface
public interface DeliveryTaps {
    /**
     * The listener for producing thread {@code thread}, whose records are sent on {@code schedule}: its record
     * {@code n} has the intended send time {@code schedule.intendedSendNanos(n)}, which is the {@code appendNanos}
     * each completion carries.
     */
    DeliveryListener forThread(int thread, OpenLoopSchedule schedule);
}
