package io.ackbench.consumer;

import io.ackbench.testing.Await;

/** Polls a consumer on the test thread until it has read a number of records and is at the end. */
final class ConsumerAwait {
    private ConsumerAwait() {
    }

    static void readAll(final Consumer consumer, final ConsumedRecords consumed, final int records) {
        readAll(consumer, consumed, records, Await.DEFAULT_TIMEOUT_MS);
    }

    static void readAll(final Consumer consumer, final ConsumedRecords consumed, final int records,
                        final long timeoutMs) {
        Await.until("the consumer read " + records + " records and is at the end", () -> {
            consumer.poll(10);
            return consumed.records.size() >= records && consumer.atEnd();
        }, () -> consumed.records.size() + " records read", timeoutMs);
    }
}
