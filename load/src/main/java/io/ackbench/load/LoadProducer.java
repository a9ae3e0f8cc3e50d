package io.ackbench.load;

import org.agrona.DirectBuffer;

/** One producing thread's producer, whichever system it sends to; used by that thread only, except {@link #close}. */
public interface LoadProducer {
    /**
     * Sends one record, copying key and value before it returns.
     *
     * @param keyLength     the key's length at offset 0 of {@code key}, or -1 for a null key
     * @param intendedNanos the record's intended send time, handed back to the delivery listener
     */
    void send(DirectBuffer key, int keyLength, DirectBuffer value, int valueLength, long intendedNanos);

    /** Sends whatever is buffered and waits until every record sent so far has completed. */
    void flush();

    void close();
}
