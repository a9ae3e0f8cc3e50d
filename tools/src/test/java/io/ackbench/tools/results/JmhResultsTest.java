package io.ackbench.tools.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The files under test resources are genuine JMH 1.37 output: {@code thrpt-params-gc.json} is two entries of the
 * committed murmur2 baseline with the profiler metrics renamed as JMH 1.36 wrote them ({@code ·gc...});
 * {@code sample-histogram.json} is one {@code -bm sample -prof gc} entry with each iteration's histogram cut to
 * its first four buckets.
 */
class JmhResultsTest {
    private static final double EXACT = 1e-12;

    @TempDir
    Path directory;

    @Test
    void throughputResultHasParamsPrimarySamplesAndProfilerMetrics() throws Exception {
        final List<BenchmarkResult> results = JmhResults.read(resource("thrpt-params-gc.json"));

        assertThat(results).hasSize(2);
        final BenchmarkResult first = results.get(0);
        assertThat(first.benchmark()).isEqualTo("io.ackbench.jmh.PartitionerBenchmark.murmur2");
        assertThat(first.shortName()).isEqualTo("PartitionerBenchmark.murmur2");
        assertThat(first.mode()).isEqualTo("thrpt");
        assertThat(first.params()).containsExactly(
            Map.entry("impl", "ackbench"), Map.entry("keySize", "16"), Map.entry("numPartitions", "12"));
        assertThat(first.key())
            .isEqualTo("io.ackbench.jmh.PartitionerBenchmark.murmur2 thrpt {impl=ackbench, keySize=16, numPartitions=12}");
        assertThat(first.primary().score()).isEqualTo(125.56095951411888);
        assertThat(first.primary().unit()).isEqualTo("ops/us");
        assertThat(first.primary().samples()).containsExactly(
            124.99007091183778, 125.74788601594835, 125.85035876387174, 125.83009797509332, 125.38638390384318);
        assertThat(first.primary().sampleCount()).isEqualTo(5);
        assertThat(first.secondaryNames())
            .containsExactly("\u00b7gc.alloc.rate", "\u00b7gc.alloc.rate.norm", "\u00b7gc.count");
        final Metric allocation = first.secondary("\u00b7gc.alloc.rate.norm").orElseThrow();
        assertThat(allocation.score()).isEqualTo(4.6768017038127816e-05);
        assertThat(allocation.unit()).isEqualTo("B/op");
        assertThat(allocation.sampleCount()).isEqualTo(5);
        assertThat(results.get(1).params()).containsEntry("keySize", "64");
        assertThat(results.get(1).key()).isNotEqualTo(first.key());
    }

    @Test
    void profilerMetricIsFoundWithOrWithoutTheOldDotPrefix() throws Exception {
        final BenchmarkResult dotted = JmhResults.read(resource("thrpt-params-gc.json")).get(0);
        final BenchmarkResult plain = JmhResults.read(resource("sample-histogram.json")).get(0);

        assertThat(dotted.secondary("gc.alloc.rate.norm")).isEqualTo(dotted.secondary("\u00b7gc.alloc.rate.norm"));
        assertThat(plain.secondary("\u00b7gc.alloc.rate.norm")).isEqualTo(plain.secondary("gc.alloc.rate.norm"));
        assertThat(plain.secondary("gc.alloc.rate.norm")).isPresent();
        assertThat(plain.secondary("gc.nothing")).isEmpty();
    }

    @Test
    void averageTimeSamplesRunOverEveryFork() throws Exception {
        final BenchmarkResult result = JmhResults.read(resource("avgt-two-forks.json")).get(0);

        assertThat(result.mode()).isEqualTo("avgt");
        assertThat(result.primary().unit()).isEqualTo("us/op");
        assertThat(result.primary().scoreError()).isEqualTo(0.005375939129679016);
        assertThat(result.primary().samples()).containsExactly(
            0.01199564667683683, 0.010608606648956352, 0.011385187211371791, 0.010113372901575985);
        assertThat(result.secondaryNames()).isEmpty();
    }

