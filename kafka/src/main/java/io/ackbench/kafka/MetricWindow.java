package io.ackbench.kafka;

import org.apache.kafka.clients.producer.ProducerConfig;

import java.util.Locale;
import java.util.Map;

/**
 * kafka-clients' metric window: {@code samples} samples of {@code sampleMillis} each. An average or maximum covers
 * the samples not yet expired, so between {@code (samples - 1) * sampleMillis} and {@code samples * sampleMillis}
 * of the most recent past (Kafka's defaults: 2 samples of 30 s, the last 30 to 60 s).
 */
record MetricWindow(int samples, long sampleMillis) {
    static final int DEFAULT_SAMPLES = 2;
    static final long DEFAULT_SAMPLE_MILLIS = 30_000;

    /** The window the producer settings give, Kafka's defaults where they say nothing. */
    static MetricWindow of(final Map<String, String> producerSettings) {
        final String samples = producerSettings.get(ProducerConfig.METRICS_NUM_SAMPLES_CONFIG);
        final String millis = producerSettings.get(ProducerConfig.METRICS_SAMPLE_WINDOW_MS_CONFIG);
        return new MetricWindow(samples == null ? DEFAULT_SAMPLES : Integer.parseInt(samples.trim()),
            millis == null ? DEFAULT_SAMPLE_MILLIS : Long.parseLong(millis.trim()));
    }

    String describe() {
        return String.format(Locale.ROOT, "%.0f to %.0f s", (samples - 1) * sampleMillis / 1e3,
            samples * sampleMillis / 1e3);
    }
}
