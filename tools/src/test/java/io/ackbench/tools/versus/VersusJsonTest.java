package io.ackbench.tools.versus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ackbench.load.AckbenchTarget;
import io.ackbench.load.ClusterLauncher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VersusJsonTest {
    private static final Path DIR = Path.of("results", "runs", "vs-kafka", "20261124-120000-matrix");

    @TempDir
    Path tmp;

    private static JsonNode render(final List<Versus> comparisons) throws Exception {
        return new ObjectMapper().readTree(VersusJson.render(List.of("--matrix"), comparisons, DIR));
    }

    @Test
    void holdsTheCommandEveryRunTheMeansSpreadsRatiosWithIntervalsAndDrift() throws Exception {
        final JsonNode json = render(List.of(SyntheticRuns.unbounded(DIR.resolve("acks-all_rmax"))));

        assertThat(json.get("tool").asText()).isEqualTo("vs-kafka");
        assertThat(json.get("arguments").toString()).isEqualTo("[\"--matrix\"]");
        assertThat(json.get("confidence").asDouble()).isEqualTo(0.95);
        final JsonNode configuration = json.get("configurations").get(0);
        assertThat(configuration.get("name").asText()).isEqualTo("acks=all @ max");
        assertThat(configuration.get("directory").asText()).isEqualTo("acks-all_rmax");
        assertThat(configuration.get("rateMode").asText()).isEqualTo("MAX");
        assertThat(configuration.get("references").toString()).isEqualTo("[\"kafka\"]");
        assertThat(configuration.get("order").toString())
            .isEqualTo("[\"ackbench\",\"kafka\",\"kafka\",\"ackbench\",\"ackbench\",\"kafka\"]");
        assertThat(configuration.at("/resources/kafka/broker JVMs").asText()).isEqualTo("3");

        final JsonNode runs = configuration.get("runs");
        assertThat(runs).hasSize(6);
        assertThat(runs.get(2).get("system").asText()).isEqualTo("kafka");
        assertThat(runs.get(2).get("recordsPerSecond").asDouble()).isEqualTo(270_000.0);
        assertThat(runs.get(2).get("p999Micros").asDouble()).isEqualTo(16_000.0);

        assertThat(configuration.at("/means/ackbench/recordsPerSecond").asDouble()).isEqualTo(515_000.0);
        assertThat(configuration.at("/spreads/ackbench/recordsPerSecond").asDouble()).isEqualTo(15_000.0 / 515_000);
        final JsonNode throughput = configuration.at("/ratios/ackbench~1kafka/recordsPerSecond");
        assertThat(throughput.get("ratio").asDouble()).isEqualTo(515_000.0 / 260_000);
        assertThat(throughput.get("low").asDouble()).isBetween(1.8261, 1.8262);
        assertThat(throughput.get("high").asDouble()).isBetween(2.1524, 2.1525);
        final JsonNode p99 = configuration.at("/ratios/ackbench~1kafka/p99Micros");
        assertThat(p99.get("ratio").isNull()).isTrue();
        assertThat(p99.get("why").asText()).isEqualTo("queueing: n/a");
        assertThat(configuration.at("/drift/figure").asText()).isEqualTo("recordsPerSecond");
        assertThat(configuration.at("/drift/ackbench/lastOverFirstMinusOne").asDouble()).isBetween(0.0299, 0.0301);
        assertThat(configuration.at("/drift/ackbench/beyondNoise").asBoolean()).isFalse();
    }

    @Test
    void aCrashedRunHasItsErrorAndASystemWithoutARunHasNullFigures() throws Exception {
        final Versus versus = SyntheticRuns.versus(SyntheticRuns.AT_MAX, SyntheticRuns.UNBOUNDED,
            List.of("ackbench", "kafka"), DIR, List.of(
            SyntheticRuns.run(1, "ackbench", false, true, 0, 500_000, 47.68, 800, 2_000, 3_000, 10_000),
            RunFigures.crashed(2, "kafka", "run-2-kafka", "java.io.IOException: no broker"),
            RunFigures.crashed(3, "kafka", "run-3-kafka", "java.io.IOException: no broker"),
            SyntheticRuns.run(4, "ackbench", false, true, 0, 500_000, 47.68, 800, 2_000, 3_000, 10_000)));

        final JsonNode configuration = render(List.of(versus)).get("configurations").get(0);

        assertThat(configuration.get("directory").asText()).isEmpty();
        assertThat(configuration.get("clean").asBoolean()).isFalse();
        assertThat(configuration.at("/runs/1/completed").asBoolean()).isFalse();
        assertThat(configuration.at("/runs/1/error").asText()).isEqualTo("java.io.IOException: no broker");
        assertThat(configuration.at("/runs/1").has("recordsPerSecond")).isFalse();
        assertThat(configuration.at("/means/kafka/recordsPerSecond").isNull()).isTrue();
        assertThat(configuration.at("/ratios/ackbench~1kafka/recordsPerSecond/ratio").isNull()).isTrue();
        assertThat(configuration.at("/ratios/ackbench~1kafka/recordsPerSecond/why").asText()).isEqualTo("—");
    }

    @Test
    void aConfigurationsFileReadsBackAsTheComparisonItWasWrittenFrom() throws Exception {
        final Versus written = SyntheticRuns.unbounded(tmp).measured(Measured.of(
            java.time.Instant.parse("2026-12-07T19:51:37Z"), java.time.Instant.parse("2026-12-07T20:12:05Z"), "kvm2c",
            "7b576c6"));
        final Path file = tmp.resolve("versus.json");
        Files.writeString(file, VersusJson.render(List.of("--matrix"), List.of(written), tmp));
        final Matchup matchup = matchup("ackbench", "kafka");

        final Versus read = VersusJson.read(file, List.of("--matrix"), matchup, tmp);

        assertThat(read.measured().sentence()).isEqualTo(written.measured().sentence());
        assertThat(read.systems()).isEqualTo(written.systems());
        assertThat(read.runs()).hasSize(6);
        for (int i = 0; i < 6; i++) {
            assertThat(read.runs().get(i).system()).isEqualTo(written.runs().get(i).system());
            for (final Figure figure : Figure.values()) {
                assertThat(read.runs().get(i).figure(figure)).isEqualTo(written.runs().get(i).figure(figure));
            }
        }
        assertThat(read.resources()).isEqualTo(written.resources());
        assertThatThrownBy(() -> VersusJson.read(file, List.of("--matrix", "--runs", "4"), matchup, tmp))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage(file + " was written by vs-kafka --matrix; this command is vs-kafka --matrix --runs 4");
        assertThatThrownBy(() -> VersusJson.read(file, List.of("--matrix"), matchup("ackbench", "kafka-tuned"), tmp))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage(file + " compares [ackbench, kafka], not [ackbench, kafka-tuned]");
    }

    private static Matchup matchup(final String... names) {
        return new Matchup(SyntheticRuns.AT_MAX, java.util.Arrays.stream(names).map(name -> new Contender(name,
            List.of(), new AckbenchTarget(ClusterLauncher.IN_PROCESS), SyntheticRuns.UNBOUNDED)).toList());
    }
}
