package io.ackbench.tools.versus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ackbench.load.LoadGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VsKafkaTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errors = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errors, true, StandardCharsets.UTF_8);

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    private String errors() {
        return errors.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpExplainsTheCommandAndExitsZero() {
        assertThat(VsKafka.run(new String[] {"--help"}, out, err)).isEqualTo(VsKafka.EXIT_OK);

        assertThat(printed()).isEqualTo(VersusUsage.TEXT).startsWith("Usage: vs-kafka [produce-perf flags] [--matrix]")
            .contains("Kafka refuses", "up to 95 minutes on 2 cores");
    }

    @Test
    void aBadFlagExitsTwoNamingIt() {
        assertThat(VsKafka.run(new String[] {"--num-records", "10", "--target", "kafka"}, out, err, new StandIn()))
            .isEqualTo(VsKafka.EXIT_USAGE);

        assertThat(errors()).isEqualTo("vs-kafka: --target: vs-kafka runs both ackbench and ackbench-tcp; leave "
            + "--target out\nRun vs-kafka --help for every flag.\n");
        assertThat(printed()).isEmpty();
    }

    /** The real path end to end, ackbench in-process against ackbench over TCP: about 5 s. */
    @Test
    void twoSystemsRunABBAAndTheTableJsonAndChartsAreWritten() throws Exception {
        final Path output = dir.resolve("versus");
        final Path data = dir.resolve("data");

        final int status = VsKafka.run(new String[] {"--brokers", "1", "--replication-factor", "1",
            "--min-insync-replicas", "1", "--partitions", "1", "--num-records", "2000", "--transport", "inproc",
            "--warmup", "0", "--output-dir", output.toString(), "--data-dir", data.toString(), "--producer-props", "acks=all"},
            out, err, new StandIn());

        assertThat(errors()).isEmpty();
        assertThat(status).isEqualTo(VsKafka.EXIT_OK);
        for (final String run : List.of("run-1-ackbench", "run-2-ackbench-tcp", "run-3-ackbench-tcp",
            "run-4-ackbench")) {
            assertThat(output.resolve(run).resolve(LoadGenerator.LATENCY_HGRM)).isRegularFile();
            assertThat(output.resolve(run).resolve(LoadGenerator.SUMMARY_JSON)).isRegularFile();
        }
        for (final String file : List.of("versus.md", "versus.json", "throughput.png", "throughput.svg",
            "latency.png", "latency.svg")) {
            assertThat(output.resolve(file)).isRegularFile();
            assertThat(printed()).contains("  " + output.resolve(file).toAbsolutePath() + "\n");
        }
        assertThat(data).isEmptyDirectory();

        final JsonNode configuration = new ObjectMapper().readTree(output.resolve("versus.json").toFile())
            .get("configurations").get(0);
        assertThat(configuration.get("order").toString())
            .isEqualTo("[\"ackbench\",\"ackbench-tcp\",\"ackbench-tcp\",\"ackbench\"]");
        double sum = 0;
        for (final int run : new int[] {0, 3}) {
            final JsonNode figures = configuration.get("runs").get(run);
            assertThat(figures.get("recordsAcknowledged").asLong()).isEqualTo(2_000);
            assertThat(figures.get("recordsFailed").asLong()).isZero();
            final JsonNode summary = new ObjectMapper().readTree(output.resolve(figures.get("directory").asText())
                .resolve(LoadGenerator.SUMMARY_JSON).toFile());
            // summary.json rounds to 3 decimals
            assertThat(figures.get("recordsPerSecond").asDouble())
                .isCloseTo(summary.at("/results/recordsPerSecond").asDouble(), org.assertj.core.data.Offset.offset(0.001));
            sum += figures.get("recordsPerSecond").asDouble();
        }
        assertThat(configuration.at("/means/ackbench/recordsPerSecond").asDouble()).isEqualTo(sum / 2);

        final String table = Files.readString(output.resolve("versus.md"));
        assertThat(table).contains("| ackbench | ", "| ackbench-tcp | ", "| ackbench/ackbench-tcp | ",
            "`run-3-ackbench-tcp`");
        assertThat(printed()).contains("== vs-kafka: acks-all_rmax_s100_p1_b1-rf1-isr1_t1, run 4 of 4: ackbench\n",
            "| system | records/s | MB/s | p50 µs |", "| ackbench/ackbench-tcp | ");
    }
}
