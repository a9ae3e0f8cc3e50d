package io.ackbench.tools.flame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileCollectorTest {
    private static final String RECORD_BATCH_TRIAL =
        "io.ackbench.jmh.RecordBatchBenchmark.buildAndSeal-Throughput-impl-ackbench-recordsPerBatch-100";

    @TempDir
    Path dir;

    @Test
    void trialNameDropsThePackageShortensTheModeAndReplacesPercent() {
        assertThat(ProfileCollector.trialName(RECORD_BATCH_TRIAL))
            .isEqualTo("RecordBatchBenchmark.buildAndSeal-thrpt-impl-ackbench-recordsPerBatch-100");
        assertThat(ProfileCollector.trialName(
            "io.ackbench.jmh.ProduceBenchmark.send-SampleTime-acks-all-dir-target%2Fproduce-bench-keyed-false"))
            .isEqualTo("ProduceBenchmark.send-sample-acks-all-dir-target_2Fproduce-bench-keyed-false");
        assertThat(ProfileCollector.trialName("a.B.run-AverageTime")).isEqualTo("B.run-avgt");
        assertThat(ProfileCollector.trialName("B.run")).isEqualTo("B.run");
    }

    @Test
    void flameGraphsAndRecordingsAreMovedIntoOneDirectoryNamedAfterTheirTrials() throws IOException {
        final Path raw = dir.resolve("raw");
        final Path out = dir.resolve("out");
        touch(raw.resolve(RECORD_BATCH_TRIAL).resolve("flame-cpu-forward.html"));
        touch(raw.resolve(RECORD_BATCH_TRIAL).resolve("flame-cpu-reverse.html"));
        touch(raw.resolve(RECORD_BATCH_TRIAL).resolve("summary-cpu.txt"));
        touch(raw.resolve("io.ackbench.jmh.B.run-SingleShotTime-dir-a").resolve("b").resolve("flame-alloc-forward.html"));
        touch(raw.resolve("io.ackbench.jmh.B.run-Throughput-dir-target%2Fx").resolve("profile.jfr"));

        assertThat(ProfileCollector.collect(raw, out)).containsExactly(
            out.resolve("B.run-ss-dir-a_b-alloc.html"),
            out.resolve("B.run-thrpt-dir-target_2Fx.jfr"),
            out.resolve("RecordBatchBenchmark.buildAndSeal-thrpt-impl-ackbench-recordsPerBatch-100-cpu.html"),
            out.resolve("RecordBatchBenchmark.buildAndSeal-thrpt-impl-ackbench-recordsPerBatch-100-cpu-reverse.html"));
        assertThat(raw.resolve(RECORD_BATCH_TRIAL).resolve("summary-cpu.txt")).exists();
        assertThat(raw.resolve(RECORD_BATCH_TRIAL).resolve("flame-cpu-forward.html")).doesNotExist();
    }

    @Test
    void runPrintsEveryFileWrittenOrFailsWhenThereIsNone() throws IOException {
        final Path raw = dir.resolve("raw");
        touch(raw.resolve(RECORD_BATCH_TRIAL).resolve("profile.jfr"));
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);

        assertThat(ProfileCollector.run(new String[] {raw.toString(), dir.resolve("out").toString()}, outStream,
            errStream)).isEqualTo(ProfileCollector.COLLECTED);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
            dir.resolve("out").resolve("RecordBatchBenchmark.buildAndSeal-thrpt-impl-ackbench-recordsPerBatch-100.jfr")
                + "\n");

        assertThat(ProfileCollector.run(new String[] {raw.toString(), dir.resolve("again").toString()}, outStream,
            errStream)).isEqualTo(ProfileCollector.NOTHING_COLLECTED);
        assertThat(err.toString(StandardCharsets.UTF_8))
            .isEqualTo("no flame-*.html or profile.jfr under " + raw + ": the profiler wrote nothing\n");
    }

    private static void touch(final Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, file.getFileName().toString());
    }
}
