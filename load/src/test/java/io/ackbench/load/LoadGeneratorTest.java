package io.ackbench.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Short runs in-process: exact record counts, a final line that matches the histograms, and the run's files. */
class LoadGeneratorTest {
    private static final String HGRM_HEADER = "       Value     Percentile TotalCount 1/(1-Percentile)";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final LoadGenerator generator = new LoadGenerator(new AckbenchTarget(ClusterLauncher.IN_PROCESS),
        new PrintStream(printed, true, StandardCharsets.UTF_8));

    private static Workload.Builder oneBroker() {
        return Workload.builder().brokers(1).replicationFactor(1).minInsyncReplicas(1).partitions(1)
            .producerSetting("acks", "all").reportingInterval(250, TimeUnit.MILLISECONDS);
    }

    @Test
    void twentyThousandRecordsAtTwentyThousandPerSecondAreAllAcknowledgedAndReported() throws Exception {
        final Workload workload = oneBroker().numRecords(20_000).targetRate(20_000).build();

        final RunResult result = generator.run(workload, dir.resolve("out"), dir.resolve("data"));

        assertThat(result.sent()).isEqualTo(20_000);
        assertThat(result.acknowledged()).isEqualTo(20_000);
        assertThat(result.failed()).isZero();
        assertThat(result.latency().getTotalCount()).isEqualTo(20_000);
        assertThat(result.sendDelay().getTotalCount()).isEqualTo(20_000);
        // Record 19,999 is due 0.99995 s after the start: the run lasts at least that.
        assertThat(result.elapsedNanos()).isGreaterThanOrEqualTo(999_950_000L);
        assertThat(result.sendRate()).isBetween(19_000.0, 20_001.0);

        // A run with a record count measures until its last record is acknowledged: nothing drains after it.
        final MeasuredWindow window = result.window();
        assertThat(window.acknowledgedInside()).isEqualTo(20_000);
        assertThat(window.drained()).isZero();
        assertThat(window.nanos()).isEqualTo(result.elapsedNanos());
        final double rate = window.acknowledgedInside() * 1e9 / window.nanos();
        final Histogram latency = result.latency();
        final String expectedLine = String.format(java.util.Locale.ROOT, "20000 records sent, %.1f records/sec "
                + "(%.2f MB/sec), %.2f us avg latency, %d us max latency, %d us 50th, %d us 95th, %d us 99th, "
                + "%d us 99.9th.", rate, rate * 100 / (1024.0 * 1024.0), latency.getMean() / 1000.0,
            latency.getMaxValue() / 1000, latency.getValueAtPercentile(50) / 1000,
            latency.getValueAtPercentile(95) / 1000, latency.getValueAtPercentile(99) / 1000,
            latency.getValueAtPercentile(99.9) / 1000);
        assertThat(result.finalLine()).isEqualTo(expectedLine);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains(expectedLine + System.lineSeparator())
            .contains(window.line() + System.lineSeparator())
            .contains(result.waits().line() + System.lineSeparator());
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    @Tag("slow")
    void aSteadyWarmUpMovesTheMeasurementStartAndTheWindowHoldsExactlyItsDurationsRecords() throws Exception {
        final Workload workload = oneBroker().targetRate(5_000).duration(1, TimeUnit.SECONDS).steadyWarmup()
            .warmupMax(12, TimeUnit.SECONDS).build();
        final Path out = dir.resolve("out");

        final RunResult result = generator.run(workload, out, dir.resolve("data"));

        final WarmupOutcome warmup = result.warmup();
        assertThat(warmup.isSteady()).isTrue();
        assertThat(warmup.nanos()).isLessThanOrEqualTo(TimeUnit.SECONDS.toNanos(12));
        if (warmup.settled()) {
            assertThat(warmup.windows()).isGreaterThanOrEqualTo(new SteadyStateDetector().windows());
        }
        // 5000 records/s, 200 us apart: any 1 s window starting anywhere holds exactly 5000 intended times.
        assertThat(result.sent()).isEqualTo(5_000);
        assertThat(result.acknowledged()).isEqualTo(5_000);
        assertThat(result.window().nanos()).isEqualTo(TimeUnit.SECONDS.toNanos(1));
        assertThat(result.window().acknowledgedInside() + result.window().drained()).isEqualTo(5_000);
        assertThat(result.warmupRecords()).isGreaterThanOrEqualTo(warmup.nanos() * 5_000 / 1_000_000_000L - 1);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains(warmup.line() + System.lineSeparator());
        assertThat(Files.readString(out.resolve(LoadGenerator.SUMMARY_JSON)))
            .contains("\"warmup\": " + warmup.toJson())
            .contains("\"loadThreadWaits\": {\"parks\": ");
    }

    @Test
    void theRunsFilesHoldTheHistogramsWithTheirHeaders() throws Exception {
        final Workload workload = oneBroker().numRecords(5_000).targetRate(10_000).build();
        final Path out = dir.resolve("out");

        final RunResult result = generator.run(workload, out, dir.resolve("data"));

        final List<String> hgrm = Files.readAllLines(out.resolve(LoadGenerator.LATENCY_HGRM));
        assertThat(hgrm.get(0)).isEqualTo("# Latency from intended send to completion, in microseconds; "
            + "acks-all_r10000_s100_p1_b1-rf1-isr1_t1");
        assertThat(hgrm.get(1)).isEqualTo(HGRM_HEADER);
        assertThat(hgrm.get(hgrm.size() - 1)).startsWith("#[Buckets = ");
        assertThat(hgrm).anySatisfy(line -> assertThat(line).startsWith("#[Mean    = "));
        final List<String> delay = Files.readAllLines(out.resolve(LoadGenerator.SEND_DELAY_HGRM));
        assertThat(delay.get(0)).startsWith("# Send delay (actual minus intended send time), in microseconds");
        assertThat(delay.get(1)).isEqualTo(HGRM_HEADER);

        final List<String> hlog = Files.readAllLines(out.resolve(LoadGenerator.LATENCY_HLOG));
        assertThat(hlog.get(1)).isEqualTo("#[Histogram log format version 1.3]");
        assertThat(hlog.get(2)).startsWith("#[StartTime: ");
        assertThat(hlog.get(3)).isEqualTo(
            "\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\"");
        long logged = 0;
        final HistogramLogReader reader = new HistogramLogReader(out.resolve(LoadGenerator.LATENCY_HLOG).toFile());
        for (Histogram h = (Histogram) reader.nextIntervalHistogram(); h != null;
             h = (Histogram) reader.nextIntervalHistogram()) {
            logged += h.getTotalCount();
        }
        assertThat(logged).as("records over the .hlog's intervals").isEqualTo(5_000);

        final String json = Files.readString(out.resolve(LoadGenerator.SUMMARY_JSON));
        assertThat(json).startsWith("{\n  \"target\": \"ackbench\",\n  \"workload\": {").contains("\"recordsAcknowledged\": 5000,")
            .contains("\"targetRate\": 10000,").contains("\"producerSettings\": {\"acks\": \"all\"}")
            .contains("\"p99.9\": " + String.format(java.util.Locale.ROOT, "%.3f",
                result.latency().getValueAtPercentile(99.9) / 1000.0));
    }

    @Test
    void warmupRecordsAreSentButNotMeasured() throws Exception {
        final Workload workload = oneBroker().numRecords(3_000).targetRate(10_000)
            .warmup(200, TimeUnit.MILLISECONDS).build();

        final RunResult result = generator.run(workload, dir.resolve("out"), dir.resolve("data"));

        // Records 0..1999 are due in the first 200 ms.
        assertThat(result.warmupRecords()).isEqualTo(2_000);
        assertThat(result.acknowledged()).isEqualTo(3_000);
        assertThat(result.latency().getTotalCount()).isEqualTo(3_000);
    }

    @Test
    void aDurationRunSendsTheRecordsDueWithinIt() throws Exception {
        final Workload workload = oneBroker().duration(500, TimeUnit.MILLISECONDS).targetRate(10_000).build();

        final RunResult result = generator.run(workload, dir.resolve("out"), dir.resolve("data"));

        assertThat(result.sent()).isEqualTo(5_000);
        assertThat(result.acknowledged()).isEqualTo(5_000);
    }

    @Test
    void producerThreadsShareTheRecordsAndKeysReachEveryPartition() throws Exception {
        final Workload workload = oneBroker().partitions(3).producerThreads(2).numRecords(10_001).targetRate(20_000)
            .keyDistribution(KeyDistribution.zipf(50, 1.0)).build();

        final RunResult result = generator.run(workload, dir.resolve("out"), dir.resolve("data"));

        assertThat(result.sent()).isEqualTo(10_001);
        assertThat(result.acknowledged()).isEqualTo(10_001);
        assertThat(result.latency().getTotalCount()).isEqualTo(10_001);
    }

    @Test
    void anUnlimitedRunAlwaysKeepsItsRate() throws Exception {
        final Workload workload = oneBroker().numRecords(20_000).build();

        final RunResult result = generator.run(workload, dir.resolve("out"), dir.resolve("data"));

        assertThat(result.acknowledged()).isEqualTo(20_000);
        assertThat(result.warmupRecords()).isZero();
        assertThat(result.keptRate()).isTrue();
        assertThat(result.rateWarning()).isNull();
        assertThat(result.sendDelay().getMaxValue()).isZero();
    }
}
