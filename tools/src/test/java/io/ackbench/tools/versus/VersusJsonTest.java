package io.ackbench.tools.versus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VersusJsonTest {
    private static final Path DIR = Path.of("results", "runs", "vs-kafka", "20261124-120000-matrix");

    private static JsonNode render(final List<Versus> comparisons) throws Exception {
        return new ObjectMapper().readTree(VersusJson.render(List.of("--matrix"), comparisons, DIR));
    }

    @Test
    void holdsTheCommandEveryRunTheMeansSpreadsAndRatios() throws Exception {
        final JsonNode json = render(List.of(SyntheticRuns.unbounded(DIR.resolve("acks-all_rmax"))));

        assertThat(json.get("tool").asText()).isEqualTo("vs-kafka");
        assertThat(json.get("arguments").toString()).isEqualTo("[\"--matrix\"]");
        final JsonNode configuration = json.get("configurations").get(0);
        assertThat(configuration.get("name").asText()).isEqualTo("acks=all @ max");
        assertThat(configuration.get("directory").asText()).isEqualTo("acks-all_rmax");
        assertThat(configuration.get("order").toString()).isEqualTo("[\"ackbench\",\"kafka\",\"kafka\",\"ackbench\"]");
        assertThat(configuration.get("clean").asBoolean()).isTrue();

        final JsonNode workload = configuration.get("workload");
        assertThat(workload.get("brokers").asInt()).isEqualTo(3);
        assertThat(workload.get("targetRate").isNull()).isTrue();
        assertThat(workload.get("numRecords").asLong()).isEqualTo(1_000_000);
        assertThat(workload.get("producerSettings").toString()).isEqualTo("{\"acks\":\"all\"}");

        final JsonNode runs = configuration.get("runs");
        assertThat(runs).hasSize(4);
        assertThat(runs.get(2).get("run").asInt()).isEqualTo(3);
        assertThat(runs.get(2).get("system").asText()).isEqualTo("kafka");
        assertThat(runs.get(2).get("directory").asText()).isEqualTo("run-3-kafka");
        assertThat(runs.get(2).get("recordsPerSecond").asDouble()).isEqualTo(270_000.0);
        assertThat(runs.get(2).get("p999Micros").asDouble()).isEqualTo(16_000.0);
        assertThat(runs.get(2).get("keptRate").asBoolean()).isTrue();

        assertThat(configuration.at("/means/ackbench/recordsPerSecond").asDouble()).isEqualTo(515_000.0);
        assertThat(configuration.at("/means/kafka/maxMicros").asDouble()).isEqualTo(45_000.0);
        assertThat(configuration.at("/spreads/ackbench/recordsPerSecond").asDouble()).isEqualTo(15_000.0 / 515_000);
        assertThat(configuration.at("/spreads/kafka/p50Micros").asDouble()).isEqualTo(100.0 / 4_100);
        assertThat(configuration.at("/ratios/of").asText()).isEqualTo("ackbench/kafka");
        assertThat(configuration.at("/ratios/recordsPerSecond").asDouble()).isEqualTo(515_000.0 / 260_000);
        assertThat(configuration.at("/ratios/p99Micros").asDouble()).isEqualTo(2_050.0 / 9_200);
    }

    @Test
    void aCrashedRunHasItsErrorAndASystemWithoutARunHasNullFigures() throws Exception {
        final Versus versus = new Versus(new Configuration("acks=all @ max", List.of()), SyntheticRuns.UNBOUNDED,
            "ackbench", "kafka", DIR, List.of(
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
        assertThat(configuration.at("/spreads/ackbench/recordsPerSecond").asDouble()).isZero();
        assertThat(configuration.at("/ratios/recordsPerSecond").isNull()).isTrue();
    }
}
