package io.ackbench.load.audit;

import io.ackbench.load.PerfOptions;
import io.ackbench.load.UsageException;
import io.ackbench.load.Workload;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditOptionsTest {
    @Test
    void theIssuesExampleRunsTwoCellsWithIdempotenceAsKafkaResolvesIt() {
        final List<AuditCell> cells = AuditOptions.parse("--targets", "ackbench", "--acks", "1,all",
            "--min-insync-replicas", "2", "--faults", "leader-kill").cells();
        assertThat(cells).containsExactly(
            new AuditCell("ackbench", new DeliverySetting("1", false, 2), AuditFault.LEADER_KILL),
            new AuditCell("ackbench", new DeliverySetting("all", true, 2), AuditFault.LEADER_KILL));
    }

    @Test
    void everyAxisMultipliesTargetsOutermostFaultsInnermost() {
        final List<AuditCell> cells = AuditOptions.parse("--targets", "ackbench,kafka", "--acks", "1,all",
            "--idempotence", "false,true", "--min-insync-replicas", "2,3", "--faults",
            "none,leader-kill,follower-kill,leader-pause").cells();
        assertThat(cells).hasSize(2 * 2 * 2 * 2 * 4);
        assertThat(cells.get(0)).isEqualTo(new AuditCell("ackbench", new DeliverySetting("1", false, 2),
            AuditFault.NONE));
        assertThat(cells.get(1).fault()).isEqualTo(AuditFault.LEADER_KILL);
        assertThat(cells.get(cells.size() - 1)).isEqualTo(new AuditCell("kafka", new DeliverySetting("all", true,
            3), AuditFault.LEADER_PAUSE));
    }

    @Test
    void impossibleSettingsAreNamedBeforeAnythingRuns() {
        assertThat(new DeliverySetting("1", true, 2).refusal(3)).isEqualTo(
            "enable.idempotence=true needs acks=all (Kafka's producer refuses it with acks=1)");
        assertThat(new DeliverySetting("all", true, 4).refusal(3)).isEqualTo(
            "min.insync.replicas 4 is above the replication factor 3: no acks=all send could ever be acknowledged");
        assertThat(new DeliverySetting("all", false, 3).refusal(3)).isNull();
        assertThat(new DeliverySetting("-1", false, 1).acks()).isEqualTo("all");
    }

    @Test
    void eachCellIsAProducePerfRunWithItsSettingAndLeadersOnBrokerZero() {
        final AuditOptions options = AuditOptions.parse("--duration", "20s", "--throughput", "5000",
            "--producer-props", "linger.ms=1", "--broker-props", "replica.lag.time.max.ms=10000");
        final AuditCell cell = new AuditCell("ackbench", new DeliverySetting("all", true, 3), AuditFault.NONE);
        assertThat(options.produceArguments(cell, 2, 3)).containsExactly("--target", "ackbench",
            "--duration", "20s", "--throughput", "5000", "--warmup", AuditOptions.DEFAULT_WARMUP, "--consumers", "1",
            "--min-insync-replicas", "3",
            "--producer-props", "linger.ms=1", "acks=all", "enable.idempotence=true",
            "--broker-props", "replica.lag.time.max.ms=10000", "replica.assignment=0:1:2,0:1:2");
    }

    @Test
    void theTransportGoesToAckbenchCellsOnly() {
        final AuditOptions options = AuditOptions.parse("--transport", "tcp-processes");
        final DeliverySetting setting = new DeliverySetting("1", false, 2);
        assertThat(options.produceArguments(new AuditCell("ackbench", setting, AuditFault.NONE), 1, 3))
            .containsSequence("--transport", "tcp-processes");
        final List<String> kafka = options.produceArguments(new AuditCell("kafka", setting, AuditFault.NONE), 1, 3);
        assertThat(kafka).doesNotContain("--transport", "tcp-processes");
        assertThat(PerfOptions.parse(options.produceArguments(new AuditCell("ackbench", setting,
            AuditFault.UNCLEAN), 6, 3).toArray(String[]::new)).workload().brokerSettings())
            .containsEntry("unclean.leader.election.enable", "true");
    }

    @Test
    void unsetLoadFlagsTakeTheAuditsDefaults() {
        final Workload workload = PerfOptions.parse(AuditOptions.parse().sharedArguments().toArray(String[]::new))
            .workload();
        assertThat(workload.durationNanos()).isEqualTo(30_000_000_000L);
        assertThat(workload.warmupNanos()).isEqualTo(5_000_000_000L);
        assertThat(workload.targetRate()).isEqualTo(10_000);
    }

    @Test
    void badFlagsAreRefusedNamingTheFlag() {
        assertThatThrownBy(() -> AuditOptions.parse("--acks", "2")).isInstanceOf(UsageException.class)
            .hasMessage("--acks: acks must be 0, 1 or all, not '2'");
        assertThatThrownBy(() -> AuditOptions.parse("--faults", "leader-kil")).isInstanceOf(UsageException.class)
            .hasMessage("--faults: 'leader-kil' is not a fault; the faults are none, leader-kill, leader-power-loss, "
                + "follower-kill, leader-pause, unclean, response-loss");
        assertThatThrownBy(() -> AuditOptions.parse("--idempotence", "maybe")).isInstanceOf(UsageException.class)
            .hasMessage("--idempotence: 'maybe' is not true or false");
        assertThatThrownBy(() -> AuditOptions.parse("--min-insync-replicas", "0")).isInstanceOf(
            UsageException.class).hasMessage("--min-insync-replicas: 0 is below 1");
        assertThatThrownBy(() -> AuditOptions.parse("--acks", "1,,all")).isInstanceOf(UsageException.class)
            .hasMessage("--acks takes a comma-separated list; '1,,all' has an empty item");
        assertThatThrownBy(() -> AuditOptions.parse("--num-records", "5")).isInstanceOf(UsageException.class)
            .hasMessageStartingWith("--num-records: an audit cell runs for --duration");
        assertThatThrownBy(() -> AuditOptions.parse("--producer-props", "acks=1")).isInstanceOf(
            UsageException.class).hasMessageStartingWith("--producer-props acks=1: acks is the audit's to set");
        assertThatThrownBy(() -> AuditOptions.parse("--fault-count", "0")).isInstanceOf(UsageException.class)
            .hasMessage("--fault-count must be at least 1, not 0");
    }

    @Test
    void theCommandRefusesImpossibleCellsAndExitsTwoWhenNoneCanRun() throws Exception {
        final java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        final DeliveryAuditCommand.Outcome outcome = DeliveryAuditCommand.run(new String[] {"--acks", "1",
            "--idempotence", "true", "--min-insync-replicas", "2,4"}, new java.io.PrintStream(
            new java.io.ByteArrayOutputStream()), new java.io.PrintStream(err, true));
        assertThat(outcome.exitCode()).isEqualTo(DeliveryAuditCommand.EXIT_USAGE);
        assertThat(outcome.results()).extracting(CellResult::status).containsOnly(CellResult.Status.REFUSED);
        assertThat(err.toString()).contains("refused ackbench acks=1 idempotence=on min.insync=4 fault=none: "
            + "enable.idempotence=true needs acks=all").contains("no cell of this matrix can run");
    }

    @Test
    void badFlagsExitTwo() throws Exception {
        final java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        final DeliveryAuditCommand.Outcome outcome = DeliveryAuditCommand.run(new String[] {"--bogus"},
            new java.io.PrintStream(new java.io.ByteArrayOutputStream()), new java.io.PrintStream(err, true));
        assertThat(outcome.exitCode()).isEqualTo(DeliveryAuditCommand.EXIT_USAGE);
        assertThat(err.toString()).startsWith("delivery-audit: ");
    }
}
