package io.ackbench.consumer;

import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.List;

/** A listener that keeps what it heard as "partition@offset=number" (number -1: key and value did not match). */
final class ConsumedRecords implements RecordListener {
    final List<String> records = new ArrayList<>();
    final List<Long> numbers = new ArrayList<>();

    @Override
    public void onRecord(final int partition, final long offset, final long timestamp, final DirectBuffer buffer,
                         final int keyOffset, final int keyLength, final int valueOffset, final int valueLength) {
        final long n = ProducedRecords.number(buffer, keyOffset, keyLength, valueOffset, valueLength);
        records.add(partition + "@" + offset + "=" + n);
        numbers.add(n);
    }
}
