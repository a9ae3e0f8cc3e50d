package io.ackbench.load.audit;

import io.ackbench.load.DeliveryTaps;
import io.ackbench.load.OpenLoopSchedule;
import io.ackbench.load.RecordId;
import io.ackbench.producer.DeliveryListener;
import io.ackbench.transport.ErrorCode;

import java.util.ArrayList;
import java.util.List;

/**
 * What each producer was told about each record it sent, kept as a run goes: the {@link DeliveryTaps} a delivery
 * audit gives the load generator. Each producing thread's completions arrive on its producer's sender (or I/O)
 * thread; a completion carries the record's intended send time, which the thread's {@link OpenLoopSchedule} maps back
 * to the record's index ({@link OpenLoopSchedule#indexOf}), so nothing is allocated per record. Each thread's ledger
 * also counts acknowledgements per {@value #BUCKET_MILLIS} ms of the run, the timeline from which unavailability
 * (the longest stretch with none) is read.
 *
 * <p>Threads: each {@link ThreadLedger} has one writer, its sender thread, with plain stores; the caller reads them
 * only after the load generator's run returned, having joined and closed every producer (which orders the sender
 * threads' stores before the reads).
 */
public final class OutcomeLedger implements DeliveryTaps {
    /** The timeline's resolution. */
    public static final int BUCKET_MILLIS = 10;
    private static final long BUCKET_NANOS = BUCKET_MILLIS * 1_000_000L;
    private static final byte UNANSWERED = 0;
    private static final byte ACKNOWLEDGED = 1;
    private static final byte FAILED = 2;

    /** What {@link #originNanos()} answers before thread 0's producer was connected. */
    public static final long NO_ORIGIN = Long.MIN_VALUE;

    private final int recordsPerThread;
    private final int buckets;
    /** Thread 0's schedule start: written once under this object's lock, read by any thread; volatile. */
    private volatile long originNanos = NO_ORIGIN;
    private final List<ThreadLedger> threads = new ArrayList<>();

    /**
     * @param recordsPerThread the most records one producing thread sends, warm-up included; more is an error
     * @param spanNanos        how long the timeline lasts from the run's first intended send; later
     *                         acknowledgements count in its last bucket
     */
    public OutcomeLedger(final int recordsPerThread, final long spanNanos) {
        this.recordsPerThread = recordsPerThread;
        this.buckets = (int) Math.max(1, spanNanos / BUCKET_NANOS + 1);
    }

    /**
     * The timeline's origin, thread 0's first intended send (the load generator connects thread 0 first); the
     * warm-up starts there. {@link #NO_ORIGIN} until then.
     */
    public long originNanos() {
        return originNanos;
    }

    @Override
    public synchronized DeliveryListener forThread(final int thread, final OpenLoopSchedule schedule) {
        if (thread == 0) {
            originNanos = schedule.startNanos();
        } else if (originNanos == NO_ORIGIN) {
            throw new IllegalStateException("Producing thread " + thread + " connected before thread 0");
        }
        final ThreadLedger ledger = new ThreadLedger(thread, schedule, recordsPerThread, originNanos, buckets);
        threads.add(ledger);
        return ledger;
    }

    /**
     * Adds every record sent to {@code history} with what its producer was told. A thread's records are those up to
     * the highest index that completed: a flushed producer has completed everything it sent, so any lower index
     * without a completion is {@link SendOutcome#UNANSWERED}.
     */
    public synchronized void addSendsTo(final DeliveryHistory history) {
        for (final ThreadLedger ledger : threads) {
            for (int index = 0; index <= ledger.highestIndex; index++) {
                final SendOutcome outcome = switch (ledger.outcomes[index]) {
                    case ACKNOWLEDGED -> SendOutcome.ACKNOWLEDGED;
                    case FAILED -> SendOutcome.FAILED;
                    default -> SendOutcome.UNANSWERED;
                };
                history.sent(RecordId.of(ledger.thread, index), ledger.partitions[index], outcome);
            }
        }
    }

    /** Acknowledgements per {@value #BUCKET_MILLIS} ms from the origin, over every thread. */
    public synchronized long[] acknowledgementTimeline() {
        final long[] total = new long[buckets];
        for (final ThreadLedger ledger : threads) {
            for (int b = 0; b < buckets; b++) {
                total[b] += ledger.acknowledgedPerBucket[b];
            }
        }
        return total;
    }

    /**
     * The longest stretch, in milliseconds, with no acknowledgement between {@code fromNanos} and {@code toNanos}
     * (on the origin's clock), at the timeline's resolution: how long the cluster was unavailable to producers.
     */
    public long longestGapMillis(final long fromNanos, final long toNanos) {
        final long[] timeline = acknowledgementTimeline();
        final int first = (int) Math.max(0, Math.min(buckets - 1, (fromNanos - originNanos) / BUCKET_NANOS));
        final int last = (int) Math.max(0, Math.min(buckets - 1, (toNanos - originNanos) / BUCKET_NANOS));
        long longest = 0;
        long current = 0;
        for (int b = first; b <= last; b++) {
            current = timeline[b] == 0 ? current + 1 : 0;
            longest = Math.max(longest, current);
        }
        return longest * BUCKET_MILLIS;
    }

    /** Completions whose time matched no record of their thread's schedule: an error of the harness if not 0. */
    public synchronized long unmatched() {
        long unmatched = 0;
        for (final ThreadLedger ledger : threads) {
            unmatched += ledger.unmatched;
        }
        return unmatched;
    }

    /** One producing thread's outcomes, indexed by its records' schedule index. */
    private static final class ThreadLedger implements DeliveryListener {
        private final int thread;
        private final OpenLoopSchedule schedule;
        private final byte[] outcomes;
        /** The partition each record completed on, or -1 where it is unknown (never answered). */
        private final short[] partitions;
        private final long[] acknowledgedPerBucket;
        private final long originNanos;
        private int highestIndex = -1;
        private long unmatched;

        ThreadLedger(final int thread, final OpenLoopSchedule schedule, final int records, final long originNanos,
                     final int buckets) {
            this.thread = thread;
            this.schedule = schedule;
            this.outcomes = new byte[records];
            this.partitions = new short[records];
            java.util.Arrays.fill(partitions, (short) DeliveryHistory.UNKNOWN_PARTITION);
            this.acknowledgedPerBucket = new long[buckets];
            this.originNanos = originNanos;
        }

        @Override
        public void onComplete(final int partition, final long offset, final short errorCode,
                               final long appendNanos) {
            final long index = schedule.indexOf(appendNanos);
            if (index < 0 || index >= outcomes.length) {
                unmatched++;
                return;
            }
            final int i = (int) index;
            // A record completes once; a second completion would be a producer bug, and the first answer stands.
            if (outcomes[i] != UNANSWERED) {
                unmatched++;
                return;
            }
            outcomes[i] = errorCode == ErrorCode.NONE ? ACKNOWLEDGED : FAILED;
            partitions[i] = (short) partition;
            highestIndex = Math.max(highestIndex, i);
            if (errorCode == ErrorCode.NONE) {
                final long bucket = (System.nanoTime() - originNanos) / BUCKET_NANOS;
                acknowledgedPerBucket[(int) Math.max(0, Math.min(acknowledgedPerBucket.length - 1, bucket))]++;
            }
        }
    }
}
