package io.ackbench.broker;

import static io.ackbench.record.RecordBatchLayout.BASE_OFFSET_OFFSET;
import static io.ackbench.record.RecordBatchLayout.BASE_SEQUENCE_OFFSET;
import static io.ackbench.record.RecordBatchLayout.BATCH_LENGTH_OFFSET;
import static io.ackbench.record.RecordBatchLayout.LAST_OFFSET_DELTA_OFFSET;
import static io.ackbench.record.RecordBatchLayout.LOG_OVERHEAD;
import static io.ackbench.record.RecordBatchLayout.MAX_TIMESTAMP_OFFSET;
import static io.ackbench.record.RecordBatchLayout.PRODUCER_EPOCH_OFFSET;
import static io.ackbench.record.RecordBatchLayout.PRODUCER_ID_OFFSET;
import static java.nio.ByteOrder.BIG_ENDIAN;

import io.ackbench.record.RecordBatchLayout;
import io.ackbench.record.Sequences;
import io.ackbench.transport.ErrorCode;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * One partition's idempotent-producer state, Kafka's {@code ProducerStateManager} (kafka-semantics.md §5.3): per
 * producer id, the epoch and the last {@value #NUM_BATCHES_TO_RETAIN} appended batches, used to drop retried duplicates
 * and to refuse batches that arrive out of order or from a fenced epoch.
 *
 * <p>Every replica keeps one for the whole life of its partition, leader or follower, as Kafka's replicas do: the
 * leader records each batch it appends ({@link #onAppended}), a follower each batch it replicates
 * ({@link #onReplicated}), so a follower that becomes leader still knows the batches a producer may retry. A log's
 * tail rebuilds it on open and after a truncation ({@link ProducerStateLoader}).
 *
 * <p>Single-threaded: the broker's duty-cycle thread that appends to the partition owns it. Allocation-free in steady
 * state; the first batch of a new producer id allocates its entry (and may grow the map) once.
 *
 * <p>Callers pass only batches that carry a producer id ({@code producerId >= 0}); batches without one, and batches
 * whose producer id comes without a sequence, are the log validator's business ({@code INVALID_RECORD} in Kafka).
 * Producer expiry ({@code producer.id.expiration.ms}) and snapshots are not modelled (kafka-semantics.md §8.4).
 */
public final class ProducerStateTable {
    /** Batches remembered per producer; why the producer caps in-flight requests at 5 (kafka-semantics.md §5.4). */
    public static final int NUM_BATCHES_TO_RETAIN = 5;

    private static final long NO_OFFSET = -1L;

    private final Long2ObjectHashMap<ProducerEntry> producers = new Long2ObjectHashMap<>();
    private long duplicateFirstOffset = NO_OFFSET;
    private long duplicateLastOffset = NO_OFFSET;
    private long duplicateTimestamp = RecordBatchLayout.NO_TIMESTAMP;

    /**
     * Checks a client batch before it is appended (order of §5.3: duplicate check, then epoch, then sequence).
     *
     * @param producerId the batch's producer id, {@code >= 0}
     * @param epoch      the batch's producer epoch
     * @param firstSeq   the batch's base sequence
     * @param lastSeq    the batch's last sequence, {@code Sequences.increment(firstSeq, lastOffsetDelta)}
     * @return {@link ErrorCode#NONE} to append; {@link ErrorCode#DUPLICATE_SEQUENCE_NUMBER} when the batch is exactly
     *     (same epoch, firstSeq and lastSeq) one of the retained batches, whose offsets and timestamp are then in
     *     {@link #duplicateFirstOffset()}, {@link #duplicateLastOffset()} and {@link #duplicateTimestamp()} (the
     *     broker appends nothing and answers NONE with the first offset once the last one is acknowledged as acks
     *     asks, as for the original); {@link ErrorCode#INVALID_PRODUCER_EPOCH} for an epoch older than the stored
     *     one; {@link ErrorCode#OUT_OF_ORDER_SEQUENCE_NUMBER} for a sequence gap, or for a new epoch not starting at
     *     0. An unknown producer id accepts any sequence (KIP-360: its state may have expired or been deleted).
     */
    public short check(final long producerId, final short epoch, final int firstSeq, final int lastSeq) {
        final ProducerEntry entry = producers.get(producerId);
        if (entry == null) {
            // An unknown producer compares as the stored epoch -1, like Kafka's empty entry.
            return epoch < RecordBatchLayout.NO_PRODUCER_EPOCH ? ErrorCode.INVALID_PRODUCER_EPOCH : ErrorCode.NONE;
        }
        if (epoch == entry.epoch) {
            final int slot = entry.find(firstSeq, lastSeq);
            if (slot >= 0) {
                duplicateFirstOffset = entry.firstOffsets[slot];
                duplicateLastOffset = entry.lastOffsets[slot];
                duplicateTimestamp = entry.timestamps[slot];
                return ErrorCode.DUPLICATE_SEQUENCE_NUMBER;
            }
        }
        if (epoch < entry.epoch) {
            return ErrorCode.INVALID_PRODUCER_EPOCH;
        }
        if (epoch != entry.epoch) {
            // An epoch bump restarts the sequences at 0, unless the stored state has no epoch at all.
            return firstSeq == 0 || entry.epoch == RecordBatchLayout.NO_PRODUCER_EPOCH
                ? ErrorCode.NONE : ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER;
        }
        if (entry.epoch == RecordBatchLayout.NO_PRODUCER_EPOCH || isNextAfter(entry.lastSeq(), firstSeq)) {
            return ErrorCode.NONE;
        }
        return ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER;
    }

    /** @return the first offset of the batch the last {@link #check} found a duplicate of, -1 before any */
    public long duplicateFirstOffset() {
        return duplicateFirstOffset;
    }

    /**
     * @return the last offset of the batch the last {@link #check} found a duplicate of, -1 before any: under
     *     acks=all the duplicate is answered only once the high watermark passes it, since the original may still be
     *     on the leader alone (Kafka's requiredOffset, the duplicate's lastOffset + 1)
     */
    public long duplicateLastOffset() {
        return duplicateLastOffset;
    }

    /** @return the timestamp of the batch the last {@link #check} found a duplicate of, -1 before any */
    public long duplicateTimestamp() {
        return duplicateTimestamp;
    }

    /**
     * Records an appended batch (after a NONE check): a new epoch forgets the old epoch's batches, and the oldest
     * retained batch is dropped once {@value #NUM_BATCHES_TO_RETAIN} are held.
     *
     * @param producerId  the batch's producer id, {@code >= 0}
     * @param epoch       the batch's producer epoch
     * @param firstSeq    the batch's base sequence
     * @param lastSeq     the batch's last sequence
     * @param firstOffset the offset the log gave the batch's first record
     * @param lastOffset  the offset of its last record, which a duplicate under acks=all waits for
     * @param timestamp   the batch's max timestamp (as Kafka keeps it), reported for a duplicate by
     *                    {@link #duplicateTimestamp()}
     */
    public void onAppended(final long producerId, final short epoch, final int firstSeq, final int lastSeq,
        final long firstOffset, final long lastOffset, final long timestamp) {
        if (producerId < 0) {
            throw new IllegalArgumentException("Producer state is kept only for batches with a producer id, got "
                + producerId);
        }
        ProducerEntry entry = producers.get(producerId);
        if (entry == null) {
            entry = new ProducerEntry(epoch);
            producers.put(producerId, entry);
        } else if (entry.epoch != epoch) {
            entry.reset(epoch);
        }
        entry.add(firstSeq, lastSeq, firstOffset, lastOffset, timestamp);
    }

    /**
     * Records every batch with a producer id and a sequence among whole batches that already carry their offsets, as
     * a follower has just appended them or as a log's tail holds them: the leader checked them, so nothing is checked
     * here. Batches without a producer id are skipped. Allocation-free but for a new producer id's entry.
     *
     * @return how many batches the bytes held
     */
    public int onReplicated(final DirectBuffer batches, final int offset, final int length) {
        final int end = offset + length;
        int count = 0;
        for (int at = offset; at < end; at += LOG_OVERHEAD + batches.getInt(at + BATCH_LENGTH_OFFSET, BIG_ENDIAN)) {
            count++;
            final long producerId = batches.getLong(at + PRODUCER_ID_OFFSET, BIG_ENDIAN);
            final int firstSeq = batches.getInt(at + BASE_SEQUENCE_OFFSET, BIG_ENDIAN);
            if (producerId < 0 || firstSeq < 0) {
                continue;
            }
            final int lastOffsetDelta = batches.getInt(at + LAST_OFFSET_DELTA_OFFSET, BIG_ENDIAN);
            final long firstOffset = batches.getLong(at + BASE_OFFSET_OFFSET, BIG_ENDIAN);
            onAppended(producerId, batches.getShort(at + PRODUCER_EPOCH_OFFSET, BIG_ENDIAN), firstSeq,
                Sequences.increment(firstSeq, lastOffsetDelta), firstOffset, firstOffset + lastOffsetDelta,
                batches.getLong(at + MAX_TIMESTAMP_OFFSET, BIG_ENDIAN));
        }
        return count;
    }

    /** Forgets every producer, before a rebuild from the log. Drops the entries, which the rebuild allocates anew. */
    public void clear() {
        producers.clear();
    }

    /** @return how many producer ids have state in this partition */
    public int producerCount() {
        return producers.size();
    }

    /** Kafka's {@code inSequence}: the next sequence follows {@code lastSeq}, wrapping from MAX_VALUE to 0. */
    private static boolean isNextAfter(final int lastSeq, final int nextSeq) {
        return nextSeq == lastSeq + 1L || (nextSeq == 0 && lastSeq == Integer.MAX_VALUE);
    }

    /**
     * One producer's epoch and retained batches, in parallel primitive arrays used as a ring: {@code oldest} is the
     * slot of the oldest batch and {@code count} how many slots hold one.
     */
    private static final class ProducerEntry {
        private final int[] firstSeqs = new int[NUM_BATCHES_TO_RETAIN];
        private final int[] lastSeqs = new int[NUM_BATCHES_TO_RETAIN];
        private final long[] firstOffsets = new long[NUM_BATCHES_TO_RETAIN];
        /** Kafka's BatchMetadata.lastOffset: what the high watermark must pass before a duplicate is acknowledged. */
        private final long[] lastOffsets = new long[NUM_BATCHES_TO_RETAIN];
        private final long[] timestamps = new long[NUM_BATCHES_TO_RETAIN];
        private short epoch;
        private int oldest;
        private int count;

        ProducerEntry(final short epoch) {
            this.epoch = epoch;
        }

        void reset(final short newEpoch) {
            epoch = newEpoch;
            oldest = 0;
            count = 0;
        }

        void add(final int firstSeq, final int lastSeq, final long firstOffset, final long lastOffset,
            final long timestamp) {
            final int slot;
            if (count == NUM_BATCHES_TO_RETAIN) {
                slot = oldest;
                oldest = next(oldest);
            } else {
                slot = slot(count);
                count++;
            }
            firstSeqs[slot] = firstSeq;
            lastSeqs[slot] = lastSeq;
            firstOffsets[slot] = firstOffset;
            lastOffsets[slot] = lastOffset;
            timestamps[slot] = timestamp;
        }

        /** @return the slot of the retained batch with exactly these sequences, or -1 */
        int find(final int firstSeq, final int lastSeq) {
            for (int i = 0; i < count; i++) {
                final int slot = slot(i);
                if (firstSeqs[slot] == firstSeq && lastSeqs[slot] == lastSeq) {
                    return slot;
                }
            }
            return -1;
        }

        /** @return the newest batch's last sequence, or -1 when none is retained */
        int lastSeq() {
            return count == 0 ? RecordBatchLayout.NO_SEQUENCE : lastSeqs[slot(count - 1)];
        }

        private int slot(final int age) {
            final int slot = oldest + age;
            return slot >= NUM_BATCHES_TO_RETAIN ? slot - NUM_BATCHES_TO_RETAIN : slot;
        }

        private static int next(final int slot) {
            return slot + 1 == NUM_BATCHES_TO_RETAIN ? 0 : slot + 1;
        }
    }
}
