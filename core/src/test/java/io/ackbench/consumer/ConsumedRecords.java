package io.ackbench.consumer;

import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * A listener that keeps what it heard as "partition@offset=number" (number -1: key and value did not match), and in
 * {@link #heard} each record and each batch's end ("end of partition@baseOffset fetched at nanos") in the order heard.
 */
final class ConsumedRecords implements RecordListener {
    final List<String> records = new ArrayList<>();
    final List<Long> numbers = new ArrayList<>();
    final List<String> heard = new ArrayList<>();

    @Override
    public void onRecord(final int partition, final long offset, final long timestamp, final DirectBuffer buffer,
                         final int keyOffset, final int keyLength, final int valueOffset, final int valueLength) {
        final long n = ProducedRecords.number(buffer, keyOffset, keyLength, valueOffset, valueLength);
        records.add(partition + "@" + offset + "=" + n);
        numbers.add(n);
        heard.add(partition + "@" + offset + "=" + n);
    }

    @Override
    public void onBatchRead(final int partition, final long baseOffset, final long fetchedNanos) {
        heard.add("end of " + partition + "@" + baseOffset + " fetched at " + fetchedNanos);
    }
}
