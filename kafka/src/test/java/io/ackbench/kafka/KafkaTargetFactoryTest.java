package io.ackbench.kafka;

import io.ackbench.config.ConfigException;
import io.ackbench.load.PerfOptions;
import io.ackbench.load.UsageException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** produce-perf's {@code --target kafka}, found on the class path through META-INF/services. */
class KafkaTargetFactoryTest {
    @Test
    void targetKafkaIsAnEmbeddedClusterUnlessBootstrapServersAreGiven() {
        final PerfOptions embedded = PerfOptions.parse("--target", "kafka", "--num-records", "10");
        assertThat(embedded.target()).isInstanceOf(KafkaTarget.class);
        assertThat(((KafkaTarget) embedded.target()).isEmbedded()).isTrue();

        final PerfOptions external = PerfOptions.parse("--target", "kafka", "--num-records", "10",
            "--bootstrap-servers", "127.0.0.1:9092,127.0.0.1:9093");
        assertThat(((KafkaTarget) external.target()).isEmbedded()).isFalse();
    }

    @Test
    void unknownTargetNamesTheOnesThereAre() {
        assertThatThrownBy(() -> PerfOptions.parse("--target", "pulsar", "--num-records", "10"))
            .isInstanceOf(UsageException.class)
            .hasMessage("--target must be ackbench or kafka or calibration, not 'pulsar'");
    }

    @Test
    void faultsGoToTheEmbeddedClusterAndAreRefusedOnRunningBrokers() {
        assertThat(PerfOptions.parse("--target", "kafka", "--duration", "60s", "--fault-seed", "3",
            "--fault-count", "4").faults().faults()).hasSize(4);
        assertThatThrownBy(() -> PerfOptions.parse("--target", "kafka", "--duration", "60s", "--bootstrap-servers",
            "127.0.0.1:9092", "--fault-seed", "3", "--fault-count", "4"))
            .isInstanceOf(UsageException.class).hasMessage("--fault-seed kills and pauses brokers this run starts; "
                + "--bootstrap-servers names running ones, which are not this run's to stop");
    }

    @Test
    void transportIsRefusedForKafka() {
        assertThatThrownBy(() -> PerfOptions.parse("--target", "kafka", "--num-records", "10", "--transport", "tcp"))
            .isInstanceOf(UsageException.class).hasMessageStartingWith("--transport applies to --target ackbench only");
    }

    @Test
    void kafkaProducerSettingsAreCheckedByKafkasRulesNotAckbenchs() {
        // compression.type is Kafka's, not ackbench's: only the kafka target takes it.
        assertThat(PerfOptions.parse("--target", "kafka", "--num-records", "10", "--producer-props",
            "compression.type=lz4").target().name()).isEqualTo("kafka");
        assertThatThrownBy(() -> PerfOptions.parse("--num-records", "10", "--producer-props", "compression.type=lz4"))
            .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> PerfOptions.parse("--target", "kafka", "--num-records", "10", "--producer-props",
            "acks=2")).isInstanceOf(ConfigException.class).hasMessageContaining("acks");
    }

    @Test
    void brokerSettingsApplyToTheEmbeddedClusterOnly() {
        assertThatThrownBy(() -> PerfOptions.parse("--target", "kafka", "--num-records", "10",
            "--bootstrap-servers", "127.0.0.1:9092", "--broker-props", "num.io.threads=4"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("num.io.threads");
    }

    @Test
    void illegalTopicNameIsRefusedBeforeAnythingStarts() {
        assertThatThrownBy(() -> PerfOptions.parse("--target", "kafka", "--num-records", "10", "--topic", "a/b"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("--topic");
    }

    @Test
    void embeddedClusterSizeIsCheckedBeforeAnythingStarts() {
        assertThatThrownBy(() -> PerfOptions.parse("--target", "kafka", "--num-records", "10", "--brokers", "12"))
            .isInstanceOf(ConfigException.class).hasMessage("Invalid value '12' for configuration --brokers: the "
                + "embedded Kafka cluster takes 1 to 9 brokers, one JVM each");
    }

    @Test
    void replicaAssignmentIsCheckedBeforeAnythingStartsAndIsTheTopicsNotABrokers() {
        // Accepted for both clusters: it configures the topic, which the harness creates on a running cluster too.
        assertThat(PerfOptions.parse("--target", "kafka", "--num-records", "10", "--partitions", "2",
            "--broker-props", "replica.assignment=0:1:2,0:1:2").target().name()).isEqualTo("kafka");
        assertThat(PerfOptions.parse("--target", "kafka", "--num-records", "10", "--partitions", "2",
            "--bootstrap-servers", "127.0.0.1:9092", "--broker-props", "replica.assignment=4:5:6,4:5:6")
            .target().name()).isEqualTo("kafka");
        // The embedded cluster's node ids are 0..brokers-1.
        assertThatThrownBy(() -> PerfOptions.parse("--target", "kafka", "--num-records", "10", "--partitions", "2",
            "--broker-props", "replica.assignment=4:5:6,4:5:6"))
            .isInstanceOf(ConfigException.class)
            .hasMessage("Invalid value '4:5:6,4:5:6' for configuration replica.assignment: partition 0 names broker "
                + "4; the 3 brokers are 0..2");
        assertThatThrownBy(() -> PerfOptions.parse("--target", "kafka", "--num-records", "10",
            "--broker-props", "replica.assignment=0:1:2,0:1:2"))
            .isInstanceOf(ConfigException.class)
            .hasMessage("Invalid value '0:1:2,0:1:2' for configuration replica.assignment: it lists 2 partitions; "
                + "the topic has 6 (one colon-separated list of broker ids per partition, preferred leader first, "
                + "e.g. 0:1:2,0:1:2)");
        assertThatThrownBy(() -> PerfOptions.parse("--target", "kafka", "--num-records", "10", "--partitions", "1",
            "--bootstrap-servers", "127.0.0.1:9092", "--broker-props", "replica.assignment=7:7:8"))
            .isInstanceOf(ConfigException.class)
            .hasMessage("Invalid value '7:7:8' for configuration replica.assignment: partition 0 names broker 7 twice");
        // Any other broker setting is still the embedded cluster's only.
        assertThatThrownBy(() -> PerfOptions.parse("--target", "kafka", "--num-records", "10", "--partitions", "1",
            "--bootstrap-servers", "127.0.0.1:9092", "--broker-props", "replica.assignment=0:1:2",
            "num.io.threads=4"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("num.io.threads");
    }
}
