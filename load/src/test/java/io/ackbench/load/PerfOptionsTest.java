package io.ackbench.load;

import io.ackbench.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PerfOptionsTest {
    @Test
    void targetIsAckbenchByDefaultAndAnotherOnlyWhenItsModuleIsOnTheClassPath() {
        assertThat(PerfOptions.parse("--num-records", "10").target()).isInstanceOf(AckbenchTarget.class);
        assertThat(PerfOptions.parse("--target", "ackbench", "--num-records", "10").target().name())
            .isEqualTo("ackbench");
        // load's own tests do not have the kafka module on their class path, only load's own calibration target
        assertThatThrownBy(() -> PerfOptions.parse("--target", "kafka", "--num-records", "10"))
            .isInstanceOf(UsageException.class).hasMessage("--target must be ackbench or calibration, not 'kafka'");
    }

    @Test
    void everyFlagReachesTheWorkloadOrTheRun() {
        final PerfOptions options = PerfOptions.parse("--num-records", "200000", "--record-size", "512",
            "--throughput", "50000", "--producer-props", "acks=all", "enable.idempotence=true", "--broker-props",
            "replica.fetch.wait.max.ms=50", "--brokers", "5", "--partitions", "12", "--replication-factor", "4",
            "--min-insync-replicas", "3", "--key-distribution", "zipf:1000:0.99", "--producer-threads", "2",
            "--warmup", "3s", "--reporting-interval-ms", "1000", "--seed", "9", "--transport", "inproc",
            "--sweep", "--output-dir", "out/x", "--data-dir", "data/y");
        final Workload w = options.workload();

        assertThat(w.numRecords()).isEqualTo(200_000);
        assertThat(w.recordSize()).isEqualTo(512);
        assertThat(w.targetRate()).isEqualTo(50_000);
        assertThat(w.producerSettings()).containsEntry("acks", "all").containsEntry("enable.idempotence", "true")
            .hasSize(2);
        assertThat(w.brokerSettings()).containsEntry("replica.fetch.wait.max.ms", "50")
            .containsEntry("ackbench.brokers", "5").containsEntry("num.partitions", "12")
            .containsEntry("replication.factor", "4").containsEntry("min.insync.replicas", "3");
        assertThat(w.keyDistribution().toString()).isEqualTo("zipf:1000:0.99");
        assertThat(w.producerThreads()).isEqualTo(2);
        assertThat(w.warmupNanos()).isEqualTo(3_000_000_000L);
        assertThat(w.reportingIntervalNanos()).isEqualTo(1_000_000_000L);
        assertThat(w.seed()).isEqualTo(9);
        assertThat(options.transport()).isEqualTo(PerfOptions.Transport.INPROC);
        assertThat(options.sweep()).isTrue();
        assertThat(options.outputDir()).isEqualTo(Path.of("out/x"));
        assertThat(options.dataDir()).isEqualTo(Path.of("data/y"));
        assertThat(options.help()).isFalse();
    }

    @Test
    void durationsTakeSecondsOrAUnit() {
        assertThat(PerfOptions.parse("--duration", "30").workload().durationNanos()).isEqualTo(30_000_000_000L);
        assertThat(PerfOptions.parse("--duration", "500ms").workload().durationNanos()).isEqualTo(500_000_000L);
        assertThat(PerfOptions.parse("--duration", "2m").workload().durationNanos()).isEqualTo(120_000_000_000L);
        assertThat(PerfOptions.parse("--duration", "10s").workload().numRecords()).isZero();
    }

    @Test
    void defaultsNeedOnlyTheRunsLength() {
        final PerfOptions options = PerfOptions.parse("--num-records", "10");

        assertThat(options.transport()).isEqualTo(PerfOptions.Transport.INPROC);
        assertThat(options.sweep()).isFalse();
        assertThat(options.outputDir()).isNull();
        assertThat(options.dataDir()).isNull();
        assertThat(options.workload().targetRate()).isEqualTo(Workload.UNLIMITED);
    }

    @Test
    void tcpAndTcpProcessesParseAsTransports() {
        assertThat(PerfOptions.parse("--num-records", "10", "--transport", "tcp").transport())
            .isEqualTo(PerfOptions.Transport.TCP);
        assertThat(PerfOptions.parse("--num-records", "10", "--transport", "tcp-processes").transport())
            .isEqualTo(PerfOptions.Transport.TCP_PROCESSES);
    }

    @Test
    void bootstrapServersNameRunningBrokersInIdOrder() {
        final PerfOptions options = PerfOptions.parse("--num-records", "10", "--bootstrap-servers",
            "10.77.0.1:9092,10.77.0.2:9093", "--topic", "orders");
        assertThat(options.bootstrapServers()).extracting(a -> a.getHostString() + ":" + a.getPort())
            .containsExactly("10.77.0.1:9092", "10.77.0.2:9093");
        assertThat(options.topic()).isEqualTo("orders");
        assertThat(PerfOptions.parse("--num-records", "10").bootstrapServers()).isEmpty();
        assertThatThrownBy(() -> PerfOptions.parse("--num-records", "10", "--bootstrap-servers", "10.77.0.1"))
            .isInstanceOf(UsageException.class)
            .hasMessage("--bootstrap-servers takes HOST:PORT,HOST:PORT,... (broker 0 first); '10.77.0.1' is not HOST:PORT");
    }

    @Test
    void helpWinsOverEverythingElse() {
        assertThat(PerfOptions.parse("--bogus", "--help").help()).isTrue();
    }

    @Test
    void unknownFlagIsNamed() {
        assertThatThrownBy(() -> PerfOptions.parse("--num-records", "10", "--partition", "t"))
            .isInstanceOf(UsageException.class).hasMessage("Unknown flag '--partition'");
        assertThatThrownBy(() -> PerfOptions.parse("acks=all")).isInstanceOf(UsageException.class)
            .hasMessage("Unknown flag 'acks=all' (flags start with --; key=value pairs follow --producer-props)");
    }

    @Test
    void malformedValuesNameTheFlag() {
        assertThatThrownBy(() -> PerfOptions.parse("--num-records", "many"))
            .hasMessage("--num-records needs a whole number, not 'many'");
        assertThatThrownBy(() -> PerfOptions.parse("--record-size", "3000000000"))
            .hasMessage("--record-size needs a whole number up to 2147483647, not '3000000000'");
        assertThatThrownBy(() -> PerfOptions.parse("--num-records")).hasMessage("--num-records needs a value");
        assertThatThrownBy(() -> PerfOptions.parse("--throughput", "--num-records", "5"))
            .hasMessage("--throughput needs a value");
        assertThatThrownBy(() -> PerfOptions.parse("--duration", "5h"))
            .hasMessage("--duration needs a duration such as 30, 30s, 500ms or 2m, not '5h'");
        assertThatThrownBy(() -> PerfOptions.parse("--warmup", "-1"))
            .hasMessage("--warmup needs a duration of 0 or more, not '-1'");
        assertThatThrownBy(() -> PerfOptions.parse("--transport", "udp"))
            .hasMessage("--transport must be inproc, tcp or tcp-processes, not 'udp'");
        assertThatThrownBy(() -> PerfOptions.parse("--producer-props", "acks"))
            .hasMessage("--producer-props takes key=value pairs; 'acks' has no key=value");
        assertThatThrownBy(() -> PerfOptions.parse("--producer-props", "--num-records", "4"))
            .hasMessage("--producer-props needs at least one key=value pair");
        assertThatThrownBy(() -> PerfOptions.parse("--num-records", "10", "--key-distribution", "zipf"))
            .isInstanceOf(ConfigException.class).hasMessageStartingWith(
                "Invalid value 'zipf' for configuration --key-distribution");
    }

    @Test
    void commandExitsWithTwoOnBadFlags() {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        final PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);

        assertThat(ProducePerf.run(new String[] {"--frobnicate"}, o, e)).isEqualTo(ProducePerf.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("produce-perf: Unknown flag '--frobnicate'\n"
            + "Run produce-perf --help for every flag.\n");
        err.reset();
        assertThat(ProducePerf.run(new String[] {"--num-records", "0", "--record-size", "0"}, o, e))
            .isEqualTo(ProducePerf.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(
            "produce-perf: Invalid value '0' for configuration --record-size");
        err.reset();
        assertThat(ProducePerf.run(new String[] {"--num-records", "10", "--transport", "udp"}, o, e))
            .isEqualTo(ProducePerf.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(
            "produce-perf: --transport must be inproc, tcp or tcp-processes, not 'udp'");
        assertThat(out.size()).isZero();
    }

    @Test
    void helpExplainsEveryFlag() {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ProducePerf.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
            System.err)).isEqualTo(ProducePerf.EXIT_OK);
        final String help = out.toString(StandardCharsets.UTF_8);
        for (final String flag : new String[] {"--num-records", "--duration", "--record-size", "--throughput",
            "--key-distribution", "--producer-threads", "--warmup", "--reporting-interval-ms", "--seed",
            "--producer-props", "--broker-props", "--brokers", "--partitions", "--replication-factor",
            "--min-insync-replicas", "--transport", "--sweep", "--output-dir", "--data-dir", "--help"}) {
            assertThat(help).contains("  " + flag + " ");
        }
    }

    @Test
    void warmupSteadyWarmsUpUntilTheFiguresSettleAtMostTheMaximum() {
        final Workload steady = PerfOptions.parse("--duration", "10s", "--warmup", "steady", "--warmup-max", "90s")
            .workload();
        assertThat(steady.steadyWarmup()).isTrue();
        assertThat(steady.warmupNanos()).as("the maximum").isEqualTo(90_000_000_000L);
        assertThat(steady.toBuilder().build().steadyWarmup()).isTrue();
        assertThat(steady.toBuilder().build().warmupNanos()).isEqualTo(90_000_000_000L);

        final Workload byDefault = PerfOptions.parse("--duration", "10s", "--warmup", "STEADY").workload();
        assertThat(byDefault.warmupNanos()).isEqualTo(Workload.DEFAULT_WARMUP_MAX_NANOS);

        final Workload fixed = PerfOptions.parse("--duration", "10s", "--warmup", "steady", "--warmup", "5s")
            .workload();
        assertThat(fixed.steadyWarmup()).isFalse();
        assertThat(fixed.warmupNanos()).isEqualTo(5_000_000_000L);

        assertThatThrownBy(() -> PerfOptions.parse("--duration", "10s", "--warmup", "steady", "--warmup-max", "2s"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("--warmup-max");

        final Workload atLeast = PerfOptions.parse("--duration", "10s", "--warmup", "steady", "--warmup-min", "75s")
            .workload();
        assertThat(atLeast.warmupMinNanos()).isEqualTo(75_000_000_000L);
        assertThat(atLeast.toBuilder().build().warmupMinNanos()).isEqualTo(75_000_000_000L);
        assertThat(fixed.warmupMinNanos()).isZero();
        assertThatThrownBy(() -> PerfOptions.parse("--duration", "10s", "--warmup", "steady", "--warmup-min", "130s"))
            .isInstanceOf(ConfigException.class).hasMessage("Invalid value '130.0 s' for configuration --warmup-min: "
                + "expected 0 to --warmup-max (120.0 s)");
        assertThatThrownBy(() -> PerfOptions.parse("--duration", "10s", "--warmup", "soon"))
            .isInstanceOf(UsageException.class);
    }
}
