package io.ackbench.consumer;

import io.ackbench.config.ConfigReader;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The consumer's settings by their Kafka names, with Kafka's consumer defaults. Immutable; every value is checked
 * when it is built, and an unknown key or a bad value fails with a {@link io.ackbench.config.ConfigException} naming
 * the key.
 */
public final class ConsumerConfig {
    /** How long a leader may hold a fetch that finds nothing committed to read. */
    public static final String FETCH_MAX_WAIT_MS = "fetch.max.wait.ms";
    /** The most bytes a fetch asks of one partition; the first batch comes even if larger (KIP-74). */
    public static final String MAX_PARTITION_FETCH_BYTES = "max.partition.fetch.bytes";
    /**
     * The most bytes a fetch asks for. ackbench's Fetch request carries only the per-partition limit, so this caps
     * that limit; the broker's frame size caps the whole response.
     */
    public static final String FETCH_MAX_BYTES = "fetch.max.bytes";
    /** How long a fetch or Metadata request may stay unanswered (beyond fetch.max.wait.ms) before it counts as lost. */
    public static final String REQUEST_TIMEOUT_MS = "request.timeout.ms";
    /** The wait before asking again after a failure: metadata, an offset out of range, a leaderless partition. */
    public static final String RETRY_BACKOFF_MS = "retry.backoff.ms";

    private static final Set<String> KNOWN = Set.of(FETCH_MAX_WAIT_MS, MAX_PARTITION_FETCH_BYTES, FETCH_MAX_BYTES,
        REQUEST_TIMEOUT_MS, RETRY_BACKOFF_MS);

    private final int fetchMaxWaitMs;
    private final int maxPartitionFetchBytes;
    private final int fetchMaxBytes;
    private final int requestTimeoutMs;
    private final long retryBackoffMs;

    private ConsumerConfig(final ConfigReader reader) {
        this.fetchMaxWaitMs = reader.intValue(FETCH_MAX_WAIT_MS, 500, 0, Integer.MAX_VALUE);
        this.maxPartitionFetchBytes = reader.intValue(MAX_PARTITION_FETCH_BYTES, 1024 * 1024, 0, Integer.MAX_VALUE);
        this.fetchMaxBytes = reader.intValue(FETCH_MAX_BYTES, 50 * 1024 * 1024, 0, Integer.MAX_VALUE);
        this.requestTimeoutMs = reader.intValue(REQUEST_TIMEOUT_MS, 30_000, 0, Integer.MAX_VALUE);
        this.retryBackoffMs = reader.longValue(RETRY_BACKOFF_MS, 100, 0, Long.MAX_VALUE / 1_000_000L);
    }

    /** @throws io.ackbench.config.ConfigException for an unknown key or a value that does not parse or fit */
    public static ConsumerConfig of(final Map<String, String> settings) {
        return new ConsumerConfig(new ConfigReader("consumer", settings, KNOWN));
    }

    /** As {@link #of(Map)}, from properties whose keys and values are strings. */
    public static ConsumerConfig of(final Properties properties) {
        final Map<String, String> settings = new HashMap<>();
        for (final String key : properties.stringPropertyNames()) {
            settings.put(key, properties.getProperty(key));
        }
        return of(settings);
    }

    public static ConsumerConfig defaults() {
        return of(Map.of());
    }

    public int fetchMaxWaitMs() {
        return fetchMaxWaitMs;
    }

    public int maxPartitionFetchBytes() {
        return maxPartitionFetchBytes;
    }

    public int fetchMaxBytes() {
        return fetchMaxBytes;
    }

    public int requestTimeoutMs() {
        return requestTimeoutMs;
    }

    public long retryBackoffMs() {
        return retryBackoffMs;
    }
}
