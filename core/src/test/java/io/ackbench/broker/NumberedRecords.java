package io.ackbench.broker;

import io.ackbench.producer.Producer;
import io.ackbench.record.RecordBatchLayout;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Sends records whose value starts with their number (big-endian), passing the number as the intended send time
 * so that a {@link DeliveryRecorder} can tell which record each outcome belongs to.
 */
public final class NumberedRecords {
    private final UnsafeBuffer key = new UnsafeBuffer(ByteBuffer.allocateDirect(Long.BYTES));
    private final UnsafeBuffer value;
    private final boolean keyed;

    public NumberedRecords(final int valueBytes, final boolean keyed) {
        this.value = new UnsafeBuffer(ByteBuffer.allocateDirect(valueBytes));
        this.keyed = keyed;
    }

    /** Sends records {@code from .. from+count-1}. */
    public void send(final Producer producer, final long from, final int count) {
        for (long n = from; n < from + count; n++) {
            value.putLong(0, n, ByteOrder.BIG_ENDIAN);
            if (keyed) {
                key.putLong(0, n, ByteOrder.BIG_ENDIAN);
                producer.send(key, 0, Long.BYTES, value, 0, value.capacity(), null, RecordBatchLayout.NO_TIMESTAMP, n);
            } else {
                producer.send(null, 0, -1, value, 0, value.capacity(), null, RecordBatchLayout.NO_TIMESTAMP, n);
            }
        }
    }
}
