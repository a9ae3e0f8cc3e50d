package io.ackbench.tools.firstrun;

import io.ackbench.load.keys.KeyDistributionReport;
import io.ackbench.load.keys.KeySet;
import io.ackbench.load.keys.PartitionLoad;
import io.ackbench.partition.PartitionStrategy;
import io.ackbench.tools.results.BenchmarkResult;
import io.ackbench.tools.results.JmhResults;
import io.ackbench.tools.results.Metric;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FirstRunSummaryTest {
    private static final FirstRunSummary.Header HEADER = new FirstRunSummary.Header("kvm2c", "abc1234",
        "17.0.15+6 (Debian)", "2026-12-06 18:00 UTC", "5 min 40 s", "scripts/first-run.list", "1,000,000 records");

    @Test
    void headerSaysWhereWhatAndHowLong() throws IOException {
        assertThat(summary()).startsWith("# ackbench first run\n\n"
            + "Machine kvm2c · commit abc1234 · JDK 17.0.15+6 (Debian) · 2026-12-06 18:00 UTC"
            + " · run took 5 min 40 s\n");
    }

    @Test
    void deliveryTableHasEveryAcksSettingInOrderWithPercentilesAndTheRatioToAcksOne() throws IOException {
        assertThat(summary()).contains(
            "In process (Agrona rings), min.insync.replicas=2, keyless records, unbounded rate; broker logs on tmpfs"
                + " (/dev/shm/ackbench-first-run).\n\n"
                + "| acks | records/s ± err | p50 µs | p99 µs | p99.9 µs | vs acks=1 |\n"
                + "|---|---:|---:|---:|---:|---|\n"
                + "| 0 | 900,000 ± 50,000 | 100 | 900 | 1,500 | 1.50 |\n"
                + "| 1 | 600,000 ± 30,000 | 400 | 1,200 | 2,000 | 1 |\n"
                + "| all | 580,000 ± 40,000 | 500 | 1,400 | 2,600 | 0.97 (within error) |\n"
                + "| all-idempotent | 400,000 ± 20,000 | 700 | 1,900 | 3,100 | 0.67 |\n");
    }

    @Test
    void networkSuiteGetsATableOfItsOwnBesideTheInProcessOne() throws IOException {
        assertThat(summary()).contains(
            "Over TCP loopback (each broker on its own port), min.insync.replicas=2, keyless records, unbounded rate;"
                + " broker logs on tmpfs (/dev/shm/ackbench-first-run).\n\n"
                + "| acks | records/s ± err | p50 µs | p99 µs | p99.9 µs | vs acks=1 |\n"
                + "|---|---:|---:|---:|---:|---|\n"
                + "| 1 | 300,000 ± 15,000 | 400 | 1,200 | 2,000 | 1 |\n"
                + "| all | 174,000 ± 12,000 | 500 | 1,400 | 2,600 | 0.58 |\n");
    }

    @Test
    void componentsArePairedByImplAndARatioInsideTheErrorsNamesNoWinner() throws IOException {
        assertThat(summary()).contains(
            "| component | ackbench | kafka-clients | ackbench/kafka-clients |\n|---|---:|---:|---|\n",
            "| batch builder: build and seal a v2 batch (recordsPerBatch=100) | 330.0 ± 10.0 ops/ms"
                + " | 100.0 ± 5.0 ops/ms | 3.30, ackbench faster |\n",
            "| accumulator: append, 1 thread (batchSize=16384, partitions=6) | 5.2 ± 0.3 ops/us | 5.0 ± 0.2 ops/us"
                + " | 1.03 (within error) |\n",
            "| murmur2 keyed partitioning (keySize=64, numPartitions=12) | 25.0 ± 1.0 ops/us | 30.0 ± 1.0 ops/us"
                + " | 0.83, kafka-clients faster |\n");
    }

    @Test
    void keyHashTableJoinsSpeedAndSkewPerStrategy() throws IOException {
        final String summary = summary();

        assertThat(summary).contains(
            "| strategy | ns/op ± err | vs murmur2 | max/min uniform-random | max/min zipf | chi-square p |\n"
                + "|---|---:|---|---:|---:|---:|\n"
                + "| murmur2 (Kafka's) | 40.00 ± 4.00 | 1 | 1.100 | 5.000 | ",
            "| crc32c | 80.00 ± 3.20 | 2.00 | 1.000 | inf | 1.000 |\n");
        assertThat(summary).doesNotContain("| sticky")
            .contains("Speed: PartitionerBenchmark.keyHash over 64-byte keys");
    }

    @Test
    void summaryEndsWithTheFullRunsCommands() throws IOException {
        assertThat(summary()).contains("## Full runs", "java -jar jmh/target/benchmarks.jar jmh.ProduceBenchmark -f 3",
            "scripts/key-distribution");
    }

    @Test
    void anEmptyRunSaysSoForEachQuestion() {
        assertThat(FirstRunSummary.markdown(HEADER, List.of(), List.of())).contains(
            "No ProduceBenchmark.send or NetworkProduceBenchmark.send results in this run.", "No results with impl=ackbench and impl=kafka",
            "No keyHash results and no key-distribution report");
    }

    @Test
    void ratioIsWithinErrorWhenTheIntervalsOverlapOrAnErrorIsUnknown() {
        assertThat(FirstRunSummary.ratio(metric(103, 2), metric(100, 2), true).text()).isEqualTo("1.03 (within error)");
        assertThat(FirstRunSummary.ratio(metric(110, 2), metric(100, 2), true).text()).isEqualTo("1.10");
        assertThat(FirstRunSummary.ratio(metric(110, 2), metric(100, 2), true).better()).isTrue();
        assertThat(FirstRunSummary.ratio(metric(110, 2), metric(100, 2), false).better()).isFalse();
        assertThat(FirstRunSummary.ratio(metric(200, Double.NaN), metric(100, 1), true).withinError()).isTrue();
    }

    @Test
    void throughputBecomesNanosecondsPerOperationWithItsError() {
        final Metric nanos = FirstRunSummary.nanosPerOp(Metric.of(25, 2.5, "ops/us", new double[0])).orElseThrow();

        assertThat(nanos.score()).isEqualTo(40.0);
        assertThat(nanos.scoreError()).isEqualTo(4.0);
        assertThat(FirstRunSummary.nanosPerOp(Metric.of(25, 1, "B/op", new double[0]))).isEmpty();
    }

    private static Metric metric(final double score, final double error) {
        return Metric.of(score, error, "ops/s", new double[0]);
    }

    private static String summary() throws IOException {
        final List<KeyDistributionReport.Row> rows = List.of(
            row(PartitionStrategy.STICKY, KeySet.UNIFORM_RANDOM, 100, 110),
            row(PartitionStrategy.MURMUR2, KeySet.UNIFORM_RANDOM, 100, 110),
            row(PartitionStrategy.MURMUR2, KeySet.ZIPF, 40, 200),
            row(PartitionStrategy.CRC32C, KeySet.UNIFORM_RANDOM, 100, 100),
            row(PartitionStrategy.CRC32C, KeySet.ZIPF, 0, 300));
        return FirstRunSummary.markdown(HEADER, synthetic(), rows);
    }

    /** Twelve partitions: one at {@code low}, one at {@code high}, the rest at the mean of the two. */
    private static KeyDistributionReport.Row row(final PartitionStrategy strategy, final KeySet keySet, final long low,
                                                 final long high) {
        final long[] counts = new long[12];
        Arrays.fill(counts, (low + high) / 2);
        counts[0] = low;
        counts[1] = high;
        return new KeyDistributionReport.Row(strategy, keySet, 12, new PartitionLoad(counts));
    }

    private static List<BenchmarkResult> synthetic() throws IOException {
        try (InputStream in = FirstRunSummaryTest.class.getResourceAsStream("first-run-synthetic.json")) {
            return JmhResults.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "first-run-synthetic.json");
        }
    }
}
