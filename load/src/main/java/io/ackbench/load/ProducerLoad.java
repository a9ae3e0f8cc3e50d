package io.ackbench.load;

import org.agrona.MutableDirectBuffer;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One producing thread's open loop: waits for each record's intended time on its {@link OpenLoopSchedule}, draws
 * a key, stamps the value with the record's {@link RecordId} and intended send time, sends the record with that
 * intended time through a {@link LoadProducer}, and records the send delay (actual minus intended time) in a
 * {@link LatencyRecorder} whose one writer is this thread. Records intended before the measurement start are the
 * warm-up; after it, the loop stops at its record quota or at the measurement end, whichever the workload has.
 * The measurement start may move while the loop runs ({@link #measureFrom}), the end with it. What the thread
 * waited on is counted in {@link LoadThreadWaits}, the warm-up's apart from the measurement's.
 * {@link #sendNext()} allocates nothing (beyond what the target's producer allocates).
 */
public final class ProducerLoad implements Runnable {
    /** A quota meaning "until the measurement end". */
    public static final long NO_QUOTA = Long.MAX_VALUE;

    private final LoadProducer producer;
    private final int thread;
    private final OpenLoopSchedule schedule;
    private final KeySource keys;
    /** This thread's own copy of the value: its first bytes change with every record. */
    private final MutableDirectBuffer value;
    private final boolean stampsIds;
    private final boolean stampsIntendedNanos;
    private final int valueLength;
    private final LatencyRecorder sendDelay;
    /**
     * Intended time from which records are measured: written with a volatile store by the constructing thread or
     * by {@link #measureFrom} (ahead of the time it names); read with a volatile load by this thread per record.
     */
    private volatile long measureStartNanos;
    /** From the measurement start to its end; used only when {@link #hasEnd}. */
    private final long measureLengthNanos;
    private final boolean hasEnd;
    private final LoadThreadWaits warmupWaits = new LoadThreadWaits();
    private final LoadThreadWaits measuredWaits = new LoadThreadWaits();
    /**
     * Where this thread's waits are counted: the warm-up's until it has sent a measured record (so the wait before
     * the first measured record counts to the warm-up). This thread only.
     */
    private LoadThreadWaits waits = warmupWaits;
    private final long quota;
    /** The schedule's index of the next record; this thread only. */
    private long next;
    /** Measured records sent; one writer (this thread), release stores; read by the reporter. */
    private final AtomicLong sent = new AtomicLong();
    /** Warm-up records sent; as {@link #sent}. */
    private final AtomicLong warmupSent = new AtomicLong();
    /** When the last measured record was handed to send; as {@link #sent}. */
    private final AtomicLong lastSendNanos = new AtomicLong();
    /** Set by any thread to stop the loop at the next record; volatile. */
    private volatile boolean stopRequested;
    /** What ended the loop early, or null; written by this thread before it ends, read after joining it. */
    private volatile Throwable failure;

    /**
     * @param measureEndNanos the intended time at which the run ends, used only when {@code hasEnd}
     * @param thread          this producing thread's index, the first part of each record's {@link RecordId}
     * @param value           the value to send, owned by this thread
     * @param quota           measured records to send, or {@link #NO_QUOTA}
     */
    public ProducerLoad(final LoadProducer producer, final int thread, final OpenLoopSchedule schedule,
                        final KeySource keys, final MutableDirectBuffer value, final int valueLength,
                        final LatencyRecorder sendDelay, final long measureStartNanos, final boolean hasEnd,
                        final long measureEndNanos, final long quota) {
        this.producer = producer;
        this.thread = thread;
        this.schedule = schedule;
        this.keys = keys;
        this.value = value;
        this.valueLength = valueLength;
        this.stampsIds = RecordId.fits(valueLength);
        this.stampsIntendedNanos = RecordId.fitsIntendedNanos(valueLength);
        this.sendDelay = sendDelay;
        this.measureStartNanos = measureStartNanos;
        this.hasEnd = hasEnd;
        this.measureLengthNanos = measureEndNanos - measureStartNanos;
        this.quota = quota;
    }

    /**
     * Moves the measurement start to {@code startNanos} (and the end with it, the same length after). Any thread;
     * call it ahead of {@code startNanos}, before the load thread can have reached a record intended at or after it.
     */
    public void measureFrom(final long startNanos) {
        this.measureStartNanos = startNanos;
    }

    @Override
    public void run() {
        try {
            awaitStart();
            while (!stopRequested && sendNext()) {
                // sendNext does the work
            }
        } catch (final RuntimeException | Error e) {
            failure = e;
        }
    }

    /** An unbounded schedule does not wait for its start; the threads of a run start together all the same. */
    private void awaitStart() {
        long remaining;
        while ((remaining = schedule.startNanos() - System.nanoTime()) > 0 && !stopRequested) {
            LockSupport.parkNanos(remaining);
        }
    }

    /**
     * Waits for the next record's intended time and sends it, unless the quota is sent or the intended time is at
     * or past the measurement end. Returns whether a record was sent.
     */
    public boolean sendNext() {
        final long intended = schedule.awaitSendTime(next, waits);
        final long measureStart = measureStartNanos;
        final boolean measured = intended - measureStart >= 0;
        if (measured && (sent.getPlain() >= quota
            || (hasEnd && intended - measureStart - measureLengthNanos >= 0))) {
            return false;
        }
        // Unbounded, a record is intended when it is sent: no delay, rather than the nanoTime call's own.
        final long actual = schedule.isUnbounded() ? intended : System.nanoTime();
        waits.onSent(actual - intended);
        final int keyLength = keys.next();
        if (stampsIds) {
            RecordId.write(value, RecordId.of(thread, next));
        }
        if (stampsIntendedNanos) {
            RecordId.writeIntendedNanos(value, intended);
        }
        // Paced, the clock read for the send delay just above starts the send's time too; the key and stamps
        // between take nanoseconds against the 50 µs a send must block to be counted.
        final long beforeSend = schedule.isUnbounded() ? System.nanoTime() : actual;
        producer.send(keys.buffer(), keyLength, value, valueLength, intended);
        waits.onSend(System.nanoTime() - beforeSend);
        next++;
        if (measured) {
            waits = measuredWaits;
            sendDelay.recordLatency(actual - intended);
            lastSendNanos.lazySet(actual);
            sent.lazySet(sent.getPlain() + 1);
        } else {
            warmupSent.lazySet(warmupSent.get() + 1);
        }
        return true;
    }

    /** Stops the loop before its next record (another thread failed, or the user interrupted). */
    public void stop() {
        stopRequested = true;
    }

    public LoadProducer producer() {
        return producer;
    }

    public LatencyRecorder sendDelay() {
        return sendDelay;
    }

    public long sent() {
        return sent.get();
    }

    public long warmupSent() {
        return warmupSent.get();
    }

    public long lastSendNanos() {
        return lastSendNanos.get();
    }

    /** What this thread waited on while it sent measured records. */
    public LoadThreadWaits waits() {
        return measuredWaits;
    }

    /** What this thread waited on during the warm-up. */
    public LoadThreadWaits warmupWaits() {
        return warmupWaits;
    }

    /** What ended the loop early, or null. */
    public Throwable failure() {
        return failure;
    }
}
