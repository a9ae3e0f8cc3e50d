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
        assertThat(VersusReport.describe(SyntheticRuns.UNBOUNDED)).isEqualTo("3 brokers, replication factor 3, "
            + "min.insync.replicas 2, 6 partitions; 100-byte values, keys none; 1 producer thread at the max rate; "
            + "1000000 records measured without a warm-up; producer acks=all.");
        final Workload keyed = Workload.builder().duration(15, TimeUnit.SECONDS).warmup(500, TimeUnit.MILLISECONDS)
            .targetRate(20_000).producerThreads(2).keyDistribution(KeyDistribution.parse("--key-distribution",
                "uniform:100")).producerSetting("linger.ms", "5").producerSetting("acks", "1")
            .brokerSetting("replica.fetch.wait.max.ms", "50").build();
        assertThat(VersusReport.describe(keyed)).isEqualTo("3 brokers, replication factor 3, min.insync.replicas 2, "
            + "6 partitions; 100-byte values, keys " + keyed.keyDistribution() + "; 2 producer threads at 20000 "
            + "records/s; 15 s measured after a 0.5 s warm-up; producer acks=1 linger.ms=5; brokers "
            + "replica.fetch.wait.max.ms=50.");
    }

    @Test
    void theReportHasTheCommandTheSummaryAndEachConfigurationsRuns() {
        final Versus versus = SyntheticRuns.unbounded(DIR.resolve("acks-all_rmax"));

        final String md = VersusReport.render(List.of("--matrix"), List.of(versus), DIR);

        assertThat(md).startsWith("# ackbench vs kafka\n\n`vs-kafka --matrix`\n\n"
            + VersusTable.summary(List.of(versus)) + "\nEach system ran twice per configuration, alternately "
            + "(1 ackbench, 2 kafka, 3 kafka, 4 ackbench), each run on a fresh cluster.");
        assertThat(md).contains("Rate kept: whether each run sent at least 95% of its target rate with a send-delay "
            + "p99 of at most 1000 µs.\n\n## acks=all @ max\n\n3 brokers,");
        assertThat(md).endsWith(" Runs in `acks-all_rmax/`.\n\n" + VersusTable.runs(versus));
    }

    @Test
    void eachSystemsLastRunSaysWhereItsLatencyWent() throws IOException {
        final Versus versus = SyntheticRuns.unbounded(tmp);
        copyFixture("ackbench-acks-all", tmp.resolve("run-4-ackbench"));
        copyFixture("ackbench-acks-all", tmp.resolve("run-1-ackbench")); // an earlier run: not shown
        copyFixture("kafka-acks-all", tmp.resolve("run-3-kafka"));

        final String stages = VersusReport.stages(versus);

        assertThat(stages).startsWith("\n### Where the latency went: ackbench, run 4\n\nStages (ackbench producer and "
            + "brokers, per batch), ms\n").contains("\n### Where the latency went: kafka, run 3\n\nStages (")
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
