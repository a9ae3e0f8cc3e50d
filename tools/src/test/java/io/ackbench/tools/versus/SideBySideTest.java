package io.ackbench.tools.versus;

import io.ackbench.load.AckbenchTarget;
import io.ackbench.load.ClusterLauncher;
import io.ackbench.load.LoadTarget;
import io.ackbench.load.RunResult;
import io.ackbench.load.Workload;
import io.ackbench.transport.ErrorCode;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SideBySideTest {
    private static final Path DIR = Path.of("out");
    private static final Path DATA = Path.of("data");
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    private final LoadTarget ackbench = new AckbenchTarget(ClusterLauncher.IN_PROCESS);
    private final LoadTarget kafka = StandIn.named("kafka", new AckbenchTarget(ClusterLauncher.TCP));
    private final Workload workload = Workload.builder().numRecords(1_000).build();
    private final Matchup matchup = new Matchup(new Configuration("acks=all @ max", List.of()), workload, ackbench,
        kafka);

    /** {@code records} acknowledged in one second, each 2 ms late. */
    private static RunResult result(final Workload workload, final long records) {
        final Histogram latency = new Histogram(3);
        latency.recordValueWithCount(2_000_000, records);
        final Histogram sendDelay = new Histogram(3);
        sendDelay.recordValueWithCount(1_000, records);
        return new RunResult(workload, records, records, 0, ErrorCode.NONE, 0, NANOS_PER_SECOND, NANOS_PER_SECOND,
            latency, sendDelay);
    }

    @Test
    void runsAlternateABBAEachInItsOwnDirectoryAndDataDirectory() throws Exception {
        final List<String> calls = new ArrayList<>();
        final SideBySide sideBySide = new SideBySide(out, (target, w, runDir, dataDir) -> {
            calls.add(target.name() + " " + runDir + " " + dataDir);
            assertThat(w).isSameAs(workload);
            return result(w, 1_000L * (calls.size()));
        });

        final Versus versus = sideBySide.run(matchup, DIR, DATA, "configuration 1 of 1");

        assertThat(calls).containsExactly(
            "ackbench out/run-1-ackbench data/run-1-ackbench",
            "kafka out/run-2-kafka data/run-2-kafka",
            "kafka out/run-3-kafka data/run-3-kafka",
            "ackbench out/run-4-ackbench data/run-4-ackbench");
        assertThat(versus.runs()).extracting(RunFigures::number).containsExactly(1, 2, 3, 4);
        assertThat(versus.runs()).extracting(RunFigures::system)
            .containsExactly("ackbench", "kafka", "kafka", "ackbench");
        // ackbench ran first and last: 1,000 and 4,000 records in a second; kafka 2,000 and 3,000.
        assertThat(versus.summary("ackbench", Figure.RECORDS_PER_SECOND).mean()).isEqualTo(2_500.0);
        assertThat(versus.summary("ackbench", Figure.RECORDS_PER_SECOND).spread()).isEqualTo(0.6);
        assertThat(versus.summary("kafka", Figure.RECORDS_PER_SECOND).mean()).isEqualTo(2_500.0);
        assertThat(versus.ratio(Figure.RECORDS_PER_SECOND)).isEqualTo(1.0);
        assertThat(versus.summary("kafka", Figure.P50).mean()).isEqualTo(result(workload, 1).latencyMicrosAt(50));
        assertThat(versus.clean()).isTrue();
        final List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(8);
        assertThat(lines.get(0)).isEqualTo("== vs-kafka configuration 1 of 1: acks=all @ max, run 1 of 4: ackbench");
        assertThat(lines.get(1)).matches("== vs-kafka: run 1 \\(ackbench\\) took \\d+\\.\\d s, cluster start and "
            + "stop included");
        assertThat(lines.get(2)).isEqualTo("== vs-kafka configuration 1 of 1: acks=all @ max, run 2 of 4: kafka");
        assertThat(lines.get(7)).startsWith("== vs-kafka: run 4 (ackbench) took ");
    }

    @Test
    void aRunThatThrowsIsRecordedAndTheOthersStillRun() throws Exception {
        final List<String> calls = new ArrayList<>();
        final SideBySide sideBySide = new SideBySide(out, (target, w, runDir, dataDir) -> {
            calls.add(target.name());
            if (calls.size() == 2) {
                throw new IOException("broker 0 exited with status 1");
            }
            return result(w, 1_000);
        });

        final Versus versus = sideBySide.run(matchup, DIR, DATA, "");

        assertThat(calls).containsExactly("ackbench", "kafka", "kafka", "ackbench");
        final RunFigures crashed = versus.runs().get(1);
        assertThat(crashed.completed()).isFalse();
        assertThat(crashed.error()).isEqualTo("java.io.IOException: broker 0 exited with status 1");
        assertThat(versus.summary("kafka", Figure.RECORDS_PER_SECOND).runs()).isEqualTo(1);
        assertThat(versus.clean()).isFalse();
        assertThat(printed.toString(StandardCharsets.UTF_8))
            .contains("== vs-kafka: acks=all @ max, run 2 of 4: kafka\n"
                + "== vs-kafka: run 2 (kafka) failed: java.io.IOException: broker 0 exited with status 1\n");
    }

    @Test
    void twoTargetsOfOneNameCannotBeToldApart() {
        assertThatThrownBy(() -> new Matchup(new Configuration("c", List.of()), workload, ackbench,
            new AckbenchTarget(ClusterLauncher.TCP)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("both targets are named 'ackbench'; a side-by-side comparison needs two systems with "
                + "different names");
    }
}
