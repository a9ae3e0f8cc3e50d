package io.ackbench.load;

import io.ackbench.load.stages.ConsumerReceiptStage;
import io.ackbench.load.stages.StageBreakdown;
import io.ackbench.load.stages.StageRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumer receipt stage of a run with a consumer, on in-process brokers: with acks=all every measured record
 * consumed is in it, printed after the acknowledgement and saved in summary.json; with acks=0 it is absent, with a
 * note saying why.
 */
class LoadGeneratorConsumerReceiptTest {
    private static final int RECORDS = 3_000;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final LoadGenerator generator = new LoadGenerator(new AckbenchTarget(ClusterLauncher.IN_PROCESS),
        new PrintStream(printed, true, StandardCharsets.UTF_8));

    private RunResult run(final String acks) throws Exception {
        final Workload workload = Workload.builder().brokers(3).replicationFactor(3).minInsyncReplicas(2)
            .partitions(3).consumers(1).recordSize(32).producerSetting("acks", acks).numRecords(RECORDS)
            .targetRate(10_000).warmup(100, TimeUnit.MILLISECONDS).build();
        return generator.run(workload, dir.resolve("out"), dir.resolve("data"));
    }

    @Test
    void anAcksAllRunCountsEveryMeasuredRecordConsumedAfterTheAcknowledgement() throws Exception {
        final RunResult result = run("all");

        final StageBreakdown stages = result.stages();
        final StageRow receipt = stages.row(ConsumerReceiptStage.NAME);
        assertThat(result.consumed()).isEqualTo(RECORDS);
        assertThat(receipt.count()).isEqualTo(result.consumed());
        assertThat(receipt.spans()).isEqualTo("high watermark covers it -> consumer read it");
        assertThat(receipt.inTotal()).isFalse();
        assertThat(stages.afterAcknowledgement()).containsExactly(receipt);
        assertThat(stages.notes()).noneMatch(note -> note.contains("no commit time"));
        assertThat(printed.toString(StandardCharsets.UTF_8))
            .contains("  total ", "  after the acknowledgement:" + System.lineSeparator() + "  consumer receipt ");
        assertThat(Files.readString(dir.resolve("out").resolve(LoadGenerator.SUMMARY_JSON)))
            .contains("\n  \"stages\": " + stages.json())
            .contains("\"name\":\"consumer receipt\"", "\"afterAcknowledgement\":true");
    }

    @Test
    void anAcksZeroRunHasNoConsumerReceiptRowAndSaysWhy() throws Exception {
        final RunResult result = run("0");

        assertThat(result.consumed()).isEqualTo(RECORDS);
        assertThat(result.stages().hasRow(ConsumerReceiptStage.NAME)).isFalse();
        assertThat(result.stages().afterAcknowledgement()).isEmpty();
        assertThat(result.stages().notes()).contains("No consumer receipt row: with acks=0 the leader sends no "
            + "response, so no batch has a commit time to start from.");
    }
}
