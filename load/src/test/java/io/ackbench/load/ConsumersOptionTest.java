package io.ackbench.load;

import io.ackbench.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --consumers N}: parsed into the workload, bounded by the partitions, refused for records too small. */
class ConsumersOptionTest {
    @Test
    void noConsumersByDefaultAndTheFlagReachesTheWorkload() {
        assertThat(PerfOptions.parse("--num-records", "10").workload().consumers()).isZero();
        final Workload workload = PerfOptions.parse("--num-records", "10", "--partitions", "6", "--consumers", "6")
            .workload();
        assertThat(workload.consumers()).isEqualTo(6);
        assertThat(workload.shortName()).endsWith("_t1_c6");
        assertThat(workload.toBuilder().build().consumers()).isEqualTo(6);
    }

    @Test
    void moreConsumersThanPartitionsIsRefused() {
        assertThatThrownBy(() -> PerfOptions.parse("--num-records", "10", "--partitions", "3", "--consumers", "4"))
            .isInstanceOf(ConfigException.class)
            .hasMessage("Invalid value '4' for configuration --consumers: each consumer reads at least one partition,"
                + " so at most 3 (--partitions)");
    }

    @Test
    void negativeConsumersAreRefused() {
        assertThatThrownBy(() -> PerfOptions.parse("--num-records", "10", "--consumers", "-1"))
            .isInstanceOf(ConfigException.class)
            .hasMessage("Invalid value '-1' for configuration --consumers: expected 0 (no consumers) or a number of "
                + "consumers up to the partitions (6, --partitions)");
    }

    @Test
    void recordsWithoutRoomForTheIntendedTimeAreRefused() {
        assertThatThrownBy(() -> PerfOptions.parse("--num-records", "10", "--record-size", "15", "--consumers", "1"))
            .isInstanceOf(ConfigException.class)
            .hasMessage("Invalid configuration --consumers: end-to-end latency needs each value to carry its intended"
                + " send time after its id: --record-size at least 16, not 15");
        assertThat(PerfOptions.parse("--num-records", "10", "--record-size", "16", "--consumers", "1").workload()
            .consumers()).isEqualTo(1);
        assertThat(PerfOptions.parse("--num-records", "10", "--record-size", "15").workload().consumers()).isZero();
    }

    @Test
    void aValueThatIsNotANumberIsAUsageError() {
        assertThatThrownBy(() -> PerfOptions.parse("--num-records", "10", "--consumers", "two"))
            .isInstanceOf(UsageException.class)
            .hasMessage("--consumers needs a whole number up to 2147483647, not 'two'");
    }

    @Test
    void producePerfExitsWithTheUsageStatusAndDocumentsTheFlag() {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = ProducePerf.run(new String[] {"--num-records", "10", "--consumers", "7"},
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(ProducePerf.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("produce-perf: Invalid value '7' for "
            + "configuration --consumers: each consumer reads at least one partition, so at most 6 (--partitions)");
        assertThat(PerfOptions.usage()).contains("  --consumers N              also consume the topic with N threads");
    }
}
