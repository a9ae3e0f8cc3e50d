package io.ackbench.kafka;

import io.ackbench.load.KeyDistribution;
import io.ackbench.load.Workload;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What {@link KafkaLoadCluster#consumer} takes from the workload and what it refuses, without a cluster. */
class KafkaLoadClusterConsumerSettingsTest {
    @Test
    void onlyProducerSettingsThatReachTheClusterPassToTheConsumer() {
        final Map<String, String> producerSettings = Map.of("acks", "all", "linger.ms", "5",
            "security.protocol", "SSL", "request.timeout.ms", "20000", "client.id", "my-producer",
            "interceptor.classes", "com.example.ProducerInterceptor");

        assertThat(KafkaLoadCluster.sharedWithConsumer(producerSettings))
            .isEqualTo(Map.of("security.protocol", "SSL", "request.timeout.ms", "20000"));
    }

    @Test
    void refusesAnIndexOutsideTheConsumerCount() {
        final Workload workload = Workload.builder().partitions(4).numRecords(1)
            .keyDistribution(KeyDistribution.uniform(1)).build();
        final KafkaLoadCluster cluster = new KafkaLoadCluster(null, "t");

        assertThatThrownBy(() -> cluster.consumer(workload, 2, 2, (p, o, b, ko, kl, vo, vl) -> { }))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("Consumer 2 of 2: need 0 <= index < count");
        assertThatThrownBy(() -> cluster.consumer(workload, -1, 2, (p, o, b, ko, kl, vo, vl) -> { }))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("Consumer -1 of 2: need 0 <= index < count");
        assertThatThrownBy(() -> cluster.consumer(workload, 0, 0, (p, o, b, ko, kl, vo, vl) -> { }))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("Consumer 0 of 0: need 0 <= index < count");
    }
}
