package io.ackbench.load.calibration;

import io.ackbench.load.LatencyRecorder;
import io.ackbench.producer.DeliveryListener;
import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A closed-loop load on the calibration stand-in, for contrast with the open loop: it sends one record, waits for its
 * completion, sends the next, and measures each record's latency from its actual send. During a stall it is waiting
 * for the one record it has out, so the stall delays that record alone and the records that would have been sent
 * meanwhile never are: coordinated omission, which hides all but one record's worth of each stall from the tail.
 *
 * <p>Runs on the calling thread, with a responder of its own, stalling from the first send on.
 */
public final class ClosedLoopProbe {
    /** Bounds each wait for a completion, so a responder that failed is noticed. */
    private static final long WAIT_BOUND_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final CalibrationSettings settings;

    public ClosedLoopProbe(final CalibrationSettings settings) {
        this.settings = settings;
    }

    /**
     * Sends for {@code warmupNanos} unmeasured, then for {@code durationNanos} measured, one record at a time, and
     * returns the measured records' latencies (nanoseconds, from each send to its completion) with the responder's
     * lateness.
     *
     * @throws IllegalStateException if the responder fails
     */
    public Probed run(final long warmupNanos, final long durationNanos) {
        final Thread prober = Thread.currentThread();
        final long startNanos = System.nanoTime();
        final long measureStartNanos = startNanos + warmupNanos;
        final long endNanos = measureStartNanos + durationNanos;
        final LatencyRecorder latency = new LatencyRecorder();
        // One writer each, the responder's thread: plain reads, release stores; the prober reads with a volatile load.
        final AtomicLong completed = new AtomicLong();
        final DeliveryListener listener = (partition, offset, errorCode, sentNanos) -> {
            final long now = System.nanoTime();
            if (sentNanos - measureStartNanos >= 0) {
                latency.recordLatency(now - sentNanos);
            }
            completed.lazySet(completed.getPlain() + 1);
            LockSupport.unpark(prober);
        };
        // Two slots: one record out at a time, and a spare so that a full ring could only mean a bug.
        final Responder responder = new Responder(2, new StallSchedule(settings.stallNanos(), settings.periodNanos()),
            settings.serviceNanos(), listener).start("ackbench-calibration-closed-loop-responder");
        try {
            long sent = 0;
            long sendNanos;
            while ((sendNanos = System.nanoTime()) - endNanos < 0) {
                // A closed loop's record is intended when it is sent: its latency counts from the actual send.
                responder.handOver(sendNanos);
                sent++;
                while (completed.get() < sent) {
                    if (responder.failure() != null) {
                        throw new IllegalStateException("The closed-loop responder failed: " + responder.failure(),
                            responder.failure());
                    }
                    LockSupport.parkNanos(WAIT_BOUND_NANOS);
                }
            }
        } finally {
            responder.close();
        }
        latency.intervalHistogram(null);
        responder.lateness().intervalHistogram(null);
        return new Probed(latency.totalHistogram(), responder.lateness().totalHistogram());
    }

    /** What a closed-loop run measured, and how late its responder called back (its share of the error). */
    public static final class Probed {
        private final Histogram latency;
        private final Histogram responderLateness;

        Probed(final Histogram latency, final Histogram responderLateness) {
            this.latency = latency;
            this.responderLateness = responderLateness;
        }

        /** From each measured record's send to its completion, in nanoseconds. */
        public Histogram latency() {
            return latency;
        }

        /** From each record's release time to the call back, warm-up included. */
        public Histogram responderLateness() {
            return responderLateness;
        }
    }
}
