package io.ackbench.tools.versus;

import io.ackbench.load.Workload;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class StandardMatrixTest {
    @Test
    void tenConfigurationsFiveDeliverySettingsUnboundedThenAtTwentyThousand() {
        assertThat(StandardMatrix.configurations()).extracting(Configuration::name).containsExactly(
            "acks=1 @ max", "acks=all isr=2 @ max", "acks=all isr=2 idem @ max", "acks=all isr=3 @ max",
            "acks=all isr=3 idem @ max",
            "acks=1 @ 20000/s", "acks=all isr=2 @ 20000/s", "acks=all isr=2 idem @ 20000/s",
            "acks=all isr=3 @ 20000/s", "acks=all isr=3 idem @ 20000/s");
    }

    @Test
    void eachConfigurationsWorkloadHasTheStandardShapeAndItsOwnDeliverySettings() {
        final StandIn standIn = new StandIn();
        final List<Matchup> matchups = VersusOptions.parse(List.of("--matrix", "--transport", "inproc"), standIn)
            .matchups();

        assertThat(matchups).hasSize(10);
        final Object[][] expected = {
            // acks, enable.idempotence, min.insync.replicas, rate
            {"1", "false", 2, Workload.UNLIMITED}, {"all", "false", 2, Workload.UNLIMITED},
            {"all", "true", 2, Workload.UNLIMITED}, {"all", "false", 3, Workload.UNLIMITED},
            {"all", "true", 3, Workload.UNLIMITED},
            {"1", "false", 2, 20_000L}, {"all", "false", 2, 20_000L}, {"all", "true", 2, 20_000L},
            {"all", "false", 3, 20_000L}, {"all", "true", 3, 20_000L},
        };
        for (int i = 0; i < expected.length; i++) {
            final Workload workload = matchups.get(i).workload();
            assertThat(workload.brokers()).isEqualTo(3);
            assertThat(workload.replicationFactor()).isEqualTo(3);
            assertThat(workload.recordSize()).isEqualTo(100);
            assertThat(workload.partitions()).isEqualTo(6);
            assertThat(workload.producerSettings())
                .isEqualTo(Map.of("acks", expected[i][0], "enable.idempotence", expected[i][1]));
            assertThat(workload.minInsyncReplicas()).isEqualTo(expected[i][2]);
            assertThat(workload.targetRate()).isEqualTo(expected[i][3]);
            // Unless given: a steady-state warm-up of at most 120 s, 15 s measured.
            assertThat(workload.steadyWarmup()).isTrue();
            assertThat(workload.warmupNanos()).isEqualTo(TimeUnit.SECONDS.toNanos(120));
            assertThat(workload.durationNanos()).isEqualTo(TimeUnit.SECONDS.toNanos(15));
            assertThat(matchups.get(i).subject().name()).isEqualTo("ackbench");
            assertThat(matchups.get(i).reference().name()).isEqualTo(StandIn.NAME);
        }
    }

    @Test
    void theUsersOtherFlagsApplyToEveryConfiguration() {
        final List<Matchup> matchups = VersusOptions.parse(List.of("--matrix", "--duration", "2s", "--warmup", "1s",
            "--producer-props", "linger.ms=5", "--producer-threads", "2", "--transport", "inproc"), new StandIn())
            .matchups();

        for (final Matchup matchup : matchups) {
            assertThat(matchup.workload().durationNanos()).isEqualTo(TimeUnit.SECONDS.toNanos(2));
            assertThat(matchup.workload().warmupNanos()).isEqualTo(TimeUnit.SECONDS.toNanos(1));
            assertThat(matchup.workload().producerThreads()).isEqualTo(2);
            assertThat(matchup.workload().producerSettings()).containsEntry("linger.ms", "5");
        }
    }
}
