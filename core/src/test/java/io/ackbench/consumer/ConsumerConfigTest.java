package io.ackbench.consumer;

import io.ackbench.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsumerConfigTest {
    @Test
    void defaultsAreKafkas() {
        final ConsumerConfig config = ConsumerConfig.defaults();
        assertThat(config.fetchMaxWaitMs()).isEqualTo(500);
        assertThat(config.maxPartitionFetchBytes()).isEqualTo(1024 * 1024);
        assertThat(config.fetchMaxBytes()).isEqualTo(50 * 1024 * 1024);
        assertThat(config.requestTimeoutMs()).isEqualTo(30_000);
        assertThat(config.retryBackoffMs()).isEqualTo(100);
    }

    @Test
    void readsKafkasNamesFromAMapOrProperties() {
        final Properties properties = new Properties();
        properties.setProperty("fetch.max.wait.ms", "20");
        properties.setProperty("max.partition.fetch.bytes", "4096");
        properties.setProperty("fetch.max.bytes", "65536");
        final ConsumerConfig config = ConsumerConfig.of(properties);
        assertThat(config.fetchMaxWaitMs()).isEqualTo(20);
        assertThat(config.maxPartitionFetchBytes()).isEqualTo(4096);
        assertThat(config.fetchMaxBytes()).isEqualTo(65_536);
        assertThat(ConsumerConfig.of(Map.of("request.timeout.ms", "1000")).requestTimeoutMs()).isEqualTo(1000);
    }

    @Test
    void anUnknownKeyOrABadValueIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> ConsumerConfig.of(Map.of("fetch.max.wait", "20")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("fetch.max.wait")
            .hasMessageContaining("unknown consumer configuration");
        assertThatThrownBy(() -> ConsumerConfig.of(Map.of("fetch.max.bytes", "lots")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("fetch.max.bytes").hasMessageContaining("lots");
        assertThatThrownBy(() -> ConsumerConfig.of(Map.of("fetch.max.wait.ms", "-1")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("fetch.max.wait.ms");
    }
}
