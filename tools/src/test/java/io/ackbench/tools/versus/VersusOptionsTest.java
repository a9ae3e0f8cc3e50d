package io.ackbench.tools.versus;

import io.ackbench.config.ConfigException;
import io.ackbench.kafka.KafkaProfile;
import io.ackbench.kafka.KafkaTarget;
import io.ackbench.load.BrokerJvmOptions;
import io.ackbench.load.UsageException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VersusOptionsTest {
    private static final String COMMON_JVM = String.join(" ", BrokerJvmOptions.COMPARISON_DEFAULT);

    private final StandIn standIn = new StandIn();

    private VersusOptions parse(final String... args) {
        return VersusOptions.parse(List.of(args), List.of(standIn));
    }

    @Test
    void ackbenchsSideRunsBrokerProcessesOnTheCommonHeapUnlessTheTransportIsGivenAndNeverTheReferencesCluster() {
        assertThat(VersusOptions.subjectFlags(List.of("--num-records", "10", "--bootstrap-servers", "h:9092")))
            .containsExactly("--num-records", "10", "--transport", "tcp-processes", "--broker-jvm-options",
                COMMON_JVM);
        assertThat(VersusOptions.subjectFlags(List.of("--transport", "inproc", "--num-records", "10")))
            .containsExactly("--transport", "inproc", "--num-records", "10");
        assertThat(VersusOptions.subjectFlags(List.of("--broker-jvm-options", "-Xmx2g", "--num-records", "10")))
            .containsExactly("--broker-jvm-options", "-Xmx2g", "--num-records", "10", "--transport",
                "tcp-processes");
    }

    @Test
    void eachKafkaSideIsProducePerfsKafkaTargetInItsProfileWithADedicatedControllerAndTheCommonHeap() {
        final List<String> stock = new KafkaSide(KafkaProfile.STOCK).flags(List.of("--num-records", "10"));
        assertThat(stock).containsExactly("--num-records", "10", "--target", "kafka", "--kafka-profile", "stock",
            "--kafka-controller", "dedicated", "--broker-jvm-options", COMMON_JVM);
        assertThat(new KafkaSide(KafkaProfile.STOCK).name()).isEqualTo("kafka");
        assertThat(new KafkaSide(KafkaProfile.TUNED).name()).isEqualTo("kafka-tuned");

        final List<String> running = new KafkaSide(KafkaProfile.TUNED).flags(List.of("--num-records", "10",
            "--bootstrap-servers", "127.0.0.1:9092"));
        assertThat(running).containsExactly("--num-records", "10", "--bootstrap-servers", "127.0.0.1:9092",
            "--target", "kafka", "--kafka-profile", "tuned");
    }

    @Test
    void byDefaultAckbenchIsComparedWithStockAndTunedKafka() {
        final VersusOptions options = VersusOptions.parse(List.of("--num-records", "10"));

        final Matchup matchup = options.matchups().get(0);
        assertThat(matchup.names()).containsExactly("ackbench", "kafka", "kafka-tuned");
        assertThat(matchup.contenders().get(1).target()).isInstanceOf(KafkaTarget.class);
        assertThat(matchup.contenders().get(2).flags()).containsSubsequence("--kafka-profile", "tuned");
        assertThat(options.runs()).isEqualTo(3);
        assertThat(VersusOptions.parse(List.of("--num-records", "10", "--kafka-profiles", "tuned", "--runs", "4"))
            .matchups().get(0).names()).containsExactly("ackbench", "kafka-tuned");
    }

    @Test
    void runsAndProfilesAreChecked() {
        assertThatThrownBy(() -> parse("--num-records", "10", "--runs", "1"))
            .isInstanceOf(UsageException.class)
            .hasMessage("--runs is '1'; it takes a whole number of runs per system from 2 (the fewest that give a "
                + "ratio an interval) to 20");
        assertThatThrownBy(() -> VersusOptions.parse(List.of("--num-records", "10", "--kafka-profiles", "stock,fast")))
            .isInstanceOf(UsageException.class)
            .hasMessage("--kafka-profiles must be stock or tuned, not 'fast'");
        assertThatThrownBy(() -> VersusOptions.parse(List.of("--num-records", "10", "--kafka-profiles",
            "tuned,tuned")))
            .isInstanceOf(UsageException.class)
            .hasMessage("--kafka-profiles 'tuned,tuned' names tuned twice");
    }

    @Test
    void aWarmUpBoundIsRaisedToTheWriteBackFloorAndNeverLowered() {
        assertThat(VersusOptions.atLeast("0s", Duration.ofSeconds(40))).isEqualTo("40s");
        assertThat(VersusOptions.atLeast("75s", Duration.ofSeconds(40))).isEqualTo("75s");
        assertThat(VersusOptions.atLeast("60s", Duration.ofMillis(62_500))).isEqualTo("62500ms");
        assertThat(VersusOptions.atLeast("2m", Duration.ofSeconds(40))).isEqualTo("2m");
        assertThat(VersusOptions.atMostGivenMax(List.of("--warmup", "steady"), "40s")).isEqualTo("40s");
        assertThat(VersusOptions.atMostGivenMax(List.of("--warmup-max", "30s"), "40s")).isEqualTo("30s");
        assertThat(VersusOptions.atMostGivenMax(List.of("--warmup-max", "90s"), "75s")).isEqualTo("75s");
        // A short --warmup-max is taken as given, on both sides, instead of refused for a minimum nobody set.
        final VersusOptions shortWarmup = parse("--num-records", "10", "--warmup-max", "20s");
        assertThat(shortWarmup.matchups().get(0).workload().warmupMinNanos()).isEqualTo(20_000_000_000L);
        assertThat(shortWarmup.matchups().get(0).contenders().get(1).workload().warmupMinNanos())
            .isEqualTo(20_000_000_000L);
    }

    @Test
    void theReferenceSideGetsTheFlagsWithoutTheTransport() {
        final VersusOptions options = parse("--num-records", "10", "--transport", "inproc", "--producer-props",
            "acks=1", "enable.idempotence=false");

        // With a steady-state warm-up, since none was given: for ackbench at least until the kernel's first
        // write-back by age (40 s with its defaults) and at most 60 s, for the reference at least 75 s.
        assertThat(standIn.flagsGiven).containsExactly(List.of("--warmup", "steady", "--num-records", "10",
            "--producer-props", "acks=1", "enable.idempotence=false"));
        assertThat(options.matchups().get(0).subject().flags()).startsWith("--warmup-min",
            VersusOptions.atLeast("0s", VersusOptions.WRITE_BACK_FLOOR), "--warmup-max", "60s", "--warmup", "steady");
        assertThat(options.matchups().get(0).contenders().get(1).flags()).startsWith("--warmup-min", "75s",
            "--warmup", "steady");
        assertThat(options.matchups().get(0).workload().steadyWarmup()).isTrue();
        assertThat(parse("--num-records", "10", "--warmup", "75s").matchups().get(0).workload().steadyWarmup())
            .as("a fixed warm-up when one is given").isFalse();
        assertThat(parse("--num-records", "10", "--warmup-min", "20s").matchups().get(0).contenders().get(1)
            .workload().warmupMinNanos()).isEqualTo(20_000_000_000L);
        assertThat(options.matchups()).hasSize(1);
        assertThat(options.matchups().get(0).configuration().name())
            .isEqualTo("acks-1_rmax_s100_p6_b3-rf3-isr2_t1");
        assertThat(options.matchups().get(0).configuration().rateMode()).isEqualTo(RateMode.MAX);
        assertThat(options.matrix()).isFalse();
    }

    @Test
    void withARunningKafkaClusterTheMatrixGivesEachMinInsyncItsOwnTopic() {
        parse("--matrix", "--bootstrap-servers", "127.0.0.1:9092", "--topic", "bench");

        assertThat(standIn.flagsGiven).hasSize(15);
        assertThat(standIn.flagsGiven.get(1)).containsSubsequence("--bootstrap-servers", "127.0.0.1:9092")
            .endsWith("--topic", "bench-isr2");
        assertThat(standIn.flagsGiven.get(6)).endsWith("--topic", "bench-isr3");
    }

    @Test
    void targetAndSweepAreRefused() {
        assertThatThrownBy(() -> parse("--num-records", "10", "--target", "kafka"))
            .isInstanceOf(UsageException.class)
            .hasMessage("--target: vs-kafka runs ackbench and ackbench-tcp; leave --target out");
        assertThatThrownBy(() -> parse("--num-records", "10", "--sweep"))
            .isInstanceOf(UsageException.class)
            .hasMessage("--sweep: vs-kafka does not sweep rates; run produce-perf --sweep on each system instead");
    }

    @Test
    void theMatrixRefusesTheFlagsAndSettingsItSets() {
        assertThatThrownBy(() -> parse("--matrix", "--throughput", "5000"))
            .isInstanceOf(UsageException.class)
            .hasMessage("--throughput: --matrix sets --throughput per configuration; leave it out");
        assertThatThrownBy(() -> parse("--matrix", "--min-insync-replicas", "3"))
            .isInstanceOf(UsageException.class)
            .hasMessage("--min-insync-replicas: --matrix sets --min-insync-replicas per configuration; leave it out");
        assertThatThrownBy(() -> parse("--matrix", "--producer-props", "linger.ms=1", "acks=all"))
            .isInstanceOf(UsageException.class)
            .hasMessage("--matrix sets acks and enable.idempotence per configuration; leave acks out of "
                + "--producer-props");
    }

    @Test
    void producePerfsOwnFlagErrorsComeThroughUnchanged() {
        assertThatThrownBy(() -> parse("--num-records", "ten"))
            .isInstanceOf(UsageException.class).hasMessage("--num-records needs a whole number, not 'ten'");
        assertThatThrownBy(() -> parse("--throughput", "100"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("--num-records");
        assertThatThrownBy(() -> parse("--num-records", "10", "--transport", "udp"))
            .isInstanceOf(UsageException.class)
            .hasMessage("--transport must be inproc, tcp or tcp-processes, not 'udp'");
    }

    @Test
    void aSettingAReferenceRefusesSaysWhichSystemRefusedIt() {
        final ReferenceSide picky = new ReferenceSide() {
            @Override
            public String name() {
                return "kafka";
            }

            @Override
            public List<String> flags(final List<String> given) {
                final List<String> flags = new java.util.ArrayList<>(given);
                flags.addAll(List.of("--target", "kafka", "--kafka-controller", "sideways"));
                return flags;
            }
        };

        assertThatThrownBy(() -> VersusOptions.parse(List.of("--num-records", "10"), List.of(picky)))
            .isInstanceOf(UsageException.class)
            .hasMessage("kafka: --kafka-controller must be combined or dedicated, not 'sideways'");
    }

    @Test
    void resumeContinuesInItsOwnDirectoryAndIsNotPartOfTheComparisonsCommand() {
        final VersusOptions options = parse("--num-records", "10", "--transport", "inproc", "--resume", "old");

        assertThat(options.resumeDir()).isEqualTo(Path.of("old"));
        assertThat(options.outputDir()).isEqualTo(Path.of("old"));
        assertThat(options.arguments()).containsExactly("--num-records", "10", "--transport", "inproc");
        assertThatThrownBy(() -> parse("--num-records", "10", "--resume", "old", "--output-dir", "new"))
            .isInstanceOf(UsageException.class)
            .hasMessage("--resume continues in its own directory; leave --output-dir out");
    }

    @Test
    void helpNeedsNothingElse() {
        assertThat(parse("--throughput", "x", "--help").help()).isTrue();
        assertThat(parse("-h").help()).isTrue();
    }
}
