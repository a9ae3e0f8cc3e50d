package io.ackbench.tools.compare;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchmarkThresholdsTest {
    @Test
    void theFirstEntryWhoseRegexIsFoundInTheNameWins() {
        final BenchmarkThresholds thresholds = BenchmarkThresholds.parse(String.join("\n",
            "# comment line", "", "jmh\\.ProduceBenchmark\\. 10   # in process", "ProduceBenchmark 25",
            "Partitioner 15%"), "t");

        assertThat(thresholds.percentFor("io.ackbench.jmh.ProduceBenchmark.send")).hasValue(10);
        assertThat(thresholds.percentFor("io.ackbench.jmh.NetworkProduceBenchmark.send")).hasValue(25);
        assertThat(thresholds.percentFor("io.ackbench.jmh.PartitionerBenchmark.murmur2")).hasValue(15);
        assertThat(thresholds.percentFor("io.ackbench.jmh.ProducerSendBenchmark.send")).isEmpty();
        assertThat(thresholds.isEmpty()).isFalse();
        assertThat(BenchmarkThresholds.none().percentFor("anything")).isEmpty();
    }

    @Test
    void theSettingsFallBackToTheDefaultThreshold() {
        final ComparisonSettings settings = ComparisonSettings.defaults()
            .withBenchmarkThresholds(BenchmarkThresholds.parse("Network 25", "t"));

        assertThat(settings.thresholdPercentFor("io.ackbench.jmh.NetworkProduceBenchmark.send")).isEqualTo(25);
        assertThat(settings.thresholdPercentFor("io.ackbench.jmh.ProducerSendBenchmark.send"))
            .isEqualTo(ComparisonSettings.DEFAULT_THRESHOLD_PERCENT);
    }

    @Test
    void aMalformedLineIsNamedWithItsFileAndNumber() {
        assertThatThrownBy(() -> BenchmarkThresholds.parse("# ok\nNetwork", "nightly.thresholds"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("nightly.thresholds:2: expected BENCHMARK_REGEX PERCENT, got 'Network'");
        assertThatThrownBy(() -> BenchmarkThresholds.parse("Network ten", "t"))
            .hasMessage("t:1: the threshold 'ten' is not a number");
        assertThatThrownBy(() -> BenchmarkThresholds.parse("Network 100", "t"))
            .hasMessage("t:1: the threshold must be a percentage from 0 to below 100, was 100");
        assertThatThrownBy(() -> BenchmarkThresholds.parse("Net(work 5", "t"))
            .hasMessageStartingWith("t:1: 'Net(work' is not a regular expression: ");
    }

    @Test
    void aFileIsReadAndReportedByItsNameAlone(@TempDir final Path dir) throws IOException {
        final Path file = Files.writeString(dir.resolve("nightly.thresholds"), "Network 25\n");

        final BenchmarkThresholds thresholds = BenchmarkThresholds.read(file);

        assertThat(thresholds.source()).isEqualTo("nightly.thresholds");
        assertThat(thresholds.percentFor("NetworkProduceBenchmark")).hasValue(25);
        assertThatThrownBy(() -> BenchmarkThresholds.read(dir.resolve("missing")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("cannot read the thresholds file " + dir.resolve("missing"));
    }

    /** The committed file parses, and gives the gate's quiet producer-path benchmark the default. */
    @Test
    void theCommittedThresholdsFileParses() {
        final Path committed = Path.of("..", "scripts", "nightly.thresholds");
        final BenchmarkThresholds thresholds = BenchmarkThresholds.read(committed);

        assertThat(thresholds.percentFor("io.ackbench.jmh.ProducerSendBenchmark.send")).isEmpty();
        assertThat(thresholds.percentFor("io.ackbench.jmh.NetworkProduceBenchmark.send")).isPresent();
    }
}
