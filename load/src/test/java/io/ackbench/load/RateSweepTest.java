package io.ackbench.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RateSweepTest {
    @TempDir
    Path dir;

    @Test
    void sweepRunsAtTheMaximumThenAtEachShareOfIt() throws Exception {
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        final Workload workload = Workload.builder().brokers(1).replicationFactor(1).minInsyncReplicas(1)
            .partitions(1).numRecords(2_000).producerSetting("acks", "1").build();

        final List<RunResult> results = new RateSweep(new LoadGenerator(new AckbenchTarget(ClusterLauncher.IN_PROCESS), out), out)
            .run(workload, dir.resolve("out"), dir.resolve("data"));

        assertThat(results).hasSize(1 + RateSweep.FRACTIONS.length);
        assertThat(results.get(0).workload().isRateLimited()).isFalse();
        final double max = results.get(0).recordsPerSecond();
        for (int i = 0; i < RateSweep.FRACTIONS.length; i++) {
            assertThat(results.get(i + 1).workload().targetRate()).isEqualTo(Math.round(max * RateSweep.FRACTIONS[i]));
        }
        for (final RunResult result : results) {
            assertThat(result.acknowledged()).isEqualTo(2_000);
        }
        final String table = RateSweep.table(results);
        assertThat(table.lines()).hasSize(7);
        assertThat(table.lines().findFirst()).hasValue(
            "    target/s     achieved/s     p50 us     p99 us   p99.9 us  rate kept");
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains(table);
        final List<String> csv = Files.readAllLines(dir.resolve("out").resolve(RateSweep.SWEEP_CSV));
        assertThat(csv).hasSize(7);
        assertThat(csv.get(0)).isEqualTo("target_rate,achieved_rate,p50_us,p99_us,p999_us,kept_rate");
        assertThat(csv.get(1)).startsWith("0,");
        for (final String step : new String[] {"max", "10pct", "25pct", "50pct", "75pct", "90pct"}) {
            assertThat(dir.resolve("out").resolve(step).resolve(LoadGenerator.SUMMARY_JSON)).exists();
        }
    }
}
