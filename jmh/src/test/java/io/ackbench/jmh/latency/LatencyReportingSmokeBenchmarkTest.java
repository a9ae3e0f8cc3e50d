package io.ackbench.jmh.latency;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@link LatencyReportingSmokeBenchmark} through JMH's Runner in this JVM (forks 0, short iterations) and
 * checks the secondary results against the percentiles of its latencies, 1 to 10 000 µs, worked out by hand:
 * HdrHistogram reports the highest value of the bucket holding each percentile (see LatencyRecorderTest in core).
 */
@Tag("slow")
class LatencyReportingSmokeBenchmarkTest {
    private static final String BENCHMARK = LatencyReportingSmokeBenchmark.class.getName();
    private static final int MEASUREMENT_ITERATIONS = 2;
    private static final Map<String, Double> EXPECTED_MICROS = Map.of(
        "p50_us", 5001.215,
        "p99_us", 9904.127,
        "p99_9_us", 9994.239,
        "p99_99_us", 10002.431,
        "max_us", 10002.431);
    @TempDir
    static Path hgrmDirectory;
    private static Map<String, RunResult> runs;

    @BeforeAll
    static void runTheSmokeBenchmark() throws Exception {
        System.setProperty(HgrmFile.DIRECTORY_PROPERTY, hgrmDirectory.toString());
        final Options options = new OptionsBuilder()
            .include(Pattern.quote(BENCHMARK) + "\\.")
            .forks(0)
            .warmupIterations(1)
            .warmupTime(TimeValue.milliseconds(100))
            .measurementIterations(MEASUREMENT_ITERATIONS)
            .measurementTime(TimeValue.milliseconds(200))
            .shouldFailOnError(true)
            .verbosity(VerboseMode.SILENT)
            .build();
        final Collection<RunResult> results;
        try (JmhLock lock = JmhLock.acquire()) {
            results = new Runner(options).run();
        }
        runs = results.stream().collect(Collectors.toMap(
            run -> run.getParams().getBenchmark().substring(BENCHMARK.length() + 1), run -> run));
    }

    @AfterAll
    static void forgetTheDirectory() {
        System.clearProperty(HgrmFile.DIRECTORY_PROPERTY);
    }

    @Test
    void theLastMeasurementIterationReportsThePercentilesOfTheWholeMeasurementInMicroseconds() {
        final List<IterationResult> iterations = iterationsOf("record");

        assertThat(iterations).hasSize(MEASUREMENT_ITERATIONS);
        final IterationResult last = iterations.get(MEASUREMENT_ITERATIONS - 1);
        assertThat(last.getSecondaryResults()).containsOnlyKeys(EXPECTED_MICROS.keySet());
        EXPECTED_MICROS.forEach((name, micros) -> {
            assertThat(last.getSecondaryResults().get(name).getScore()).as(name).isEqualTo(micros);
            assertThat(last.getSecondaryResults().get(name).getScoreUnit()).as(name).isEqualTo("#");
        });
        for (final IterationResult earlier : iterations.subList(0, MEASUREMENT_ITERATIONS - 1)) {
            EXPECTED_MICROS.keySet().forEach(name ->
                assertThat(earlier.getSecondaryResults().get(name).getScore()).as(name).isZero());
        }
        for (final IterationResult iteration : iterations) {
            assertThat(iteration.getPrimaryResult().getScore()).as("records per second").isPositive();
            assertThat(iteration.getPrimaryResult().getScoreUnit()).isEqualTo("ops/s");
        }
    }

    @Test
    void theSummaryScoreIsTheTrialsPercentileNotASumOverIterationsOrThreads() {
        for (final String method : List.of("record", "recordOnThreadZeroOfTwo")) {
            final Map<String, Result> summary = runs.get(method).getAggregatedResult().getSecondaryResults();
            EXPECTED_MICROS.forEach((name, micros) ->
                assertThat(summary.get(name).getScore()).as("%s of %s", name, method).isEqualTo(micros));
        }
        assertThat(runs.get("recordOnThreadZeroOfTwo").getParams().getThreads()).isEqualTo(2);
    }

    @Test
    void eachTrialWritesItsMeasuredLatenciesAsAnHgrmFileInMicroseconds() throws IOException {
        final List<Path> files;
        try (Stream<Path> listing = Files.list(hgrmDirectory)) {
            files = listing.sorted().collect(Collectors.toList());
        }
        assertThat(files).hasSize(2);
        assertThat(files).allSatisfy(file -> assertThat(file.getFileName().toString())
            .matches("LatencyReportingSmokeBenchmark\\.record(OnThreadZeroOfTwo)?-thrpt-\\d{8}T\\d{6}\\.\\d{3}Z"
                + "\\.latency-us\\.hgrm"));

        for (final Path file : files) {
            final String hgrm = Files.readString(file, StandardCharsets.US_ASCII);
            assertThat(hgrm).startsWith("# Latency in microseconds");
            final Matcher max = Pattern.compile("#\\[Max     = +(\\S+), Total count    = +(\\d+)]").matcher(hgrm);
            assertThat(max.find()).isTrue();
            assertThat(Double.parseDouble(max.group(1))).isEqualTo(10002.431);
            final long records = Long.parseLong(max.group(2));
            assertThat(records).as("whole invocations of 10 000 records, from measurement only")
                .isPositive().isEqualTo(records / LatencyReportingSmokeBenchmark.LATENCIES
                    * LatencyReportingSmokeBenchmark.LATENCIES);
        }
    }

    private static List<IterationResult> iterationsOf(final String method) {
        final Collection<BenchmarkResult> forks = runs.get(method).getBenchmarkResults();
        assertThat(forks).hasSize(1);
        return List.copyOf(forks.iterator().next().getIterationResults());
    }
}
