package io.ackbench.load.calibration;

import io.ackbench.config.ConfigException;
import io.ackbench.load.LoadCluster;
import io.ackbench.load.LoadTarget;
import io.ackbench.load.ResourceLine;
import io.ackbench.load.Workload;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code --target calibration}: a broker stand-in with a known latency distribution ({@link StallModel}), to check
 * that the load generator reports what really happened. Its settings are producer settings
 * ({@link CalibrationSettings}); it has no brokers, consumers or faults, and needs a fixed rate.
 */
public final class CalibrationTarget implements LoadTarget {
    public static final String NAME = "calibration";

    /** Records one responder's ring may hold: 2^24, 256 MiB of due and intended times. */
    static final int MAX_RING_CAPACITY = 1 << 24;
    /** The smallest ring, enough for a burst of sends from a producer thread that fell behind. */
    static final int MIN_RING_CAPACITY = 1 << 10;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void check(final Workload workload) {
        settingsOf(workload);
    }

    @Override
    public LoadCluster start(final Workload workload, final Path dataDir) {
        final CalibrationSettings settings = settingsOf(workload);
        return new CalibrationCluster(settings, ringCapacity(ratePerProducer(workload), settings));
    }

    /** No brokers: a stand-in in the load generator's JVM. */
    @Override
    public List<ResourceLine> resources(final Workload workload) {
        return ResourceLine.all("none: a broker stand-in in the load generator's JVM");
    }

    /**
     * @throws ConfigException naming the setting or flag this target cannot run with
     */
    private static CalibrationSettings settingsOf(final Workload workload) {
        final CalibrationSettings settings = CalibrationSettings.of(workload.producerSettings());
        if (!workload.isRateLimited()) {
            throw new ConfigException(Workload.THROUGHPUT, "--target calibration needs a fixed rate: its model is "
                + "an open-loop load at a constant rate, and its responders' rings are sized from the rate");
        }
        for (final Map.Entry<String, String> given : workload.givenBrokerSettings().entrySet()) {
            throw new ConfigException(given.getKey(), given.getValue(), "--target calibration has no brokers; "
                + "its behaviour is set by producer settings " + CalibrationSettings.SERVICE_US + ", "
                + CalibrationSettings.STALL_MS + " and " + CalibrationSettings.STALL_PERIOD_MS);
        }
        if (!workload.brokerJvmOptions().isEmpty()) {
            throw new ConfigException(Workload.BROKER_JVM_OPTIONS, String.join(" ", workload.brokerJvmOptions()),
                "--target calibration has no broker JVMs: its stand-in runs in the load generator's JVM");
        }
        if (workload.consumers() > 0) {
            throw new ConfigException(Workload.CONSUMERS, workload.consumers(),
                "--target calibration has no consumers: give 0");
        }
        ringCapacity(ratePerProducer(workload), settings);
        return settings;
    }

    /** The largest share of the rate one producer thread sends. */
    private static long ratePerProducer(final Workload workload) {
        return workload.shareOf(workload.targetRate(), 0);
    }

    /**
     * Twice the records one producer has awaiting completion at most (its rate times the service time and the stall,
     * every record of a stall waiting out its end) plus a burst's room, rounded up to a power of two.
     *
     * @throws ConfigException naming {@code --throughput} if that would exceed {@link #MAX_RING_CAPACITY}
     */
    static int ringCapacity(final long recordsPerSecond, final CalibrationSettings settings) {
        final long waitNanos = settings.serviceNanos() + settings.stallNanos();
        // Both factors are bounded (a rate of at most 1e9/s, waits of at most 2 minutes), but their product is not;
        // split the wait into whole seconds and the rest as OpenLoopSchedule does.
        final long wholeSeconds = waitNanos / NANOS_PER_SECOND;
        final long rest = waitNanos % NANOS_PER_SECOND;
        final double awaiting = (double) recordsPerSecond * wholeSeconds
            + Math.ceil((double) recordsPerSecond * rest / NANOS_PER_SECOND) + 1;
        final double wanted = 2 * awaiting + MIN_RING_CAPACITY;
        if (wanted > MAX_RING_CAPACITY) {
            throw new ConfigException(Workload.THROUGHPUT, recordsPerSecond + " records/s per producer thread",
                "--target calibration keeps up to " + MAX_RING_CAPACITY + " records awaiting completion per producer "
                    + "thread, fewer than rate x (service time + stall) = " + (long) awaiting + " with " + settings
                    + "; lower the rate, or add --producer-threads");
        }
        return Integer.highestOneBit((int) wanted - 1) << 1;
    }
}
