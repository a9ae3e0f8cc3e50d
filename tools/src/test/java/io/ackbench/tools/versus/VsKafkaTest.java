package io.ackbench.tools.versus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ackbench.load.LoadGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.ackbench.tools.versus.SyntheticRuns.run;
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

    private int vsKafka(final SideBySide sideBySide, final String... args) {
        return VsKafka.run(args, out, err, List.of(new StandIn()), sideBySide);
    }

    @Test
    void helpExplainsTheCommandAndExitsZero() {
        assertThat(VsKafka.run(new String[] {"--help"}, out, err)).isEqualTo(VsKafka.EXIT_OK);

        assertThat(printed()).isEqualTo(VersusUsage.TEXT).startsWith("Usage: vs-kafka [produce-perf flags]")
            .contains("Kafka refuses", "about 3.5 hours on 2 cores");
    }

    @Test
    void aBadFlagExitsTwoNamingIt() {
        assertThat(vsKafka(new SideBySide(out), "--num-records", "10", "--target", "kafka"))
            .isEqualTo(VsKafka.EXIT_USAGE);

        assertThat(errors()).isEqualTo("vs-kafka: --target: vs-kafka runs ackbench and ackbench-tcp; leave "
            + "--target out\nRun vs-kafka --help for every flag.\n");
        assertThat(printed()).isEmpty();
    }

    /** The real path end to end, each run a JVM of its own: ackbench in-process against ackbench over TCP. */
    @Test
    @Tag("slow")
    void everyRunIsAJvmOfItsOwnAndTheTablesJsonAndChartsAreWritten() throws Exception {
        final Path output = dir.resolve("versus");
        final Path data = dir.resolve("data");

        final int status = vsKafka(new SideBySide(out), "--brokers", "1", "--replication-factor", "1",
            "--min-insync-replicas", "1", "--partitions", "1", "--num-records", "2000", "--transport", "inproc",
            "--warmup", "0", "--runs", "2", "--output-dir", output.toString(), "--data-dir", data.toString(),
            "--producer-props", "acks=all");

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
        for (final int run : new int[] {0, 3}) {
            final JsonNode figures = configuration.get("runs").get(run);
            assertThat(figures.get("recordsAcknowledged").asLong()).isEqualTo(2_000);
            assertThat(figures.get("recordsFailed").asLong()).isZero();
            final JsonNode summary = new ObjectMapper().readTree(output.resolve(figures.get("directory").asText())
                .resolve(LoadGenerator.SUMMARY_JSON).toFile());
            // The child's measurement line is unrounded; summary.json rounds to 3 decimals.
            assertThat(figures.get("recordsPerSecond").asDouble())
                .isCloseTo(summary.at("/results/recordsPerSecond").asDouble(), org.assertj.core.data.Offset.offset(0.001));
        }
        assertThat(Files.readString(output.resolve("versus.md"))).contains("| ackbench | ", "| ackbench-tcp | ",
            "| ackbench/ackbench-tcp | ", "`run-3-ackbench-tcp`", "## How each system ran");
        assertThat(printed()).contains("== vs-kafka: acks-all_rmax_s100_p1_b1-rf1-isr1_t1, run 4 of 4: ackbench\n",
            "| system | records/s | MB/s | p50 µs |", "| ackbench/ackbench-tcp | ");
    }

    @Test
    void aResumedComparisonReadsTheConfigurationsItHasAndRunsTheRest() throws Exception {
        final Path output = dir.resolve("matrix");
        final List<String> ran = new ArrayList<>();
        final SideBySide fake = new SideBySide(out, (number, system, runName, flags, runDir, dataDir) -> {
            ran.add(runDir.getParent().getFileName() + " " + runName);
            final boolean limited = flags.contains("--throughput") && !flags.get(flags.lastIndexOf("--throughput") + 1)
                .equals("-1");
            return run(number, system, limited, true, 0, system.equals("ackbench") ? 1_000_000 : 400_000, 95, 800,
                2_000, 3_000, 10_000);
        });
        final String[] args = {"--matrix", "--transport", "inproc", "--runs", "2", "--output-dir", output.toString()};
        assertThat(vsKafka(fake, args)).isEqualTo(VsKafka.EXIT_OK);
        assertThat(ran).hasSize(15 * 4);
        // Half of each system's own max: 500,000 for ackbench, 200,000 for its stand-in.
        final JsonNode half = new ObjectMapper().readTree(output.resolve("acks-1_r50pct-max_s100_p6_b3-rf3-isr2_t1")
            .resolve("versus.json").toFile()).at("/configurations/0/ratesPerSystem");
        assertThat(half.toString()).isEqualTo("{\"ackbench\":500000,\"ackbench-tcp\":200000}");

        // Interrupted after the third configuration, a max whose half max had not run: only their files are left.
        final List<String> kept = List.of("acks-1_rmax_s100_p6_b3-rf3-isr2_t1",
            "acks-1_r50pct-max_s100_p6_b3-rf3-isr2_t1", "acks-all_rmax_s100_p6_b3-rf3-isr2_t1");
        try (var files = Files.list(output)) {
            for (final Path configuration : files.filter(Files::isDirectory).toList()) {
                if (!kept.contains(configuration.getFileName().toString())) {
                    Files.delete(configuration.resolve("versus.json"));
                }
            }
        }
        ran.clear();
        printed.reset();
        final List<String> resume = new ArrayList<>(List.of(args).subList(0, 5));
        resume.addAll(List.of("--resume", output.toString()));

        assertThat(vsKafka(fake, resume.toArray(new String[0]))).isEqualTo(VsKafka.EXIT_OK);

        // The pair that was done is read; the max without its half is measured again, right before it.
        assertThat(ran).hasSize(13 * 4)
            .noneMatch(line -> line.startsWith("acks-1_rmax") || line.startsWith("acks-1_r50pct"))
            .contains("acks-all_rmax_s100_p6_b3-rf3-isr2_t1 run-1-ackbench");
        assertThat(printed()).contains("== vs-kafka: acks-1_rmax_s100_p6_b3-rf3-isr2_t1 read from ",
            "== vs-kafka: acks-1_r50pct-max_s100_p6_b3-rf3-isr2_t1 read from ",
            "== vs-kafka: acks-all_rmax_s100_p6_b3-rf3-isr2_t1 measured again, just before the half-max");
        try (var files = Files.list(output)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                .anyMatch(name -> name.startsWith("acks-all_rmax_s100_p6_b3-rf3-isr2_t1.before-"));
        }
        assertThat(new ObjectMapper().readTree(output.resolve("versus.json").toFile()).get("configurations"))
            .hasSize(15);
    }
}
