package io.ackbench.load;

import io.ackbench.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --broker-jvm-options}, {@code --kafka-controller} and {@code --kafka-profile} as produce-perf parses them. */
class BrokerJvmOptionsTest {
    @Test
    void theOptionsAreSplitAtWhitespaceIntoTheWorkload() {
        final PerfOptions options = PerfOptions.parse("--num-records", "10", "--transport", "tcp-processes",
            "--broker-jvm-options", " -Xms1g  -Xmx1g\t-XX:+UseG1GC -XX:MaxGCPauseMillis=20 ");

        assertThat(options.workload().brokerJvmOptions())
            .containsExactly("-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20");
        assertThat(options.workload().toBuilder().build().brokerJvmOptions())
            .isEqualTo(options.workload().brokerJvmOptions());
        assertThat(PerfOptions.parse("--num-records", "10").workload().brokerJvmOptions()).isEmpty();
    }

    @Test
    void anOptionWithoutItsDashIsNamed() {
        assertThatThrownBy(() -> PerfOptions.parse("--num-records", "10", "--transport", "tcp-processes",
            "--broker-jvm-options", "-Xms1g Xmx1g"))
            .isInstanceOf(ConfigException.class)
            .hasMessage("Invalid value 'Xmx1g' for configuration --broker-jvm-options: each JVM option starts with "
                + "'-', e.g. -Xmx1G or -XX:+UseG1GC");
    }

    @Test
    void noOptionAtAllIsAnError() {
        assertThatThrownBy(() -> PerfOptions.parse("--num-records", "10", "--transport", "tcp-processes",
            "--broker-jvm-options", "  "))
            .isInstanceOf(UsageException.class)
            .hasMessage("--broker-jvm-options needs at least one JVM option, e.g. \"-Xms1G -Xmx1G -XX:+UseG1GC "
                + "-XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent\"");
    }

    @Test
    void brokersWithoutJvmsOfTheirOwnRefuseThem() {
        assertThatThrownBy(() -> PerfOptions.parse("--num-records", "10", "--broker-jvm-options", "-Xmx1g"))
            .isInstanceOf(ConfigException.class)
            .hasMessage("Invalid value '-Xmx1g' for configuration --broker-jvm-options: --transport inproc and tcp "
                + "run the brokers in the load generator's JVM; give --transport tcp-processes for broker JVMs of "
                + "their own");
        assertThatThrownBy(() -> PerfOptions.parse("--num-records", "10", "--transport", "tcp",
            "--broker-jvm-options", "-Xmx1g -Xms1g"))
            .isInstanceOf(ConfigException.class)
            .hasMessageStartingWith("Invalid value '-Xmx1g -Xms1g' for configuration --broker-jvm-options: ");
        assertThatThrownBy(() -> PerfOptions.parse("--num-records", "10", "--bootstrap-servers", "127.0.0.1:9092",
            "--broker-jvm-options", "-Xmx1g"))
            .isInstanceOf(ConfigException.class)
            .hasMessage("Invalid value '-Xmx1g' for configuration --broker-jvm-options: the brokers are running "
                + "already, with the options they were started with");
        assertThatThrownBy(() -> PerfOptions.parse("--target", "calibration", "--num-records", "10",
            "--throughput", "1000", "--broker-jvm-options", "-Xmx1g"))
            .isInstanceOf(ConfigException.class)
            .hasMessage("Invalid value '-Xmx1g' for configuration --broker-jvm-options: --target calibration has no "
                + "broker JVMs: its stand-in runs in the load generator's JVM");
    }

    @Test
    void kafkaClusterFlagsAreRefusedWithoutAKafkaCluster() {
        assertThatThrownBy(() -> PerfOptions.parse("--num-records", "10", "--kafka-controller", "dedicated"))
            .isInstanceOf(UsageException.class)
            .hasMessage("--kafka-controller applies to the embedded Kafka cluster (--target kafka without "
                + "--bootstrap-servers), not to --target ackbench");
        assertThatThrownBy(() -> PerfOptions.parse("--target", "calibration", "--num-records", "10",
            "--throughput", "1000", "--kafka-profile", "tuned"))
            .isInstanceOf(UsageException.class)
            .hasMessage("--kafka-profile applies to the embedded Kafka cluster (--target kafka without "
                + "--bootstrap-servers), not to --target calibration");
    }

    @Test
    void describingOptionsSaysWhenTheJvmChoosesTheCollector() {
        assertThat(BrokerJvmOptions.describe(List.of("-Xms256m", "-Xmx512m")))
            .isEqualTo("-Xms256m -Xmx512m (no GC option: the JVM's default collector)");
        assertThat(BrokerJvmOptions.describe(BrokerJvmOptions.COMPARISON_DEFAULT))
            .isEqualTo("-Xms1G -Xmx1G -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 "
                + "-XX:+ExplicitGCInvokesConcurrent");
        assertThat(BrokerJvmOptions.describe(List.of("-Xmx2g", "-XX:+UseZGC"))).isEqualTo("-Xmx2g -XX:+UseZGC");
    }

    @Test
    void theUsageNamesTheNewFlags() {
        assertThat(PerfOptions.usage()).contains("  --broker-jvm-options \"OPTS\"\n",
            "  --kafka-controller combined|dedicated\n", "  --kafka-profile stock|tuned\n");
    }
}
