package io.ackbench.tools.versus;

import io.ackbench.load.AckbenchTarget;
import io.ackbench.load.ClusterLauncher;
import io.ackbench.load.Workload;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.ackbench.tools.versus.SyntheticRuns.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SideBySideTest {
    private static final Path DIR = Path.of("out");
    private static final Path DATA = Path.of("data");

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    private final Workload workload = Workload.builder().numRecords(1_000).build();

    private Contender contender(final String name, final String... flags) {
        return new Contender(name, List.of(flags), new AckbenchTarget(ClusterLauncher.IN_PROCESS), workload);
    }

    private Matchup matchup(final Configuration configuration) {
        return new Matchup(configuration, List.of(contender("ackbench", "--transport", "inproc"),
            contender("kafka", "--target", "kafka"), contender("kafka-tuned", "--target", "kafka", "--kafka-profile",
                "tuned")));
    }

    @Test
    void roundsOfOneRunEachSystemReverseInTurnEachRunInItsOwnDirectories() throws Exception {
        final List<String> calls = new ArrayList<>();
        final SideBySide sideBySide = new SideBySide(out, (number, system, runName, flags, runDir, dataDir) -> {
            calls.add(number + " " + system + " " + flags + " " + runDir + " " + dataDir);
            return run(number, system, false, true, 0, 1_000.0 * number, 0.1, 800, 2_000, 3_000, 10_000);
        });

        final Versus versus = sideBySide.run(matchup(SyntheticRuns.AT_MAX), DIR, DATA, "configuration 1 of 1", 2,
            Map.of());

        assertThat(calls).containsExactly(
            "1 ackbench [--transport, inproc] out/run-1-ackbench data/run-1-ackbench",
            "2 kafka [--target, kafka] out/run-2-kafka data/run-2-kafka",
            "3 kafka-tuned [--target, kafka, --kafka-profile, tuned] out/run-3-kafka-tuned data/run-3-kafka-tuned",
            "4 kafka-tuned [--target, kafka, --kafka-profile, tuned] out/run-4-kafka-tuned data/run-4-kafka-tuned",
            "5 kafka [--target, kafka] out/run-5-kafka data/run-5-kafka",
            "6 ackbench [--transport, inproc] out/run-6-ackbench data/run-6-ackbench");
        assertThat(versus.systems()).containsExactly("ackbench", "kafka", "kafka-tuned");
        // ackbench ran first and last: 1,000 and 6,000 records/s.
        assertThat(versus.summary("ackbench", Figure.RECORDS_PER_SECOND).mean()).isEqualTo(3_500.0);
        assertThat(versus.resources().get("kafka")).containsKey("broker JVMs");
        final List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(12);
        assertThat(lines.get(0)).isEqualTo("== vs-kafka configuration 1 of 1: acks=all @ max, run 1 of 6: ackbench");
        assertThat(lines.get(1)).matches("== vs-kafka: run 1 \\(ackbench\\) took \\d+\\.\\d s, JVM and cluster start "
            + "and stop included");
    }

    @Test
    void atAShareOfItsMaxEachSystemGetsItsOwnRateAndOneWithoutAMaxDoesNotRun() throws Exception {
        final List<String> calls = new ArrayList<>();
        final SideBySide sideBySide = new SideBySide(out, (number, system, runName, flags, runDir, dataDir) -> {
            calls.add(system + " " + flags.subList(flags.size() - 2, flags.size()));
            return run(number, system, true, true, 0, 1_000, 0.1, 800, 2_000, 3_000, 10_000);
        });
        final Configuration half = Configuration.atShareOfMax("acks=all @ half max", List.of(), "acks=all @ max",
            0.5);

        final Versus versus = sideBySide.run(matchup(half), DIR, DATA, "", 2,
            Map.of("ackbench", 1_500_000L, "kafka", 240_000L));

        assertThat(calls).containsExactly("ackbench [--throughput, 1500000]", "kafka [--throughput, 240000]",
            "kafka [--throughput, 240000]", "ackbench [--throughput, 1500000]");
        assertThat(versus.runsOf("kafka-tuned")).extracting(RunFigures::error)
            .containsOnly("no max rate measured in acks=all @ max");
        assertThat(versus.rates()).containsEntry("kafka", 240_000L);
    }

    @Test
    void aRunThatThrowsIsRecordedAndTheOthersStillRun() throws Exception {
        final SideBySide sideBySide = new SideBySide(out, (number, system, runName, flags, runDir, dataDir) -> {
            if (number == 2) {
                throw new IOException("broker 0 exited with status 1");
            }
            return run(number, system, false, true, 0, 1_000, 0.1, 800, 2_000, 3_000, 10_000);
        });

        final Versus versus = sideBySide.run(matchup(SyntheticRuns.AT_MAX), DIR, DATA, "", 2, Map.of());

        final RunFigures crashed = versus.runs().get(1);
        assertThat(crashed.completed()).isFalse();
        assertThat(crashed.error()).isEqualTo("java.io.IOException: broker 0 exited with status 1");
        assertThat(versus.runs()).hasSize(6);
        assertThat(versus.summary("kafka", Figure.RECORDS_PER_SECOND).runs()).isEqualTo(1);
        assertThat(versus.clean()).isFalse();
        assertThat(printed.toString(StandardCharsets.UTF_8))
            .contains("== vs-kafka: acks=all @ max, run 2 of 6: kafka\n"
                + "== vs-kafka: run 2 (kafka) failed: java.io.IOException: broker 0 exited with status 1\n");
    }

    @Test
    void twoSystemsOfOneNameCannotBeToldApart() {
        assertThatThrownBy(() -> new Matchup(SyntheticRuns.AT_MAX, List.of(contender("ackbench"),
            contender("ackbench"))))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("two systems are named 'ackbench'; every system of a comparison needs a name of its own");
    }
}
