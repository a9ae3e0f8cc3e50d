package io.ackbench.tools.versus;

import io.ackbench.config.ConfigException;
import io.ackbench.kafka.KafkaTarget;
import io.ackbench.load.LoadTarget;
import io.ackbench.load.UsageException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VersusOptionsTest {
    private final StandIn standIn = new StandIn();

    private VersusOptions parse(final String... args) {
        return VersusOptions.parse(List.of(args), standIn);
    }

    @Test
    void ackbenchsSideRunsBrokerProcessesUnlessTheTransportIsGivenAndNeverTheReferencesCluster() {
        assertThat(VersusOptions.subjectFlags(List.of("--num-records", "10", "--bootstrap-servers", "h:9092")))
            .containsExactly("--num-records", "10", "--transport", "tcp-processes");
        assertThat(VersusOptions.subjectFlags(List.of("--transport", "inproc", "--num-records", "10")))
            .containsExactly("--transport", "inproc", "--num-records", "10");
    }

    @Test
    void theReferenceSideGetsTheFlagsWithoutTheTransport() {
        final VersusOptions options = parse("--num-records", "10", "--transport", "inproc", "--producer-props",
            "acks=1", "enable.idempotence=false");

        // With a steady-state warm-up, since none was given.
        assertThat(standIn.flagsGiven).containsExactly(List.of("--warmup", "steady", "--num-records", "10",
            "--producer-props", "acks=1", "enable.idempotence=false"));
        assertThat(options.matchups().get(0).workload().steadyWarmup()).isTrue();
        assertThat(parse("--num-records", "10", "--warmup", "75s").matchups().get(0).workload().steadyWarmup())
            .as("a fixed warm-up when one is given").isFalse();
        assertThat(options.matchups()).hasSize(1);
        assertThat(options.matchups().get(0).configuration().name())
            .isEqualTo("acks-1_rmax_s100_p6_b3-rf3-isr2_t1");
        assertThat(options.matrix()).isFalse();
    }

    @Test
    void withARunningKafkaClusterTheMatrixGivesEachMinInsyncItsOwnTopic() {
        parse("--matrix", "--bootstrap-servers", "127.0.0.1:9092", "--topic", "bench");

        assertThat(standIn.flagsGiven).hasSize(10);
        assertThat(standIn.flagsGiven.get(1)).containsSubsequence("--bootstrap-servers", "127.0.0.1:9092")
            .endsWith("--topic", "bench-isr2");
        assertThat(standIn.flagsGiven.get(3)).endsWith("--topic", "bench-isr3");
    }

    @Test
    void targetAndSweepAreRefused() {
        assertThatThrownBy(() -> parse("--num-records", "10", "--target", "kafka"))
            .isInstanceOf(UsageException.class)
            .hasMessage("--target: vs-kafka runs both ackbench and ackbench-tcp; leave --target out");
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
    void aSettingTheReferenceRefusesSaysWhichSystemRefusedIt() {
        final ReferenceSide picky = new ReferenceSide() {
            @Override
            public String name() {
                return "kafka";
            }

            @Override
            public io.ackbench.load.LoadTarget target(final List<String> flags) {
                throw new ConfigException("compression.type", "zstd", "expected none");
            }
        };

        assertThatThrownBy(() -> VersusOptions.parse(List.of("--num-records", "10"), picky))
            .isInstanceOf(UsageException.class)
            .hasMessage("kafka: Invalid value 'zstd' for configuration compression.type: expected none");
    }

    @Test
    void theKafkaSideIsProducePerfsKafkaTargetMadeFromTheSameFlags() {
        final LoadTarget embedded = new KafkaSide().target(List.of("--num-records", "10"));
        assertThat(embedded).isInstanceOf(KafkaTarget.class);
        assertThat(((KafkaTarget) embedded).isEmbedded()).isTrue();
        final LoadTarget external = new KafkaSide().target(List.of("--num-records", "10", "--bootstrap-servers",
            "127.0.0.1:9092"));
        assertThat(((KafkaTarget) external).isEmbedded()).isFalse();
    }

    @Test
    void helpNeedsNothingElse() {
        assertThat(parse("--throughput", "x", "--help").help()).isTrue();
        assertThat(parse("-h").help()).isTrue();
    }
}
