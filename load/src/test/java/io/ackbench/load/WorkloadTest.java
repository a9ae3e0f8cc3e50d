package io.ackbench.load;

import io.ackbench.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkloadTest {
    private static Workload.Builder valid() {
        return Workload.builder().numRecords(1000);
    }

    @Test
    void defaultsAreTheBenchmarkClusterAndUnlimitedRate() {
        final Workload workload = valid().build();

        assertThat(workload.recordSize()).isEqualTo(100);
        assertThat(workload.keyDistribution()).isSameAs(KeyDistribution.NONE);
        assertThat(workload.partitions()).isEqualTo(6);
        assertThat(workload.producerThreads()).isEqualTo(1);
        assertThat(workload.targetRate()).isEqualTo(Workload.UNLIMITED);
        assertThat(workload.isRateLimited()).isFalse();
        assertThat(workload.warmupNanos()).isZero();
        assertThat(workload.reportingIntervalNanos()).isEqualTo(5_000_000_000L);
        assertThat(workload.brokerSettings()).containsEntry("ackbench.brokers", "3")
            .containsEntry("num.partitions", "6").containsEntry("replication.factor", "3")
            .containsEntry("min.insync.replicas", "2").hasSize(4);
        assertThat(workload.shortName()).isEqualTo("acks-all_rmax_s100_p6_b3-rf3-isr2_t1");
    }

    @Test
    void minusOneThroughputMeansUnlimited() {
        assertThat(valid().targetRate(-1).build().targetRate()).isEqualTo(Workload.UNLIMITED);
    }

    @Test
    void sharesSplitTotalsWithTheRemainderOnTheFirstThreads() {
        final Workload workload = valid().producerThreads(3).build();

        assertThat(workload.shareOf(10, 0)).isEqualTo(4);
        assertThat(workload.shareOf(10, 1)).isEqualTo(3);
        assertThat(workload.shareOf(10, 2)).isEqualTo(3);
    }

    @Test
    void brokerAndProducerSettingsPassThroughByKafkaName() {
        final Workload workload = valid().producerSetting("acks", "1").brokerSetting("replica.fetch.wait.max.ms", "50")
            .build();

        assertThat(workload.producerSettings()).containsExactly(java.util.Map.entry("acks", "1"));
        assertThat(workload.brokerSettings()).containsEntry("replica.fetch.wait.max.ms", "50");
        assertThat(workload.toBuilder().targetRate(500).build().brokerSettings())
            .isEqualTo(workload.brokerSettings());
    }

    @Test
    void recordSizeOutOfRangeNamesTheFlag() {
        assertThatThrownBy(() -> valid().recordSize(0).build()).isInstanceOf(ConfigException.class)
            .hasMessage("Invalid value '0' for configuration --record-size: expected a whole number in [1, 67108864]");
    }

    @Test
    void throughputBelowMinusOneIsRefused() {
        assertThatThrownBy(() -> valid().targetRate(-2).build()).hasMessage("Invalid value '-2' for configuration "
            + "--throughput: expected -1 or 0 (unlimited) or records/s from 1 to 1000000000");
    }

    @Test
    void aRunNeedsACountOrADurationButNotBoth() {
        assertThatThrownBy(() -> Workload.builder().build()).hasMessage(
            "Invalid configuration --num-records: give the run's length: --num-records or --duration");
        assertThatThrownBy(() -> valid().duration(1, TimeUnit.SECONDS).build()).hasMessage(
            "Invalid configuration --duration: give --num-records or --duration, not both");
    }

    @Test
    void eachProducerThreadNeedsARecordAndARate() {
        assertThatThrownBy(() -> Workload.builder().numRecords(2).producerThreads(3).build()).hasMessage(
            "Invalid value '2' for configuration --num-records: each of the 3 producer threads (--producer-threads) "
                + "needs at least one record");
        assertThatThrownBy(() -> valid().producerThreads(4).targetRate(3).build()).hasMessage(
            "Invalid value '3' for configuration --throughput: each of the 4 producer threads (--producer-threads) "
                + "needs at least 1 record/s");
    }

    @Test
    void replicationFactorAndMinInsyncAreBoundedByTheClusterAbove() {
        assertThatThrownBy(() -> valid().brokers(2).build()).hasMessage(
            "Invalid value '3' for configuration --replication-factor: expected a whole number in [1, 2]");
        assertThatThrownBy(() -> valid().minInsyncReplicas(4).build()).hasMessage(
            "Invalid value '4' for configuration --min-insync-replicas: expected a whole number in [1, 3]");
        assertThatThrownBy(() -> valid().producerThreads(0).build()).hasMessage(
            "Invalid value '0' for configuration --producer-threads: expected a whole number in [1, 64]");
    }

    @Test
    void clusterShapeGivenAsBrokerSettingIsRefused() {
        assertThatThrownBy(() -> valid().brokerSetting("num.partitions", "3").build()).hasMessage(
            "Invalid configuration num.partitions: set it with --partitions, not as a broker setting");
    }

    @Test
    void ackbenchTargetRefusesBadProducerSettingBeforeAnyClusterStarts() {
        final AckbenchTarget target = new AckbenchTarget(ClusterLauncher.IN_PROCESS);
        assertThatThrownBy(() -> target.check(valid().producerSetting("acks", "2").build()))
            .isInstanceOf(ConfigException.class).hasMessageContaining("acks").hasMessageContaining("'2'");
        assertThatThrownBy(() -> target.check(valid().producerSetting("no.such.key", "1").build()))
            .isInstanceOf(ConfigException.class).hasMessageStartingWith("Invalid configuration no.such.key: unknown");
    }

    @Test
    void negativeWarmupIsRefused() {
        assertThatThrownBy(() -> valid().warmup(-1, TimeUnit.SECONDS).build()).hasMessage(
            "Invalid value '-1.0 s' for configuration --warmup: expected 0 or a positive duration");
    }
}
