package io.ackbench.load;

import io.ackbench.load.stages.StageBreakdown;
import io.ackbench.load.stages.StageRecorder;
import io.ackbench.load.stages.StageRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A run's stage breakdown, in process: every stage counts exactly the measured records (the warm-up's left out), the
 * table follows the final line, summary.json carries it under "stages", and --record-stages false has none.
 */
class LoadGeneratorStagesTest {
    private static final List<String> ROWS = List.of("send delay", "accumulation", "sender queue", "to leader",
        "leader append", "replication wait", "answer wait", "response", "total");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final LoadGenerator generator = new LoadGenerator(new AckbenchTarget(ClusterLauncher.IN_PROCESS),
        new PrintStream(printed, true, StandardCharsets.UTF_8));

    private static Workload.Builder workload(final String acks) {
        return Workload.builder().brokers(3).replicationFactor(3).minInsyncReplicas(2).partitions(3)
            .producerSetting("acks", acks).numRecords(3_000).targetRate(10_000).warmup(100, TimeUnit.MILLISECONDS);
    }

    @Test
    void everyStageOfAnAcksAllRunCountsTheMeasuredRecordsAndIsPrintedAndSaved() throws Exception {
        final RunResult result = generator.run(workload("all").build(), dir.resolve("out"), dir.resolve("data"));

        final StageBreakdown stages = result.stages();
        assertThat(stages.rows()).extracting(StageRow::name).containsExactlyElementsOf(ROWS);
        assertThat(stages.rows()).allSatisfy(row -> assertThat(row.count()).as(row.name()).isEqualTo(3_000));
        assertThat(stages.rows()).extracting(StageRow::inTotal)
            .containsExactly(true, true, true, true, true, true, true, true, false);
        final String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(output).contains(result.finalLine() + System.lineSeparator() + result.window().line()
            + System.lineSeparator() + result.waits().line() + System.lineSeparator() + stages.tableLines().get(0));
        assertThat(Files.readString(dir.resolve("out").resolve(LoadGenerator.SUMMARY_JSON)))
            .contains("\n  \"stages\": " + stages.json());
    }

    @Test
    void anAcksZeroRunHasNoLeaderStages() throws Exception {
        final RunResult result = generator.run(workload("0").build(), dir.resolve("out"), dir.resolve("data"));

        final List<StageRow> rows = result.stages().rows();
        assertThat(rows.get(1 + StageRecorder.SENDER_QUEUE).count()).isEqualTo(3_000);
        assertThat(rows.get(1 + StageRecorder.TO_LEADER).count()).isZero();
        assertThat(rows.get(1 + StageRecorder.RESPONSE).count()).isZero();
        assertThat(rows.get(1 + StageRecorder.TOTAL).count()).isEqualTo(3_000);
    }

    @Test
    void recordStagesFalseRecordsNone() throws Exception {
        final RunResult result = generator.run(workload("1").recordStages(false).build(), dir.resolve("out"),
            dir.resolve("data"));

        assertThat(result.stages()).isNull();
        assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain("Stages (");
        assertThat(Files.readString(dir.resolve("out").resolve(LoadGenerator.SUMMARY_JSON))).doesNotContain("stages");
    }

    @Test
    void theFlagTakesTrueOrFalse() {
        assertThat(PerfOptions.parse("--num-records", "10").workload().recordStages()).isTrue();
        assertThat(PerfOptions.parse("--num-records", "10", "--record-stages", "false").workload().recordStages())
            .isFalse();
        assertThat(PerfOptions.parse("--num-records", "10", "--record-stages", "false").workload().toBuilder()
            .build().recordStages()).isFalse();
        assertThatThrownBy(() -> PerfOptions.parse("--num-records", "10", "--record-stages", "off"))
            .isInstanceOf(UsageException.class).hasMessage("--record-stages must be true or false, not 'off'");
    }
}
