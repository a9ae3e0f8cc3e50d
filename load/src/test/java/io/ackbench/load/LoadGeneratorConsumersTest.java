package io.ackbench.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The load generator's consumers, on an {@link InMemoryLoadCluster}: every measured record's end-to-end latency
 * recorded once, the files and lines that report them, the drain bound's warning, and consumer failures.
 */
class LoadGeneratorConsumersTest {
    private static final String HGRM_HEADER = "       Value     Percentile TotalCount 1/(1-Percentile)";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final LoadGenerator generator = new LoadGenerator(new AckbenchTarget(ClusterLauncher.IN_PROCESS),
        new PrintStream(printed, true, StandardCharsets.UTF_8));

    private static Workload.Builder twoConsumers() {
        return Workload.builder().partitions(3).producerThreads(2).consumers(2).recordSize(32)
            .reportingInterval(25, TimeUnit.MILLISECONDS);
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyMeasuredRecordIsConsumedAndMeasuredOnceAndWarmupOnlyRead() throws Exception {
        final Workload workload = twoConsumers().numRecords(2_001).targetRate(20_000)
            .warmup(50, TimeUnit.MILLISECONDS).build();
        final InMemoryLoadCluster cluster = InMemoryLoadCluster.of(workload);

        final RunResult result = generator.run(workload, cluster, dir);

        // 50 ms of warm-up at 20,000 records/s: 1,000 records before the measured 2,001.
        assertThat(result.warmupRecords()).isEqualTo(1_000);
        assertThat(cluster.appended()).isEqualTo(3_001);
        assertThat(result.acknowledged()).isEqualTo(2_001);
        assertThat(result.consumed()).isEqualTo(2_001);
        assertThat(result.endToEnd().getTotalCount()).isEqualTo(2_001);
        assertThat(result.endToEndWarning()).isNull();
        assertThat(cluster.consumersClosed).hasValue(2);
        assertThat(cluster.producersClosed).hasValue(2);
    }

    @Test
    void theFinalLineEndsWithTheEndToEndFiguresAfterTheProduceOnes() throws Exception {
        final Workload workload = twoConsumers().numRecords(1_000).targetRate(20_000).build();

        final RunResult result = generator.run(workload, InMemoryLoadCluster.of(workload), dir);

        final Histogram e2e = result.endToEnd();
        final String produce = String.format(Locale.ROOT, "1000 records sent, %.1f records/sec (%.2f MB/sec), "
                + "%.2f us avg latency, %d us max latency, %d us 50th, %d us 95th, %d us 99th, %d us 99.9th.",
            result.recordsPerSecond(), result.megabytesPerSecond(), result.averageLatencyMicros(),
            result.maxLatencyMicros(), result.latencyMicrosAt(50), result.latencyMicrosAt(95),
            result.latencyMicrosAt(99), result.latencyMicrosAt(99.9));
        final String line = produce + String.format(Locale.ROOT, " End to end: 1000 records consumed, %d us 50th, "
                + "%d us 99th, %d us 99.9th.", e2e.getValueAtPercentile(50) / 1000,
            e2e.getValueAtPercentile(99) / 1000, e2e.getValueAtPercentile(99.9) / 1000);
        assertThat(result.finalLine()).isEqualTo(line);
        assertThat(printed()).contains(line + System.lineSeparator());
        // The run lasts 50 ms, two intervals or more; each progress line has the end-to-end column.
        assertThat(printed().lines().filter(l -> l.contains("(last "))).isNotEmpty()
            .allMatch(l -> l.matches("\\d+ records sent, .* us 99th, \\d+ us end-to-end 99th \\(last .*"));
    }

    @Test
    void theEndToEndFilesHoldEveryMeasuredRecord() throws Exception {
        final Workload workload = twoConsumers().numRecords(1_500).targetRate(20_000).build();

        final RunResult result = generator.run(workload, InMemoryLoadCluster.of(workload), dir);

        final List<String> hgrm = Files.readAllLines(dir.resolve(LoadGenerator.END_TO_END_HGRM));
        assertThat(hgrm.get(0)).isEqualTo("# End-to-end latency from intended send to consumption, in microseconds; "
            + "acks-all_r20000_s32_p3_b3-rf3-isr2_t2_c2");
        assertThat(hgrm.get(1)).isEqualTo(HGRM_HEADER);
        assertThat(hgrm).anySatisfy(line -> assertThat(line).endsWith("Total count    =         1500]"));

        final List<String> hlog = Files.readAllLines(dir.resolve(LoadGenerator.END_TO_END_HLOG));
        assertThat(hlog.get(0)).endsWith("; end-to-end latency from intended send to consumption, values in "
            + "microseconds");
        assertThat(hlog.get(1)).isEqualTo("#[Histogram log format version 1.3]");
        long logged = 0;
        final HistogramLogReader reader = new HistogramLogReader(dir.resolve(LoadGenerator.END_TO_END_HLOG).toFile());
        for (Histogram h = (Histogram) reader.nextIntervalHistogram(); h != null;
             h = (Histogram) reader.nextIntervalHistogram()) {
            logged += h.getTotalCount();
        }
        assertThat(logged).as("records over the end-to-end .hlog's intervals").isEqualTo(1_500);

        final Histogram e2e = result.endToEnd();
        assertThat(Files.readString(dir.resolve(LoadGenerator.SUMMARY_JSON)))
            .contains("\"consumers\": 2,", "\"recordsConsumed\": 1500,", "\"consumersCaughtUp\": true,")
            .contains("\"endToEndMicros\": {\n    \"count\": 1500,")
            .contains(String.format(Locale.ROOT, "\"p99.9\": %.3f,", e2e.getValueAtPercentile(99.9) / 1000.0))
            .contains(String.format(Locale.ROOT, "\"max\": %.3f}", e2e.getMaxValue() / 1000.0));
    }

    @Test
    void withoutConsumersThereIsNoEndToEndResultFileOrFigure() throws Exception {
        final Workload workload = twoConsumers().consumers(0).numRecords(500).targetRate(20_000).build();

        final RunResult result = generator.run(workload, InMemoryLoadCluster.of(workload), dir);

        assertThat(result.endToEnd()).isNull();
        assertThat(result.consumed()).isZero();
        assertThat(result.finalLine()).endsWith(" us 99.9th.").doesNotContain("End to end");
        assertThat(dir.resolve(LoadGenerator.END_TO_END_HGRM)).doesNotExist();
        assertThat(dir.resolve(LoadGenerator.END_TO_END_HLOG)).doesNotExist();
        assertThat(Files.readString(dir.resolve(LoadGenerator.SUMMARY_JSON))).doesNotContain("endToEnd");
    }

    @Test
    void consumersThatCannotCatchUpEndTheRunAtTheDrainBoundWithAWarning() throws Exception {
        final Workload workload = twoConsumers().numRecords(1_000).targetRate(20_000).build();
        // Three records acknowledged and lost: the consumers reach their partitions' ends with 997 read.
        final InMemoryLoadCluster cluster = InMemoryLoadCluster.losing(workload, 3);
        generator.withDrainBound(TimeUnit.MILLISECONDS.toNanos(200));

        final RunResult result = generator.run(workload, cluster, dir);

        assertThat(result.acknowledged()).isEqualTo(1_000);
        assertThat(result.consumed()).isEqualTo(997);
        final String warning = "WARNING: the consumers did not catch up within 0.2 s of the producers' end: they "
            + "read 997 of the 1000 measured records acknowledged. The end-to-end latencies are those of the 997 "
            + "records read.";
        assertThat(result.endToEndWarning()).isEqualTo(warning);
        // After the final line, and after the rate warning a loaded machine may add.
        assertThat(printed().lines()).endsWith(warning).contains(result.finalLine());
        assertThat(Files.readString(dir.resolve(LoadGenerator.SUMMARY_JSON)))
            .contains("\"consumersCaughtUp\": false,");
        assertThat(cluster.consumersClosed).hasValue(2);
    }

    @Test
    void aFailingConsumerFailsTheRunNamingItsThreadAndEverythingIsClosed() {
        final Workload workload = twoConsumers().duration(10, TimeUnit.SECONDS).targetRate(2_000).build();
        final InMemoryLoadCluster cluster = InMemoryLoadCluster.failingConsumersAfter(workload, 10);

        // The consumers fail within their first records, which stops the producers long before the 10 s end.
        assertThatThrownBy(() -> generator.run(workload, cluster, dir))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageMatching("Consumer thread ackbench-consume-[01] failed: java.lang.IllegalStateException: "
                + "the in-memory consumer fails as asked")
            .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(cluster.consumersClosed).hasValue(2);
        assertThat(cluster.producersClosed).hasValue(2);
    }

    @Test
    void aClusterWithoutConsumersRefusesTheConsumersFlagBeforeSending() {
        final Workload workload = twoConsumers().numRecords(100).build();
        final InMemoryLoadCluster inMemory = InMemoryLoadCluster.of(workload);
        final LoadCluster withoutConsumers = new LoadCluster() {
            @Override
            public LoadProducer connect(final Workload w, final io.ackbench.producer.DeliveryListener listener) {
                return inMemory.connect(w, listener);
            }

            @Override
            public void close() {
            }
        };

        assertThatThrownBy(() -> generator.run(workload, withoutConsumers, dir))
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("--consumers needs a consumer, and --target ackbench has none for this cluster: This cluster "
                + "has no consumer");
        assertThat(inMemory.appended()).isZero();
        assertThat(inMemory.producersClosed).hasValue(2);
    }
}
