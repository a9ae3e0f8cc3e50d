package io.ackbench.load.calibration;

import io.ackbench.load.LatencyRecorder;
import io.ackbench.producer.DeliveryListener;
import io.ackbench.transport.ErrorCode;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The broker stand-in of one calibration producer: a delay line that completes each record handed over to it service
 * time later (or at the end of the stall it falls due in), telling the producer's {@link DeliveryListener} on a thread
 * of its own, with the intended send time the record was handed over with, as a real producer's sender thread does.
 *
 * <p>Records wait in a preallocated ring of due and intended times, in the order they were handed over, which is also
 * the order they fall due (one producing thread, one service time). Handing over never blocks: a stall freezes the
 * responder, not the producer. The ring is sized from the rate and the longest wait; a record that finds it full
 * fails its send with an {@link IllegalStateException}. Nothing is allocated per record.
 *
 * <p>Threads: {@link #handOver} by the producing thread only (a single-producer, single-consumer ring);
 * {@link #awaitCompleted} and {@link #close} by any thread; the listener is called on the responder's thread only.
 */
final class Responder implements Runnable {
    /**
     * How long before a record is due the responder stops parking and spins. A park overshoots by 70 to 85 µs on the
     * 2-core VMs this project is measured on (Linux's 50 µs timer slack plus the wake-up), more when the cores are
     * busy; 200 µs leaves room for that. This is a calibration instrument, so it spends a spinning core near each due
     * time to complete records on time to about a microsecond, where a real broker would not.
     */
    static final long SPIN_MARGIN_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
    /** How often {@link #awaitCompleted} looks whether the responder has caught up. */
    private static final long COMPLETION_POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

    private final StallSchedule stalls;
    private final long serviceNanos;
    private final DeliveryListener listener;
    /**
     * How late the responder got round to each record, from its release time (due, or its stall's end) to the moment
     * it called the listener: the stand-in's own error, which the harness measures as latency. Writer: the responder.
     */
    private final LatencyRecorder lateness = new LatencyRecorder();
    private final int mask;
    /** Slot i holds the due time of the record handed over i-th modulo the capacity; written before {@link #tail}. */
    private final long[] dueNanos;
    /** Its intended send time, likewise. */
    private final long[] intendedNanos;
    /** Records handed over; one writer, the producing thread (release stores); read by the responder (acquire). */
    private final AtomicLong tail = new AtomicLong();
    /** Records completed; one writer, the responder (release stores, after the listener returns); any thread reads. */
    private final AtomicLong head = new AtomicLong();
    /** The producing thread's last read of {@link #head}; producing thread only, so it reads the shared head rarely. */
    private long headSeen;
    /** Set by any thread to end the responder's loop; volatile. */
    private volatile boolean stopped;
    /** What ended the responder's loop early (the listener threw), or null; volatile. */
    private volatile Throwable failure;
    /** The responder's thread once started; written before it starts, then read by {@link #close}. */
    private Thread thread;

    /**
     * @param capacity records that may await completion at once, a power of two
     */
    Responder(final int capacity, final StallSchedule stalls, final long serviceNanos,
              final DeliveryListener listener) {
        if (capacity < 1 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two, was " + capacity);
        }
        this.stalls = stalls;
        this.serviceNanos = serviceNanos;
        this.listener = listener;
        this.mask = capacity - 1;
        this.dueNanos = new long[capacity];
        this.intendedNanos = new long[capacity];
    }

    /** Starts the responder's thread, a daemon so that a run that fails to close it does not keep the JVM alive. */
    Responder start(final String name) {
        thread = new Thread(this, name);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /**
     * Hands one record over, due service time from now; producing thread only.
     *
     * @throws IllegalStateException if the ring is full, or the responder has failed
     */
    void handOver(final long intended) {
        final long now = System.nanoTime();
        final long t = tail.getPlain();
        if (t - headSeen > mask) {
            headSeen = head.getAcquire();
            if (t - headSeen > mask) {
                throw full();
            }
        }
        stalls.anchor(intended);
        final int slot = (int) t & mask;
        dueNanos[slot] = now + serviceNanos;
        intendedNanos[slot] = intended;
        tail.setRelease(t + 1);
    }

    private IllegalStateException full() {
        final Throwable failed = failure;
        if (failed != null) {
            return new IllegalStateException("The calibration responder failed: " + failed, failed);
        }
        return new IllegalStateException("The calibration responder's ring of " + (mask + 1) + " records is full: "
            + "more records await completion than the rate times the service time and stall allow for, so the "
            + "responder has fallen behind (a starved thread on a busy machine?)");
    }

    /** How late the responder called back, from each record's release time; read it once the responder is closed. */
    LatencyRecorder lateness() {
        return lateness;
    }

    /** What ended the responder's loop early (the listener threw), or null. */
    Throwable failure() {
        return failure;
    }

    /**
     * Waits until every record handed over so far has completed.
     *
     * @throws IllegalStateException if the responder failed or was closed first
     */
    void awaitCompleted() {
        final long handedOver = tail.get();
        while (head.get() - handedOver < 0) {
            if (failure != null || stopped) {
                throw new IllegalStateException("The calibration responder stopped with "
                    + (handedOver - head.get()) + " records uncompleted", failure);
            }
            LockSupport.parkNanos(COMPLETION_POLL_NANOS);
        }
    }

    /** Stops the responder's thread and waits for it to end; records not yet completed never are. */
    void close() {
        stopped = true;
        final Thread running = thread;
        if (running != null) {
            LockSupport.unpark(running);
            boolean interrupted = false;
            while (running.isAlive()) {
                try {
                    running.join();
                } catch (final InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void run() {
        try {
            respond();
        } catch (final RuntimeException | Error e) {
            failure = e;
        }
    }

    private void respond() {
        while (!stopped) {
            final long h = head.getPlain();
            if (h == tail.getAcquire()) {
                idle();
                continue;
            }
            final int slot = (int) h & mask;
            final long release = stalls.releaseNanos(dueNanos[slot]);
            if (awaitTime(release)) {
                lateness.recordLatency(System.nanoTime() - release);
                listener.onComplete(0, h, ErrorCode.NONE, intendedNanos[slot]);
                head.setRelease(h + 1);
            }
        }
    }

    /**
     * Nothing is waiting: a record handed over from now on is due at least service time from now, so the responder
     * may park that long less its spin margin. Below the margin it yields instead, polling.
     */
    private void idle() {
        if (serviceNanos > SPIN_MARGIN_NANOS) {
            LockSupport.parkNanos(serviceNanos - SPIN_MARGIN_NANOS);
        } else {
            Thread.yield();
        }
    }

    /** Parks until shortly before {@code releaseNanos}, then spins to it; false if stopped meanwhile. */
    private boolean awaitTime(final long releaseNanos) {
        long remaining;
        while ((remaining = releaseNanos - System.nanoTime()) > 0) {
            if (stopped) {
                return false;
            }
            if (remaining > SPIN_MARGIN_NANOS) {
                LockSupport.parkNanos(remaining - SPIN_MARGIN_NANOS);
            } else {
                Thread.onSpinWait();
            }
        }
        return true;
    }
}
