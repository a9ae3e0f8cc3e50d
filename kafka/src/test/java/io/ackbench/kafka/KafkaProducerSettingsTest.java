package io.ackbench.kafka;

import io.ackbench.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaProducerSettingsTest {
    @Test
    void kafkaProducerSettingsByTheirKafkaNamesPass() {
        assertThatCode(() -> KafkaProducerSettings.check(Map.of("acks", "all", "enable.idempotence", "true",
            "linger.ms", "5", "batch.size", "65536", "compression.type", "lz4",
            "max.in.flight.requests.per.connection", "5"))).doesNotThrowAnyException();
    }

    @Test
    void unknownKeyIsRefusedWhereKafkaProducerWouldOnlyLogIt() {
        assertThatThrownBy(() -> KafkaProducerSettings.check(Map.of("ackz", "all")))
            .isInstanceOf(ConfigException.class)
            .hasMessage("Invalid configuration ackz: not a KafkaProducer setting");
    }

    @Test
    void valueKafkaRefusesNamesItsKey() {
        assertThatThrownBy(() -> KafkaProducerSettings.check(Map.of("acks", "2")))
            .isInstanceOf(ConfigException.class)
            .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("acks"))
            .hasMessageContaining("2");
    }

    @Test
    void idempotenceWithAcksOneIsRefusedAsKafkaRefusesIt() {
        assertThatThrownBy(() -> KafkaProducerSettings.check(Map.of("acks", "1", "enable.idempotence", "true")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("idempoten");
    }

    @Test
    void settingsTheDriverOwnsAreRefused() {
        assertThatThrownBy(() -> KafkaProducerSettings.check(Map.of("bootstrap.servers", "h:1")))
            .hasMessage("Invalid configuration bootstrap.servers: the Kafka driver sets it itself");
        assertThatThrownBy(() -> KafkaProducerSettings.check(Map.of("value.serializer", "x.Y")))
            .hasMessage("Invalid configuration value.serializer: the Kafka driver sets it itself");
    }
}
