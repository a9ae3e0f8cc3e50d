package io.ackbench.tools.matrix;

import io.ackbench.load.RunResult;
import io.ackbench.load.Workload;
import io.ackbench.transport.ErrorCode;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class MatrixTableTest {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /**
     * 20,000 records of 100 bytes acknowledged in one second: 98% at 1 ms, one percent each at 5 and 9 ms, which a
     * 3-digit histogram reports as the highest values of their buckets (1000.4, 5001.0 and 9003.0 µs).
     */
    static RunResult result(final long targetRate, final long sendDelayNanos) {
        final Workload workload = Workload.builder().duration(1, TimeUnit.SECONDS)
            .recordSize(100).targetRate(targetRate).build();
        final Histogram latency = new Histogram(3);
        latency.recordValueWithCount(1_000_000, 19_600);
        latency.recordValueWithCount(5_000_000, 200);
        latency.recordValueWithCount(9_000_000, 200);
        final Histogram sendDelay = new Histogram(3);
        sendDelay.recordValueWithCount(sendDelayNanos, 20_000);
        return new RunResult(workload, 20_000, 20_000, 0, ErrorCode.NONE, 0, NANOS_PER_SECOND, NANOS_PER_SECOND,
            latency, sendDelay);
    }

    @Test
    void headerNamesTheScriptsColumns() {
        assertThat(MatrixTable.HEADER).isEqualTo(
            "| configuration | min.insync | records/s | MB/s | p50 µs | p99 µs | p99.9 µs | max µs | kept rate |\n"
                + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
    }

    @Test
    void aRunsRowHasItsRateThroughputLatenciesInMicrosecondsAndWhetherItKeptItsRate() {
        final MatrixConfiguration idempotent = new MatrixConfiguration("all", true, 3);

        assertThat(MatrixTable.row(idempotent, result(20_000, 1_000)))
            .isEqualTo("| acks=all idempotent | 3 | 20000 | 1.9 | 1000 | 5001 | 9003 | 9003 | true |\n");
        assertThat(MatrixTable.row(new MatrixConfiguration("0", false, 2), result(20_000, 5_000_000)))
            .endsWith("| false |\n");
        assertThat(MatrixTable.row(new MatrixConfiguration("1", false, 2), result(Workload.UNLIMITED, 5_000_000)))
            .startsWith("| acks=1 | 2 | 20000 |").endsWith("| true |\n");
    }

    @Test
    void aFailedRunsRowSaysHowAndWhere() {
        assertThat(MatrixTable.failedRow(new MatrixConfiguration("1", false, 3), 1, Path.of("m/acks_1-minisr3")))
            .isEqualTo("| acks=1 | 3 | run failed (exit 1), see m/acks_1-minisr3 |  |  |  |  |  |  |\n");
    }
}
