package io.ackbench.tools.versus;

import io.ackbench.load.KeyDistribution;
import io.ackbench.load.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class VersusReportTest {
    @TempDir
    Path tmp;
    private static final Path DIR = Path.of("results", "runs", "vs-kafka", "20261124-120000-matrix");

    @Test
    void describesTheWorkloadInWords() {
        assertThat(VersusReport.describe(SyntheticRuns.UNBOUNDED, SyntheticRuns.AT_MAX)).isEqualTo("3 brokers, "
            + "replication factor 3, min.insync.replicas 2, 6 partitions; 100-byte values, keys none; 1 producer "
            + "thread at the max rate; 1000000 records measured without a warm-up; producer acks=all.");
        final Workload keyed = Workload.builder().duration(15, TimeUnit.SECONDS).warmup(500, TimeUnit.MILLISECONDS)
            .targetRate(20_000).producerThreads(2).keyDistribution(KeyDistribution.parse("--key-distribution",
                "uniform:100")).producerSetting("linger.ms", "5").producerSetting("acks", "1")
            .brokerSetting("replica.fetch.wait.max.ms", "50").build();
        assertThat(VersusReport.describe(keyed, SyntheticRuns.AT_RATE)).isEqualTo("3 brokers, replication factor 3, "
            + "min.insync.replicas 2, 6 partitions; 100-byte values, keys " + keyed.keyDistribution() + "; 2 producer "
            + "threads at 20000 records/s; 15 s measured after a 0.5 s warm-up; producer acks=1 linger.ms=5; "
            + "brokers replica.fetch.wait.max.ms=50.");
        assertThat(VersusReport.describe(keyed, Configuration.atShareOfMax("h", List.of(), "m", 0.5)))
            .contains("2 producer threads at a share of each system's max;");
    }

    @Test
    void theReportHasTheCommandResourcesHeadlineSummaryDriftAndEachConfigurationsRuns() {
        final Versus versus = SyntheticRuns.unbounded(DIR.resolve("acks-all_rmax"));

        final String md = VersusReport.render(List.of("--matrix"), List.of(versus), DIR);

        assertThat(md).startsWith("# ackbench vs kafka\n\n`vs-kafka --matrix`\n\n## How each system ran\n\n"
            + "|  | ackbench | kafka |\n| --- | --- | --- |\n| broker JVMs | 3 | 3 |\n\n## Headline\n\n"
            + VersusTable.headline(List.of(versus)));
        assertThat(md).contains("\n## Every system\n\n" + VersusTable.summary(List.of(versus)) + "\nEach system ran "
            + "3 times per configuration, in rounds of one run each, every round the previous one reversed (1 "
            + "ackbench, 2 kafka, 3 kafka, 4 ackbench, 5 ackbench, 6 kafka), each run in a JVM of its own");
        assertThat(md).contains("\n## Drift\n\n" + VersusTable.drift(List.of(versus)));
        assertThat(md).contains("Rate kept, per run: NO where its system acknowledged less than 95% of its target "
            + "rate in the measured window; late where it delivered the rate but the load generator's send-delay p99 "
            + "was above 1000 µs");
        assertThat(md).endsWith(" Runs in `acks-all_rmax/`.\n\n" + VersusTable.runs(versus));
    }

    @Test
    void eachSystemsLastRunSaysWhereItsLatencyWent() throws IOException {
        final Versus versus = SyntheticRuns.unbounded(tmp);
        copyFixture("ackbench-acks-all", tmp.resolve("run-5-ackbench"));
        copyFixture("ackbench-acks-all", tmp.resolve("run-1-ackbench")); // an earlier run: not shown
        copyFixture("kafka-acks-all", tmp.resolve("run-6-kafka"));

        final String stages = VersusReport.stages(versus);

        assertThat(stages).startsWith("\n### Where the latency went: ackbench, run 5\n\nStages (ackbench producer and "
            + "brokers, per batch), ms\n").contains("\n### Where the latency went: kafka, run 6\n\nStages (")
            .containsOnlyOnce("ackbench, run");
        assertThat(VersusReport.render(List.of(), List.of(versus), tmp)).endsWith(stages);
    }

    @Test
    void runsWithoutABreakdownAddNothing() {
        assertThat(VersusReport.stages(SyntheticRuns.unbounded(tmp))).isEmpty();
    }

    private static void copyFixture(final String name, final Path runDir) throws IOException {
        Files.createDirectories(runDir);
        try (InputStream in = VersusReportTest.class.getResourceAsStream("/stages/" + name + "/summary.json")) {
            Files.write(runDir.resolve("summary.json"), in.readAllBytes());
        }
    }
}
