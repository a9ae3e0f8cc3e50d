package io.ackbench.consumer;

import io.ackbench.record.Sequences;
import org.agrona.collections.Long2LongHashMap;

/**
 * The last sequence read from each idempotent producer of one partition, to check that its batches follow on: in
 * one producer epoch a batch's base sequence is the last one plus one (wrapping as Kafka's sequences do), and a new
 * epoch starts again at 0. A batch that starts at or before a sequence already read is a duplicate; any other break
 * (a skipped sequence, a new epoch not starting at 0, an older epoch after a newer one) is a gap. The first batch of a
 * producer is taken as it comes: the consumer may have started in the middle of its run. Counted, never thrown.
 * Allocates only when a new producer id appears (the map may grow). One consumer thread.
 */
final class ProducerSequences {
    private static final long UNKNOWN = Long.MIN_VALUE;
    /** Half the sequence space: a base sequence this far behind the expected one or less repeats what was read. */
    private static final long HALF_RANGE = (1L << 30);

    /** Producer id to (epoch << 32 | last sequence). */
    private final Long2LongHashMap last = new Long2LongHashMap(UNKNOWN);
    private long gaps;
    private long duplicates;

    void onBatch(final long producerId, final short epoch, final int baseSequence, final int lastSequence) {
        final long known = last.get(producerId);
        if (known == UNKNOWN) {
            last.put(producerId, encode(epoch, lastSequence));
            return;
        }
        final short knownEpoch = (short) (known >> 32);
        final int knownSequence = (int) known;
        if (epoch == knownEpoch) {
            final int expected = Sequences.increment(knownSequence, 1);
            if (baseSequence == expected) {
                last.put(producerId, encode(epoch, lastSequence));
                return;
            }
            final long behind = ((long) expected - baseSequence + (1L << 31)) % (1L << 31);
            if (behind <= HALF_RANGE) {
                duplicates++;
                return;
            }
            gaps++;
            last.put(producerId, encode(epoch, lastSequence));
            return;
        }
        if (epoch < knownEpoch) {
            gaps++; // a fenced epoch's batch after the newer one's
            return;
        }
        if (baseSequence != 0) {
            gaps++;
        }
        last.put(producerId, encode(epoch, lastSequence));
    }

    long gaps() {
        return gaps;
    }

    long duplicates() {
        return duplicates;
    }

    private static long encode(final short epoch, final int sequence) {
        return ((long) epoch << 32) | (sequence & 0xFFFF_FFFFL);
    }
}
