package io.ackbench.tools.versus;

import io.ackbench.load.Workload;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class StandardMatrixTest {
    @Test
    void fifteenConfigurationsFiveDeliverySettingsEachAtMaxThenAtHalfThatMaxThenAllAtTwentyThousand() {
        final List<Configuration> configurations = StandardMatrix.configurations();

        assertThat(configurations).extracting(Configuration::name).containsExactly(
            "acks=1 @ max", "acks=1 @ half max", "acks=all isr=2 @ max", "acks=all isr=2 @ half max",
            "acks=all isr=2 idem @ max", "acks=all isr=2 idem @ half max", "acks=all isr=3 @ max",
            "acks=all isr=3 @ half max", "acks=all isr=3 idem @ max", "acks=all isr=3 idem @ half max",
            "acks=1 @ 20000/s", "acks=all isr=2 @ 20000/s", "acks=all isr=2 idem @ 20000/s",
            "acks=all isr=3 @ 20000/s", "acks=all isr=3 idem @ 20000/s");
        assertThat(configurations).extracting(Configuration::rateMode).containsExactly(
            RateMode.MAX, RateMode.SHARE_OF_OWN_MAX, RateMode.MAX, RateMode.SHARE_OF_OWN_MAX,
            RateMode.MAX, RateMode.SHARE_OF_OWN_MAX, RateMode.MAX, RateMode.SHARE_OF_OWN_MAX,
            RateMode.MAX, RateMode.SHARE_OF_OWN_MAX,
            RateMode.FIXED, RateMode.FIXED, RateMode.FIXED, RateMode.FIXED, RateMode.FIXED);
        assertThat(configurations.get(5).maxConfiguration()).isEqualTo("acks=all isr=2 idem @ max");
        assertThat(configurations.get(5).shareOfMax()).isEqualTo(0.5);
    }

    @Test
    void eachConfigurationsWorkloadHasTheStandardShapeAndItsOwnDeliverySettings() {
        final List<Matchup> matchups = VersusOptions.parse(List.of("--matrix", "--transport", "inproc"),
            List.of(new StandIn())).matchups();

        assertThat(matchups).hasSize(15);
        final Object[][] deliveries = {
            // acks, enable.idempotence, min.insync.replicas
            {"1", "false", 2}, {"all", "false", 2}, {"all", "true", 2}, {"all", "false", 3}, {"all", "true", 3},
        };
        for (int i = 0; i < matchups.size(); i++) {
            final Workload workload = matchups.get(i).workload();
            // Five pairs (max, half max) in delivery order, then the five at the fixed rate.
            final boolean paired = i < 2 * deliveries.length;
            final Object[] delivery = deliveries[paired ? i / 2 : i - 2 * deliveries.length];
            assertThat(workload.brokers()).isEqualTo(3);
            assertThat(workload.replicationFactor()).isEqualTo(3);
            assertThat(workload.recordSize()).isEqualTo(100);
            assertThat(workload.partitions()).isEqualTo(6);
            assertThat(workload.producerSettings())
                .isEqualTo(Map.of("acks", delivery[0], "enable.idempotence", delivery[1]));
            assertThat(workload.minInsyncReplicas()).isEqualTo(delivery[2]);
            // The half-max configurations check their flags at the fixed rate, replaced per system when they run.
            assertThat(workload.targetRate()).isEqualTo(paired && i % 2 == 0 ? Workload.UNLIMITED : 20_000L);
            // Unless given: ackbench's steady-state warm-up lasts until the kernel's first write-back by age (40 s
            // with its defaults) and at most 60 s, the reference's at least 75 s and at most 120 s; 15 s measured.
            assertThat(workload.steadyWarmup()).isTrue();
            assertThat(workload.warmupMinNanos()).isEqualTo(VersusOptions.WRITE_BACK_FLOOR.toNanos());
            assertThat(workload.warmupNanos()).isEqualTo(TimeUnit.SECONDS.toNanos(60));
            final Workload reference = matchups.get(i).contenders().get(1).workload();
            assertThat(reference.warmupMinNanos()).isEqualTo(TimeUnit.SECONDS.toNanos(75));
            assertThat(reference.warmupNanos()).isEqualTo(TimeUnit.SECONDS.toNanos(120));
            assertThat(workload.durationNanos()).isEqualTo(TimeUnit.SECONDS.toNanos(15));
            assertThat(matchups.get(i).names()).containsExactly("ackbench", StandIn.NAME);
        }
    }

    @Test
    void theUsersOtherFlagsApplyToEveryConfiguration() {
        final List<Matchup> matchups = VersusOptions.parse(List.of("--matrix", "--duration", "2s", "--warmup", "1s",
            "--producer-props", "linger.ms=5", "--producer-threads", "2", "--transport", "inproc"),
            List.of(new StandIn())).matchups();

        for (final Matchup matchup : matchups) {
            assertThat(matchup.workload().durationNanos()).isEqualTo(TimeUnit.SECONDS.toNanos(2));
            assertThat(matchup.workload().warmupNanos()).isEqualTo(TimeUnit.SECONDS.toNanos(1));
            assertThat(matchup.workload().producerThreads()).isEqualTo(2);
            assertThat(matchup.workload().producerSettings()).containsEntry("linger.ms", "5");
        }
    }

    @Test
    void eachHalfMaxConfigurationHasADirectoryOfItsOwn() {
        final List<Matchup> matchups = VersusOptions.parse(List.of("--matrix", "--transport", "inproc"),
            List.of(new StandIn())).matchups();

        assertThat(VsKafka.directoryName(matchups.get(2))).isEqualTo("acks-all_rmax_s100_p6_b3-rf3-isr2_t1");
        assertThat(VsKafka.directoryName(matchups.get(3))).isEqualTo("acks-all_r50pct-max_s100_p6_b3-rf3-isr2_t1");
        assertThat(VsKafka.directoryName(matchups.get(11))).isEqualTo("acks-all_r20000_s100_p6_b3-rf3-isr2_t1");
    }
}
