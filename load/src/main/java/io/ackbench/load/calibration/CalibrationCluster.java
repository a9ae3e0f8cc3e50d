package io.ackbench.load.calibration;

import io.ackbench.load.LatencyRecorder;
import io.ackbench.load.LoadCluster;
import io.ackbench.load.LoadProducer;
import io.ackbench.load.Workload;
import io.ackbench.producer.DeliveryListener;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;

/**
 * The calibration stand-in's "cluster": no brokers, one {@link Responder} per connected producer, all stalling on one
 * {@link StallSchedule}.
 */
final class CalibrationCluster implements LoadCluster {
    private final CalibrationSettings settings;
    private final int ringCapacity;
    private final StallSchedule stalls;
    /** Every responder connected, to stop at close; guarded by this. */
    private final List<Responder> responders = new ArrayList<>();

    CalibrationCluster(final CalibrationSettings settings, final int ringCapacity) {
        this.settings = settings;
        this.ringCapacity = ringCapacity;
        this.stalls = new StallSchedule(settings.stallNanos(), settings.periodNanos());
    }

    @Override
    public synchronized LoadProducer connect(final Workload workload, final DeliveryListener listener) {
        final Responder responder = new Responder(ringCapacity, stalls, settings.serviceNanos(), listener)
            .start("ackbench-calibration-responder-" + responders.size());
        responders.add(responder);
        return new CalibrationProducer(responder);
    }

    /**
     * How late the responders called back, from each record's release time (due, or its stall's end), warm-up
     * included: the stand-in's own share of the latency the harness measured. Call after the run.
     */
    synchronized Histogram lateness() {
        final Histogram lateness = new Histogram(LatencyRecorder.DEFAULT_LOWEST_DISCERNIBLE_NANOS,
            LatencyRecorder.DEFAULT_HIGHEST_TRACKABLE_NANOS, LatencyRecorder.DEFAULT_SIGNIFICANT_DIGITS);
        for (final Responder responder : responders) {
            responder.lateness().intervalHistogram(null);
            lateness.add(responder.lateness().totalHistogram());
        }
        return lateness;
    }

    @Override
    public synchronized void close() {
        for (final Responder responder : responders) {
            responder.close();
        }
    }
}