    @Test
    void sampleModeSamplesAreEachIterationsHistogramMean() throws Exception {
        final BenchmarkResult result = JmhResults.read(resource("sample-histogram.json")).get(0);

        assertThat(result.mode()).isEqualTo("sample");
        final double[] samples = result.primary().samples();
        assertThat(samples).hasSize(2);
        assertThat(samples[0]).isCloseTo(
            (0.02 * 2 + 0.021 * 1 + 0.03 * 4576 + 0.031 * 212) / (2 + 1 + 4576 + 212), within(EXACT));
        assertThat(samples[1]).isCloseTo(
            (0.03 * 6272 + 0.031 * 273 + 0.04 * 1047 + 0.041 * 91) / (6272 + 273 + 1047 + 91), within(EXACT));
        final Metric median = result.secondary("p0.50").orElseThrow();
        assertThat(median.scoreError()).isNaN();
        assertThat(median.samples()).containsExactly(0.03, 0.03);
    }

    @Test
    void resultWithoutParamsHasEmptyParamsAndKeyOfBenchmarkAndMode() throws IOException {
        final Path file = write("[{\"benchmark\":\"a.b.C.run\",\"mode\":\"ss\",\"primaryMetric\":"
            + "{\"score\":2.5,\"scoreError\":\"NaN\",\"scoreUnit\":\"s/op\",\"rawData\":[[2.5]]}}]");

        final BenchmarkResult result = JmhResults.read(file).get(0);

        assertThat(result.params()).isEmpty();
        assertThat(result.key()).isEqualTo("a.b.C.run ss");
        assertThat(result.shortName()).isEqualTo("C.run");
        assertThat(result.primary().scoreError()).isNaN();
        assertThat(result.primary().samples()).containsExactly(2.5);
    }

    @Test
    void samplesAreACopy() throws Exception {
        final Metric metric = JmhResults.read(resource("avgt-two-forks.json")).get(0).primary();

        metric.samples()[0] = -1;

        assertThat(metric.samples()[0]).isEqualTo(0.01199564667683683);
    }

    @Test
    void textThatIsNotJsonIsRejectedNamingTheFile() throws IOException {
        final Path file = write("Benchmark  Mode  Cnt  Score");

        assertThatThrownBy(() -> JmhResults.read(file))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith(file + ": not JSON");
    }

    @Test
    void jsonThatIsNotAnArrayIsRejected() throws IOException {
        final Path file = write("{\"benchmark\":\"a.b.C.run\"}");

        assertThatThrownBy(() -> JmhResults.read(file))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage(file + ": not a JMH result file, expected a JSON array of results but found OBJECT");
    }

    @Test
    void missingFieldIsNamedWithTheEntryAndBenchmark() throws IOException {
        final Path file = write("[{\"benchmark\":\"a.b.C.run\",\"mode\":\"thrpt\",\"primaryMetric\":"
            + "{\"score\":1,\"scoreError\":0.1,\"rawData\":[[1]]}}]");

        assertThatThrownBy(() -> JmhResults.read(file))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage(file + ": result 0 (a.b.C.run), primaryMetric field \"scoreUnit\" is missing");
    }

    @Test
    void missingBenchmarkNameIsNamed() throws IOException {
        final Path file = write("[{\"mode\":\"thrpt\"}]");

        assertThatThrownBy(() -> JmhResults.read(file))
            .hasMessage(file + ": result 0 field \"benchmark\" is missing");
    }

    @Test
    void missingRawDataIsNamed() throws IOException {
        final Path file = write("[{\"benchmark\":\"a.b.C.run\",\"mode\":\"thrpt\",\"primaryMetric\":"
            + "{\"score\":1,\"scoreError\":0.1,\"scoreUnit\":\"ops/s\"}}]");

        assertThatThrownBy(() -> JmhResults.read(file))
            .hasMessage(file + ": result 0 (a.b.C.run), primaryMetric field \"rawData\" (or \"rawDataHistogram\")"
                + " is missing");
    }

    @Test
    void missingFileIsAnIllegalArgumentNamingIt() {
        final Path file = directory.resolve("absent.json");

        assertThatThrownBy(() -> JmhResults.read(file))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith(file + ": cannot read JMH results");
    }

    private Path write(final String json) throws IOException {
        return Files.writeString(directory.resolve("results.json"), json);
    }

    private static Path resource(final String name) throws URISyntaxException {
        return Path.of(JmhResultsTest.class.getResource(name).toURI());
    }
}
