package io.ackbench.kafka;

import io.ackbench.config.ConfigException;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Checks producer settings the way {@code KafkaProducer} reads them, before any broker starts: an unknown key (which
 * KafkaProducer would only log and ignore) or a value its {@link ProducerConfig} refuses is a {@link ConfigException}
 * naming the key; the keys the driver sets itself are refused too.
 */
final class KafkaProducerSettings {
    /** The driver's own: the cluster's address and the byte-array serializers its records need. */
    static final Set<String> OWNED_BY_DRIVER = Set.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
    /** Any address parses: the check never connects. */
    private static final String PLACEHOLDER_BOOTSTRAP = "localhost:9092";

    private KafkaProducerSettings() {
    }

    static void check(final Map<String, String> settings) {
        for (final String key : settings.keySet()) {
            if (OWNED_BY_DRIVER.contains(key)) {
                throw new ConfigException(key, "the Kafka driver sets it itself");
            }
            if (!ProducerConfig.configNames().contains(key)) {
                throw new ConfigException(key, "not a KafkaProducer setting");
            }
        }
        final Map<String, Object> all = new HashMap<>(settings);
        all.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, PLACEHOLDER_BOOTSTRAP);
        all.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        all.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try {
            new ProducerConfig(all);
        } catch (final org.apache.kafka.common.config.ConfigException e) {
            throw new ConfigException(keyNamedIn(e.getMessage(), settings), e.getMessage());
        }
    }

    /** The setting Kafka's message names, or "producer settings" when it names none of them. */
    private static String keyNamedIn(final String message, final Map<String, String> settings) {
        for (final String key : settings.keySet()) {
            if (message != null && message.contains(key)) {
                return key;
            }
        }
        return "producer settings";
    }
}
