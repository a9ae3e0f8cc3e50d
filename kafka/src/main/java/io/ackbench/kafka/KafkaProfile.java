package io.ackbench.kafka;

import io.ackbench.load.PerfOptions;
import io.ackbench.load.UsageException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The embedded cluster's broker settings as a whole ({@value PerfOptions#KAFKA_PROFILE}): Kafka's own defaults, or
 * what an operator would set on a 2-core machine. A profile's settings go under the caller's own broker settings, so
 * a setting given both ways takes the caller's value.
 */
public enum KafkaProfile {
    /** Kafka 4.3.1's defaults: the profile sets nothing. */
    STOCK(Map.of()),
    /**
     * Threads sized for 2 cores. Kafka's defaults are sized for a server with many: per broker 3 network threads,
     * 8 request handlers and 10 scheduler threads, which on 2 cores shared by 3 brokers and the load generator only
     * queue for the CPUs.
     * <ul>
     * <li>{@code num.network.threads=1} (default 3): a broker here has a handful of connections (the producer's,
     *     its followers' fetchers, an admin client), which one selector thread reads and writes.</li>
     * <li>{@code num.io.threads=2} (default 8): one request handler per core; more cannot run at once.</li>
     * <li>{@code background.threads=2} (default 10): the scheduler's periodic work (ISR expiry, checkpoints,
     *     retention checks) for one topic.</li>
     * <li>{@code num.recovery.threads.per.data.dir=1} (default 2): each broker has one log directory on one
     *     disk, recovered and flushed at shutdown by one thread.</li>
     * </ul>
     * Not set because they are Kafka 4.3.1's defaults already: {@code num.replica.fetchers=1} and
     * {@code log.cleaner.threads=1}.
     */
    TUNED(tuned());

    private final Map<String, String> settings;

    KafkaProfile(final Map<String, String> settings) {
        this.settings = settings;
    }

    private static Map<String, String> tuned() {
        final Map<String, String> settings = new LinkedHashMap<>();
        settings.put("num.network.threads", "1");
        settings.put("num.io.threads", "2");
        settings.put("background.threads", "2");
        settings.put("num.recovery.threads.per.data.dir", "1");
        return Collections.unmodifiableMap(settings);
    }

    /** The profile's server.properties settings, in a fixed order. */
    public Map<String, String> settings() {
        return settings;
    }

    /** {@code stock} or {@code tuned}, as the flag takes it. */
    public String flagValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws UsageException naming the flag and the value when it is neither */
    public static KafkaProfile parse(final String flag, final String text) {
        for (final KafkaProfile profile : values()) {
            if (profile.flagValue().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return profile;
            }
        }
        throw new UsageException(flag + " must be stock or tuned, not '" + text + "'");
    }

    /** The settings {@code given} on top of this profile's: the given win. */
    Map<String, String> under(final Map<String, String> given) {
        final Map<String, String> merged = new LinkedHashMap<>(settings);
        merged.putAll(given);
        return merged;
    }
}
