package io.ackbench.consumer;

import io.ackbench.broker.BrokerCluster;
import io.ackbench.producer.DeliveryListener;
import io.ackbench.producer.Producer;
import io.ackbench.record.RecordBatchLayout;
import io.ackbench.testing.Await;
import io.ackbench.transport.ErrorCode;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records numbered n: an 8-byte key n and a 16-byte value (n, n * 31), all big-endian, so a reader can check that key
 * and value belong together. Sends them through an ackbench producer and waits until each is acknowledged.
 */
final class ProducedRecords {
    static final int KEY_LENGTH = Long.BYTES;
    static final int VALUE_LENGTH = 2 * Long.BYTES;

    private ProducedRecords() {
    }

    /** Sends records {@code from} to {@code from + count - 1} with {@code settings}; fails if any is not acknowledged. */
    static void produce(final BrokerCluster cluster, final Map<String, String> settings, final long from,
                        final int count) {
        produce(cluster, settings, -1, from, count);
    }

    /** As {@link #produce(BrokerCluster, Map, long, int)}, learning the leaders from {@code bootstrapBroker} if >= 0. */
    static void produce(final BrokerCluster cluster, final Map<String, String> settings, final int bootstrapBroker,
                        final long from, final int count) {
        final AtomicLong done = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final DeliveryListener listener = (partition, offset, errorCode, appendNanos) -> {
            if (errorCode != ErrorCode.NONE) {
                failed.incrementAndGet();
            }
            done.incrementAndGet();
        };
        final UnsafeBuffer key = new UnsafeBuffer(ByteBuffer.allocateDirect(KEY_LENGTH));
        final UnsafeBuffer value = new UnsafeBuffer(ByteBuffer.allocateDirect(VALUE_LENGTH));
        try (Producer producer = bootstrapBroker < 0
            ? Producer.connect(settings, cluster.layout(), cluster.connectClient(), listener)
            : Producer.connect(settings, bootstrapBroker, cluster.layout().topic(), cluster.connectClient(), listener)) {
            for (long n = from; n < from + count; n++) {
                key.putLong(0, n, ByteOrder.BIG_ENDIAN);
                value.putLong(0, n, ByteOrder.BIG_ENDIAN);
                value.putLong(Long.BYTES, n * 31, ByteOrder.BIG_ENDIAN);
                producer.send(key, 0, KEY_LENGTH, value, 0, VALUE_LENGTH, null, RecordBatchLayout.NO_TIMESTAMP);
            }
            producer.flush();
            Await.until("every record acknowledged", () -> done.get() == count, done::get);
        }
        if (failed.get() != 0) {
            throw new AssertionError(failed.get() + " of " + count + " records failed");
        }
    }

    /**
     * The record number a consumed record carries, after checking its key and value belong together; -1 if they do
     * not (the reader reports that as an error).
     */
    static long number(final DirectBuffer buffer, final int keyOffset, final int keyLength, final int valueOffset,
                       final int valueLength) {
        if (keyLength != KEY_LENGTH || valueLength != VALUE_LENGTH) {
            return -1;
        }
        final long n = buffer.getLong(keyOffset, ByteOrder.BIG_ENDIAN);
        return buffer.getLong(valueOffset, ByteOrder.BIG_ENDIAN) == n
            && buffer.getLong(valueOffset + Long.BYTES, ByteOrder.BIG_ENDIAN) == n * 31 ? n : -1;
    }
}
