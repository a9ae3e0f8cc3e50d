package io.ackbench.jmh.latency;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.WorkloadParams;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class HgrmFileTest {
    private static final Instant END = Instant.parse("2026-11-23T23:20:30.786Z");

    @AfterEach
    void clearDirectory() {
        System.clearProperty(HgrmFile.DIRECTORY_PROPERTY);
    }

    @Test
    void nameSaysBenchmarkModeParamsEndTimeAndUnit() {
        final WorkloadParams workload = new WorkloadParams();
        workload.put("acks", "all", 0);
        workload.put("logDir", "/tmp/ack bench", 1);
        workload.put("impl", "ackbench", 2);

        assertThat(HgrmFile.name(params("io.ackbench.jmh.ProduceBenchmark.send", Mode.SampleTime, workload), END))
            .isEqualTo("ProduceBenchmark.send-sample-acks=all-impl=ackbench-logDir=_tmp_ack_bench"
                + "-20261123T232030.786Z.latency-us.hgrm");
    }

    @Test
    void withoutParamsTheNameIsBenchmarkModeAndTime() {
        assertThat(HgrmFile.name(params("a.b.C.run", Mode.Throughput, new WorkloadParams()), END))
            .isEqualTo("C.run-thrpt-20261123T232030.786Z.latency-us.hgrm");
    }

    @Test
    void directoryIsTheSystemPropertyOrResultsRunsLatency() {
        final BenchmarkParams params = params("a.b.C.run", Mode.Throughput, new WorkloadParams());
        final String name = "C.run-thrpt-20261123T232030.786Z.latency-us.hgrm";

        assertThat(HgrmFile.forTrial(params, END)).isEqualTo(Path.of("results/runs/latency", name));
        System.setProperty(HgrmFile.DIRECTORY_PROPERTY, "/data/hgrm");
        assertThat(HgrmFile.forTrial(params, END)).isEqualTo(Path.of("/data/hgrm", name));
    }

    private static BenchmarkParams params(final String benchmark, final Mode mode, final WorkloadParams workload) {
        final IterationParams iteration = new IterationParams(IterationType.MEASUREMENT, 1, TimeValue.seconds(1), 1);
        return new BenchmarkParams(benchmark, benchmark + "_generated", true, 1, new int[] {1}, List.of(), 1, 0,
            iteration, iteration, mode, workload, TimeUnit.SECONDS, 1, "java", List.of(), "17", "vm", "17", "1.37",
            TimeValue.minutes(10));
    }
}
