package io.ackbench.kafka;

import io.ackbench.config.ConfigException;
import io.ackbench.load.BrokerJvmOptions;
import io.ackbench.load.PerfOptions;
import io.ackbench.load.ResourceLine;
import io.ackbench.load.UsageException;
import io.ackbench.load.Workload;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded cluster's layout and profile as produce-perf's flags choose them, the settings they write and what
 * the target says its brokers run with, none of it starting a broker.
 */
class KafkaTargetLayoutTest {
    @Test
    void theFlagsChooseTheControllerAndTheProfile() {
        final KafkaTarget target = (KafkaTarget) PerfOptions.parse("--target", "kafka", "--num-records", "10",
            "--kafka-controller", "dedicated", "--kafka-profile", "tuned").target();
        final Workload workload = Workload.builder().numRecords(10).build();

        assertThat(target.resources(workload).get(1).value()).isEqualTo("1 controller JVM beside 3 broker JVMs");
        assertThat(target.serverProperties(workload)).isEqualTo(KafkaProfile.TUNED.settings());
        final KafkaTarget defaults = (KafkaTarget) PerfOptions.parse("--target", "kafka", "--num-records", "10")
            .target();
        assertThat(defaults.resources(workload).get(1).value()).isEqualTo("combined: every broker is a voter");
        assertThat(defaults.serverProperties(workload)).isEmpty();
    }

    @Test
    void aValueThatIsNeitherIsNamedWithItsFlag() {
        assertThatThrownBy(() -> PerfOptions.parse("--target", "kafka", "--num-records", "10",
            "--kafka-controller", "separate"))
            .isInstanceOf(UsageException.class).hasMessage("--kafka-controller must be combined or dedicated, "
                + "not 'separate'");
        assertThatThrownBy(() -> PerfOptions.parse("--target", "kafka", "--num-records", "10",
            "--kafka-profile", "fast"))
            .isInstanceOf(UsageException.class).hasMessage("--kafka-profile must be stock or tuned, not 'fast'");
    }

    @Test
    void aRunningClusterRefusesTheLayoutTheProfileAndBrokerJvmOptions() {
        assertThatThrownBy(() -> PerfOptions.parse("--target", "kafka", "--num-records", "10",
            "--bootstrap-servers", "127.0.0.1:9092", "--kafka-controller", "dedicated"))
            .isInstanceOf(UsageException.class)
            .hasMessage("--kafka-controller applies to the embedded Kafka cluster (--target kafka without "
                + "--bootstrap-servers), not to a running cluster named by --bootstrap-servers, whose controllers "
                + "and settings are its own");
        assertThatThrownBy(() -> PerfOptions.parse("--target", "kafka", "--num-records", "10",
            "--bootstrap-servers", "127.0.0.1:9092", "--kafka-profile", "stock"))
            .isInstanceOf(UsageException.class).hasMessageStartingWith("--kafka-profile applies to the embedded");
        assertThatThrownBy(() -> PerfOptions.parse("--target", "kafka", "--num-records", "10",
            "--bootstrap-servers", "127.0.0.1:9092", "--broker-jvm-options", "-Xmx1G"))
            .isInstanceOf(ConfigException.class)
            .hasMessage("Invalid value '-Xmx1G' for configuration --broker-jvm-options: a running cluster at "
                + "127.0.0.1:9092 keeps the JVM options its brokers were started with");
        assertThat(PerfOptions.parse("--target", "kafka", "--num-records", "10", "--broker-jvm-options",
            "-Xms1G -Xmx1G").workload().brokerJvmOptions()).containsExactly("-Xms1G", "-Xmx1G");
    }

    @Test
    void theTunedProfileGoesUnderTheCallersSettingsInServerProperties() {
        final Workload workload = Workload.builder().numRecords(1)
            .brokerSetting("num.io.threads", "4")
            .brokerSetting("replica.fetch.wait.max.ms", "50")
            .build();
        final Map<String, String> settings = KafkaTarget.embedded("t", ControllerPlacement.DEDICATED,
            KafkaProfile.TUNED).serverProperties(workload);

        assertThat(KraftServerProperties.broker(0, 3, 9000, 9003, Path.of("/d/broker-0"), settings))
            .endsWith("group.initial.rebalance.delay.ms=0\n"
                + "# Caller's settings\n"
                + "num.network.threads=1\n"
                + "num.io.threads=4\n"
                + "background.threads=2\n"
                + "num.recovery.threads.per.data.dir=1\n"
                + "replica.fetch.wait.max.ms=50\n");
    }

    @Test
    void stockKafkaInCombinedModeRunsWithItsScriptsHeapAndItsDefaults() {
        assertThat(lines(KafkaTarget.embedded("t").resources(Workload.builder().numRecords(1).build())))
            .containsExactly(
                "broker JVMs: 3",
                "controller: combined: every broker is a voter",
                "broker heap and GC: -Xmx1G -Xms1G -XX:+UseG1GC -XX:MaxGCPauseMillis=20 "
                    + "-XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent",
                "request threads per broker: num.network.threads=3, num.io.threads=8, num.replica.fetchers=1, "
                    + "background.threads=10",
                "flush policy: never forced: page cache + replication (log.flush.interval.messages=never, "
                    + "log.flush.interval.ms=never)",
                "socket buffers: socket.send.buffer.bytes=102400, socket.receive.buffer.bytes=102400");
    }

    @Test
    void tunedKafkaWithADedicatedControllerGivenOptionsAndSettings() {
        final Workload workload = Workload.builder().numRecords(1).brokers(4)
            .brokerJvmOptions(BrokerJvmOptions.COMPARISON_DEFAULT)
            .brokerSetting("num.io.threads", "3")
            .brokerSetting("log.flush.interval.messages", "1")
            .brokerSetting("log.flush.scheduler.interval.ms", "1000")
            .brokerSetting("socket.receive.buffer.bytes", "-1")
            .build();

        assertThat(lines(KafkaTarget.embedded("t", ControllerPlacement.DEDICATED, KafkaProfile.TUNED)
            .resources(workload))).containsExactly(
                "broker JVMs: 4",
                "controller: 1 controller JVM beside 4 broker JVMs",
                "broker heap and GC: -Xms1G -Xmx1G -XX:+UseG1GC -XX:MaxGCPauseMillis=20 "
                    + "-XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent",
                "request threads per broker: num.network.threads=1, num.io.threads=3, num.replica.fetchers=1, "
                    + "background.threads=2",
                "flush policy: forced (log.flush.interval.messages=1, log.flush.interval.ms=1000)",
                "socket buffers: socket.send.buffer.bytes=102400, socket.receive.buffer.bytes=-1 (the OS's default)");
        final Workload byInterval = Workload.builder().numRecords(1).brokerSetting("log.flush.interval.ms", "5")
            .brokerSetting("log.flush.scheduler.interval.ms", "1000").build();
        assertThat(KafkaTarget.embedded("t").resources(byInterval).get(4).value())
            .isEqualTo("forced (log.flush.interval.messages=never, log.flush.interval.ms=5)");
    }

    @Test
    void aRunningClusterIsUnknown() {
        assertThat(KafkaTarget.external("127.0.0.1:9092", "t").resources(Workload.builder().numRecords(1).build()))
            .hasSize(6).extracting(ResourceLine::value).containsOnly("unknown (a running cluster)");
    }

    private static List<String> lines(final List<ResourceLine> lines) {
        return lines.stream().map(line -> line.key() + ": " + line.value()).toList();
    }
}
