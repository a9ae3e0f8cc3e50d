package io.ackbench.load.audit;

import io.ackbench.load.RecordId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sorts a {@link DeliveryHistory} into the classes of {@link DeliveryAudit}. A record read from a partition other
 * than the one its producer said it went to, or never sent, is an error of the harness, not a delivery class: it is
 * refused.
 */
public final class DeliveryClassifier {
    private DeliveryClassifier() {
    }

    /**
     * @throws IllegalStateException naming the record if one was read that was never sent, or read from another
     *                               partition than it was sent to
     */
    public static DeliveryAudit classify(final DeliveryHistory history) {
        final Map<Long, DeliveryHistory.Sent> sent = history.sentRecords();
        final Map<Long, Integer> copies = new HashMap<>();
        final List<Long> reordered = new ArrayList<>();
        long read = 0;
        for (final Map.Entry<Integer, List<Long>> partition : history.reads().entrySet()) {
            // Per producing thread, the highest send index read so far on this partition.
            final Map<Integer, Long> highestIndex = new HashMap<>();
            for (final long id : partition.getValue()) {
                read++;
                final DeliveryHistory.Sent record = sent.get(id);
                if (record == null) {
                    throw new IllegalStateException("Read " + RecordId.describe(id) + " from partition "
                        + partition.getKey() + ", which no producer sent");
                }
                if (record.partition() != DeliveryHistory.UNKNOWN_PARTITION
                    && record.partition() != partition.getKey()) {
                    throw new IllegalStateException("Read " + RecordId.describe(id) + " from partition "
                        + partition.getKey() + "; it was sent to partition " + record.partition());
                }
                if (copies.merge(id, 1, Integer::sum) > 1) {
                    continue; // a later copy: counted as duplicated below, and says nothing about order
                }
                final long index = RecordId.index(id);
                final Long highest = highestIndex.get(RecordId.thread(id));
                if (highest != null && index < highest) {
                    reordered.add(id);
                } else {
                    highestIndex.put(RecordId.thread(id), index);
                }
            }
        }
        long acknowledged = 0;
        final List<Long> lost = new ArrayList<>();
        final List<Long> duplicated = new ArrayList<>();
        final List<Long> failedButPresent = new ArrayList<>();
        final List<Long> unacknowledgedAbsent = new ArrayList<>();
        for (final Map.Entry<Long, DeliveryHistory.Sent> record : sent.entrySet()) {
            final long id = record.getKey();
            final int readCopies = copies.getOrDefault(id, 0);
            final boolean acked = record.getValue().outcome() == SendOutcome.ACKNOWLEDGED;
            acknowledged += acked ? 1 : 0;
            if (readCopies > 1) {
                duplicated.add(id);
            }
            if (acked && readCopies == 0) {
                lost.add(id);
            } else if (!acked && readCopies == 0) {
                unacknowledgedAbsent.add(id);
            } else if (!acked) {
                failedButPresent.add(id);
            }
        }
        return new DeliveryAudit(acknowledged, read, sorted(lost), sorted(duplicated), sorted(reordered),
            sorted(failedButPresent), sorted(unacknowledgedAbsent));
    }

    private static List<Long> sorted(final List<Long> ids) {
        ids.sort(null);
        return List.copyOf(ids);
    }
}
