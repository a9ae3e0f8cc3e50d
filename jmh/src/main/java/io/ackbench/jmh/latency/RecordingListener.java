package io.ackbench.jmh.latency;

import io.ackbench.load.LatencyRecorder;
import io.ackbench.producer.DeliveryListener;
import io.ackbench.transport.ErrorCode;

import java.util.concurrent.atomic.AtomicLong;

/**
 * An end-to-end benchmark's {@link DeliveryListener}: every record's latency, from the time handed to send to its
 * completion, into the trial's {@link LatencyRecording}, and a count of records that failed, so the trial can refuse
 * to report a score made of errors. Runs on the producer's one completing thread.
 */
public final class RecordingListener implements DeliveryListener {
    private final LatencyRecorder recorder;
    /** Written by the completing thread, read by the trial's teardown. */
    private final AtomicLong failed = new AtomicLong();

    public RecordingListener(final LatencyRecording latency) {
        this.recorder = latency.recorder();
    }

    @Override
    public void onComplete(final int partition, final long offset, final short errorCode, final long appendNanos) {
        recorder.recordLatency(System.nanoTime() - appendNanos);
        if (errorCode != ErrorCode.NONE) {
            failed.incrementAndGet();
        }
    }

    /** @throws IllegalStateException when any record failed: the trial measured errors, not sends */
    public void requireNoFailures() {
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " records failed: the run measured errors, not sends");
        }
    }
}
