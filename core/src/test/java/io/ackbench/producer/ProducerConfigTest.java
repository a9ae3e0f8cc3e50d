package io.ackbench.producer;

import io.ackbench.config.ConfigException;
import io.ackbench.transport.ClientSocketOptions;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProducerConfigTest {

    @Test
    void defaultsAreKafka431s() {
        final ProducerConfig config = ProducerConfig.defaults();
        assertThat(config.acks()).isEqualTo(Acks.ALL);
        assertThat(config.batchSize()).isEqualTo(16384);
        assertThat(config.lingerMs()).isEqualTo(5);
        assertThat(config.bufferMemory()).isEqualTo(33554432L);
        assertThat(config.maxBlockMs()).isEqualTo(60000);
        assertThat(config.maxRequestSize()).isEqualTo(1048576);
        assertThat(config.idempotence()).isTrue();
        assertThat(config.maxInFlightRequestsPerConnection()).isEqualTo(5);
        assertThat(config.retries()).isEqualTo(Integer.MAX_VALUE);
        assertThat(config.requestTimeoutMs()).isEqualTo(30000);
        assertThat(config.deliveryTimeoutMs()).isEqualTo(120000);
        assertThat(config.partitionerClass()).isNull();
    }

    @Test
    void socketOptionsTakeKafkasNamesAndDefaults() {
        assertThat(ProducerConfig.defaults().socketOptions()).isEqualTo(new ClientSocketOptions("", 131_072, 32_768));
        assertThat(ProducerConfig.of(Map.of("client.id", "perf-1", "send.buffer.bytes", "-1",
            "receive.buffer.bytes", "65536")).socketOptions()).isEqualTo(new ClientSocketOptions("perf-1", -1, 65_536));
        assertThatThrownBy(() -> ProducerConfig.of(Map.of("receive.buffer.bytes", "0")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("receive.buffer.bytes");
        assertThatThrownBy(() -> ProducerConfig.of(Map.of("client.id", "c".repeat(300))))
            .isInstanceOf(ConfigException.class)
            .hasMessageStartingWith("Invalid configuration client.id: Client id of 300 bytes in UTF-8 is longer than 255");
    }

    @Test
    void reconnectBackoffTakesKafkasNamesDefaultsAndRange() {
        assertThat(ProducerConfig.defaults().reconnectBackoffMs()).isEqualTo(50);
        assertThat(ProducerConfig.defaults().reconnectBackoffMaxMs()).isEqualTo(1000);
        final ProducerConfig set = ProducerConfig.of(Map.of("reconnect.backoff.ms", "10",
            "reconnect.backoff.max.ms", "30000"));
        assertThat(set.reconnectBackoffMs()).isEqualTo(10);
        assertThat(set.reconnectBackoffMaxMs()).isEqualTo(30000);
        assertThatThrownBy(() -> ProducerConfig.of(Map.of("reconnect.backoff.ms", "-1")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("configuration reconnect.backoff.ms");
        assertThatThrownBy(() -> ProducerConfig.of(Map.of("reconnect.backoff.max.ms", "-1")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("configuration reconnect.backoff.max.ms");
    }

    @Test
    void metadataMaxAgeTakesKafkasNameDefaultAndRange() {
        assertThat(ProducerConfig.defaults().metadataMaxAgeMs()).isEqualTo(300000);
        assertThat(ProducerConfig.of(Map.of("metadata.max.age.ms", "0")).metadataMaxAgeMs()).isZero();
        assertThatThrownBy(() -> ProducerConfig.of(Map.of("metadata.max.age.ms", "-1")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("configuration metadata.max.age.ms");
    }

    @Test
    void acksAcceptsKafkasSpellings() {
        assertThat(ProducerConfig.of(Map.of("acks", "-1")).acks()).isEqualTo(Acks.ALL);
        assertThat(ProducerConfig.of(Map.of("acks", "1", "enable.idempotence", "false")).acks()).isEqualTo(Acks.LEADER);
        assertThat(ProducerConfig.of(Map.of("acks", "0", "enable.idempotence", "false")).acks()).isEqualTo(Acks.NONE);
        assertThat(Acks.ALL.wireValue()).isEqualTo((short) -1);
    }

    @Test
    void unknownKeyIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> ProducerConfig.of(Map.of("lingr.ms", "5")))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("configuration lingr.ms")
            .hasMessageContaining("linger.ms");
    }

    @Test
    void badValuesNameKeyValueAndRange() {
        assertThatThrownBy(() -> ProducerConfig.of(Map.of("acks", "2")))
            .hasMessageContaining("'2'").hasMessageContaining("configuration acks").hasMessageContaining("all, -1, 0, 1");
        assertThatThrownBy(() -> ProducerConfig.of(Map.of("batch.size", "lots")))
            .hasMessageContaining("configuration batch.size").hasMessageContaining("whole number");
        assertThatThrownBy(() -> ProducerConfig.of(Map.of("linger.ms", "-1")))
            .hasMessageContaining("configuration linger.ms").hasMessageContaining("[0, ");
        assertThatThrownBy(() -> ProducerConfig.of(Map.of("compression.type", "lz4")))
            .hasMessageContaining("configuration compression.type").hasMessageContaining("none");
        assertThatThrownBy(() -> ProducerConfig.of(Map.of("buffer.memory", "1000")))
            .hasMessageContaining("configuration buffer.memory").hasMessageContaining("batch.size=16384");
    }

    @Test
    void defaultIdempotenceIsSilentlyDisabledByAcksOneOrRetriesZero() {
        assertThat(ProducerConfig.of(Map.of("acks", "1")).idempotence()).isFalse();
        assertThat(ProducerConfig.of(Map.of("retries", "0")).idempotence()).isFalse();
    }

    @Test
    void explicitIdempotenceConflictsAreErrors() {
        assertThatThrownBy(() -> ProducerConfig.of(Map.of("enable.idempotence", "true", "acks", "1")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("configuration acks");
        assertThatThrownBy(() -> ProducerConfig.of(Map.of("enable.idempotence", "true", "retries", "0")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("configuration retries");
    }

    @Test
    void moreThanFiveInFlightIsAnErrorWhileIdempotenceIsOnEvenByDefault() {
        assertThatThrownBy(() -> ProducerConfig.of(Map.of("max.in.flight.requests.per.connection", "6")))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("configuration max.in.flight.requests.per.connection");
        assertThat(ProducerConfig.of(Map.of("max.in.flight.requests.per.connection", "6",
            "enable.idempotence", "false")).maxInFlightRequestsPerConnection()).isEqualTo(6);
    }

    @Test
    void deliveryTimeoutMustCoverLingerPlusRequestTimeout() {
        assertThatThrownBy(() -> ProducerConfig.of(Map.of("delivery.timeout.ms", "1000")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("30005");
        assertThat(ProducerConfig.of(Map.of("request.timeout.ms", "200000")).deliveryTimeoutMs()).isEqualTo(200005);
    }
}
