package io.ackbench.load;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a load thread waited on besides its schedule, so that a late send has a named cause: time blocked inside
 * the producer's send (a full buffer, a blocked append), wake-ups later than a park's usual overshoot (the thread
 * was descheduled), and records it reached already late, sent back to back to catch up.
 *
 * <p>Threads: one writer, the load thread (through {@link OpenLoopSchedule#awaitSendTime(long, LoadThreadWaits)}
 * and {@link ProducerLoad}); it allocates nothing. Every counter is an {@link AtomicLong} written with a plain read
 * then a release store ({@code lazySet}), correct because there is one writer; any thread reads them with a volatile
 * load ({@code get}) and sees each counter at most a few events old. Two counters read one after the other may
 * come from different moments (a count one event ahead of its total): readers sum them for a report, never
 * divide one live counter by another.
 */
public final class LoadThreadWaits {
    /**
     * A send that takes longer than this was blocked (a full buffer, a lock, a blocking append): an unblocked send
     * into ackbench's producer or KafkaProducer takes 1 to 10 µs here.
     */
    public static final long BLOCKED_SEND_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    /**
     * A wake-up later than this after the time the thread asked for is a descheduling, not the park's usual
     * overshoot (60 to 85 µs on the 2-core VMs, with Linux's 50 µs timer slack).
     */
    public static final long LATE_WAKE_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
    /**
     * A record sent more than this after its intended time is sent late, in a catch-up burst with the others
     * behind it; this is the pacing goal's bound on the send delay.
     */
    public static final long CATCH_UP_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    private final AtomicLong parks = new AtomicLong();
    private final AtomicLong blockedSends = new AtomicLong();
    private final AtomicLong blockedSendNanos = new AtomicLong();
    private final AtomicLong maxBlockedSendNanos = new AtomicLong();
    private final AtomicLong lateWakes = new AtomicLong();
    private final AtomicLong lateWakeNanos = new AtomicLong();
    private final AtomicLong maxLateWakeNanos = new AtomicLong();
    private final AtomicLong catchUpRecords = new AtomicLong();
    private final AtomicLong catchUpBursts = new AtomicLong();
    private final AtomicLong longestCatchUpBurst = new AtomicLong();
    /** Late records in the current burst; the writer's own. */
    private long burst;

    /** The thread woke {@code lateNanos} after the time it parked until. */
    void onWake(final long lateNanos) {
        parks.lazySet(parks.getPlain() + 1);
        if (lateNanos > LATE_WAKE_NANOS) {
            lateWakes.lazySet(lateWakes.getPlain() + 1);
            lateWakeNanos.lazySet(lateWakeNanos.getPlain() + lateNanos);
            if (lateNanos > maxLateWakeNanos.getPlain()) {
                maxLateWakeNanos.lazySet(lateNanos);
            }
        }
    }

    /** The thread sends a record {@code lateNanos} after its intended time (its send delay). */
    void onSent(final long lateNanos) {
        if (lateNanos <= CATCH_UP_NANOS) {
            burst = 0;
            return;
        }
        catchUpRecords.lazySet(catchUpRecords.getPlain() + 1);
        if (++burst == 1) {
            catchUpBursts.lazySet(catchUpBursts.getPlain() + 1);
        }
        if (burst > longestCatchUpBurst.getPlain()) {
            longestCatchUpBurst.lazySet(burst);
        }
    }

    /** A call to the producer's send took {@code nanos}. */
    void onSend(final long nanos) {
        if (nanos > BLOCKED_SEND_NANOS) {
            blockedSends.lazySet(blockedSends.getPlain() + 1);
            blockedSendNanos.lazySet(blockedSendNanos.getPlain() + nanos);
            if (nanos > maxBlockedSendNanos.getPlain()) {
                maxBlockedSendNanos.lazySet(nanos);
            }
        }
    }

    /** Every thread's waits together: counts and totals summed, maxima the largest. Cold path. */
    public static LoadThreadWaits sum(final LoadThreadWaits... all) {
        final LoadThreadWaits sum = new LoadThreadWaits();
        for (final LoadThreadWaits w : all) {
            add(sum.parks, w.parks());
            add(sum.blockedSends, w.blockedSends());
            add(sum.blockedSendNanos, w.blockedSendNanos());
            max(sum.maxBlockedSendNanos, w.maxBlockedSendNanos());
            add(sum.lateWakes, w.lateWakes());
            add(sum.lateWakeNanos, w.lateWakeNanos());
            max(sum.maxLateWakeNanos, w.maxLateWakeNanos());
            add(sum.catchUpRecords, w.catchUpRecords());
            add(sum.catchUpBursts, w.catchUpBursts());
            max(sum.longestCatchUpBurst, w.longestCatchUpBurst());
        }
        return sum;
    }

    private static void add(final AtomicLong counter, final long value) {
        counter.set(counter.get() + value);
    }

    private static void max(final AtomicLong counter, final long value) {
        counter.set(Math.max(counter.get(), value));
    }

    /** Times the thread parked to wait for a record's intended time. */
    public long parks() {
        return parks.get();
    }

    /** Sends that took longer than {@link #BLOCKED_SEND_NANOS}. */
    public long blockedSends() {
        return blockedSends.get();
    }

    /** The whole time those sends took. */
    public long blockedSendNanos() {
        return blockedSendNanos.get();
    }

    public long maxBlockedSendNanos() {
        return maxBlockedSendNanos.get();
    }

    /** Wake-ups later than {@link #LATE_WAKE_NANOS} after the time asked for. */
    public long lateWakes() {
        return lateWakes.get();
    }

    /** How late those wake-ups were, in total. */
    public long lateWakeNanos() {
        return lateWakeNanos.get();
    }

    public long maxLateWakeNanos() {
        return maxLateWakeNanos.get();
    }

    /** Records sent more than {@link #CATCH_UP_NANOS} after their intended time. */
    public long catchUpRecords() {
        return catchUpRecords.get();
    }

    /** Runs of such records, one after the other. */
    public long catchUpBursts() {
        return catchUpBursts.get();
    }

    public long longestCatchUpBurst() {
        return longestCatchUpBurst.get();
    }

    /** One line for the end of a run: what the load threads waited on. */
    public String line() {
        return String.format(Locale.ROOT, "Load thread waits: %d parks; %d sends blocked over %d us (%.1f ms in "
                + "total, %d us max); %d wake-ups late by over %d us (%.1f ms in total, %d us max); %d records sent "
                + "over %d us late in %d catch-up bursts (longest %d).",
            parks(), blockedSends(), BLOCKED_SEND_NANOS / 1_000, blockedSendNanos() / 1e6,
            maxBlockedSendNanos() / 1_000, lateWakes(), LATE_WAKE_NANOS / 1_000, lateWakeNanos() / 1e6,
            maxLateWakeNanos() / 1_000, catchUpRecords(), CATCH_UP_NANOS / 1_000, catchUpBursts(),
            longestCatchUpBurst());
    }

    /** The counters as a JSON object, times in microseconds. */
    public String toJson() {
        return String.format(Locale.ROOT, "{\"parks\": %d, \"blockedSends\": %d, \"blockedSendMicros\": %.3f, "
                + "\"maxBlockedSendMicros\": %.3f, \"blockedSendThresholdMicros\": %d, \"lateWakes\": %d, "
                + "\"lateWakeMicros\": %.3f, \"maxLateWakeMicros\": %.3f, \"lateWakeThresholdMicros\": %d, "
                + "\"catchUpRecords\": %d, \"catchUpBursts\": %d, \"longestCatchUpBurst\": %d, "
                + "\"catchUpThresholdMicros\": %d}",
            parks(), blockedSends(), blockedSendNanos() / 1e3, maxBlockedSendNanos() / 1e3,
            BLOCKED_SEND_NANOS / 1_000, lateWakes(), lateWakeNanos() / 1e3, maxLateWakeNanos() / 1e3,
            LATE_WAKE_NANOS / 1_000, catchUpRecords(), catchUpBursts(), longestCatchUpBurst(),
            CATCH_UP_NANOS / 1_000);
    }
}
