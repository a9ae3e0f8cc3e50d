package io.ackbench.load.calibration;

import io.ackbench.config.ConfigException;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The stand-in's behaviour, read from the workload's producer settings ({@code --producer-props}): the service time
 * every record takes and an optional stall of the responder every period. Immutable.
 */
public final class CalibrationSettings {
    /** Microseconds from a record's hand-over to its completion, outside stalls; default 1000. */
    public static final String SERVICE_US = "calibration.service.us";
    /** How long each stall freezes the responder, in milliseconds; default 0 (no stalls). */
    public static final String STALL_MS = "calibration.stall.ms";
    /** A stall begins every this many milliseconds; default 1000. Must exceed the stall. */
    public static final String STALL_PERIOD_MS = "calibration.stall.period.ms";

    static final long DEFAULT_SERVICE_US = 1_000;
    static final long DEFAULT_STALL_PERIOD_MS = 1_000;
    /** One minute: longer would not be a calibration, and keeps every product of times and rates far from overflow. */
    static final long MAX_MILLIS = TimeUnit.MINUTES.toMillis(1);

    private final long serviceNanos;
    private final long stallNanos;
    private final long periodNanos;

    /**
     * @throws ConfigException naming the argument out of range: service time from 0 to a minute, stall from 0 to a
     *                         minute, period from 1 ms to a minute and longer than the stall
     */
    public CalibrationSettings(final long serviceNanos, final long stallNanos, final long periodNanos) {
        if (serviceNanos < 0 || serviceNanos > TimeUnit.MILLISECONDS.toNanos(MAX_MILLIS)) {
            throw new ConfigException(SERVICE_US, TimeUnit.NANOSECONDS.toMicros(serviceNanos),
                "expected microseconds from 0 to " + TimeUnit.MILLISECONDS.toMicros(MAX_MILLIS));
        }
        if (stallNanos < 0 || stallNanos > TimeUnit.MILLISECONDS.toNanos(MAX_MILLIS)) {
            throw new ConfigException(STALL_MS, TimeUnit.NANOSECONDS.toMillis(stallNanos),
                "expected milliseconds from 0 (no stalls) to " + MAX_MILLIS);
        }
        if (periodNanos < TimeUnit.MILLISECONDS.toNanos(1) || periodNanos > TimeUnit.MILLISECONDS.toNanos(MAX_MILLIS)) {
            throw new ConfigException(STALL_PERIOD_MS, TimeUnit.NANOSECONDS.toMillis(periodNanos),
                "expected milliseconds from 1 to " + MAX_MILLIS);
        }
        if (stallNanos >= periodNanos) {
            throw new ConfigException(STALL_PERIOD_MS, TimeUnit.NANOSECONDS.toMillis(periodNanos),
                "must be longer than the stall (" + STALL_MS + "=" + TimeUnit.NANOSECONDS.toMillis(stallNanos)
                    + "): the responder has to run between stalls");
        }
        this.serviceNanos = serviceNanos;
        this.stallNanos = stallNanos;
        this.periodNanos = periodNanos;
    }

    /** A constant service time, no stalls. */
    public static CalibrationSettings constant(final long serviceNanos) {
        return new CalibrationSettings(serviceNanos, 0, TimeUnit.MILLISECONDS.toNanos(DEFAULT_STALL_PERIOD_MS));
    }

    /**
     * The {@code calibration.*} settings among {@code producerSettings}, defaults for those missing.
     *
     * @throws ConfigException naming the key and value of a setting that is unknown, not a whole number, or out of
     *                         range
     */
    public static CalibrationSettings of(final Map<String, String> producerSettings) {
        for (final String key : producerSettings.keySet()) {
            if (!key.equals(SERVICE_US) && !key.equals(STALL_MS) && !key.equals(STALL_PERIOD_MS)) {
                throw new ConfigException(key, producerSettings.get(key), "--target calibration takes only "
                    + SERVICE_US + ", " + STALL_MS + " and " + STALL_PERIOD_MS + " as producer settings");
            }
        }
        return new CalibrationSettings(
            TimeUnit.MICROSECONDS.toNanos(wholeNumber(producerSettings, SERVICE_US, DEFAULT_SERVICE_US,
                TimeUnit.MILLISECONDS.toMicros(MAX_MILLIS), "microseconds")),
            TimeUnit.MILLISECONDS.toNanos(wholeNumber(producerSettings, STALL_MS, 0, MAX_MILLIS, "milliseconds")),
            TimeUnit.MILLISECONDS.toNanos(wholeNumber(producerSettings, STALL_PERIOD_MS, DEFAULT_STALL_PERIOD_MS,
                MAX_MILLIS, "milliseconds")));
    }

    /** The setting's whole number from 0 to {@code max}, checked before any unit conversion could saturate it. */
    private static long wholeNumber(final Map<String, String> settings, final String key, final long absent,
                                    final long max, final String unit) {
        final String text = settings.get(key);
        if (text == null) {
            return absent;
        }
        final long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (final NumberFormatException e) {
            throw new ConfigException(key, text, "expected a whole number of " + unit + " from 0 to " + max);
        }
        if (value < 0 || value > max) {
            throw new ConfigException(key, text, "expected a whole number of " + unit + " from 0 to " + max);
        }
        return value;
    }

    public long serviceNanos() {
        return serviceNanos;
    }

    /** 0 without stalls. */
    public long stallNanos() {
        return stallNanos;
    }

    public long periodNanos() {
        return periodNanos;
    }

    /** The closed form of the latency these settings give an open-loop load. */
    public StallModel model() {
        return new StallModel(serviceNanos, stallNanos, periodNanos);
    }

    @Override
    public String toString() {
        return "service " + TimeUnit.NANOSECONDS.toMicros(serviceNanos) + " us"
            + (stallNanos == 0 ? ", no stalls" : ", stall " + TimeUnit.NANOSECONDS.toMillis(stallNanos) + " ms every "
            + TimeUnit.NANOSECONDS.toMillis(periodNanos) + " ms");
    }
}
