package io.ackbench.tools.latency;

import io.ackbench.load.UsageException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EndToEndLatencyOptionsTest {
    @Test
    void defaultsToAcksAllHundredByteValuesAndMinInsyncTwo() {
        final EndToEndLatencyOptions options = EndToEndLatencyOptions.parse("--num-records", "1000");

        assertThat(options.help()).isFalse();
        assertThat(options.numRecords()).isEqualTo(1000);
        assertThat(options.acks()).isEqualTo("all");
        assertThat(options.recordSize()).isEqualTo(100);
        assertThat(options.minInsyncReplicas()).isEqualTo(2);
    }

    @Test
    void takesEveryFlagWithASpaceOrAnEqualsSign() {
        final EndToEndLatencyOptions options = EndToEndLatencyOptions.parse("--num-records=50", "--producer-acks",
            "1", "--record-size", "0", "--min-insync-replicas=3");

        assertThat(options.numRecords()).isEqualTo(50);
        assertThat(options.acks()).isEqualTo("1");
        assertThat(options.recordSize()).isZero();
        assertThat(options.minInsyncReplicas()).isEqualTo(3);
    }

    @Test
    void givesKafkasToolItsOwnFlags() {
        final EndToEndLatencyOptions options = EndToEndLatencyOptions.parse("--num-records", "7", "--producer-acks",
            "1", "--record-size", "64");

        assertThat(options.toolArguments("127.0.0.1:9092", "t")).isEqualTo(List.of("--bootstrap-server",
            "127.0.0.1:9092", "--topic", "t", "--num-records", "7", "--producer-acks", "1", "--record-size", "64"));
    }

    @Test
    void helpNeedsNothingElse() {
        assertThat(EndToEndLatencyOptions.parse("--help").help()).isTrue();
        assertThat(EndToEndLatencyOptions.parse("--num-records", "x", "-h").help()).isTrue();
        assertThat(EndToEndLatencyOptions.usage()).startsWith("Usage: kafka-end-to-end-latency --num-records N");
    }

    @Test
    void refusesBadFlagsNamingThem() {
        assertRefused("--num-records is required: how many records to send, one at a time");
        assertRefused("--num-records is required: how many records to send, one at a time", "--record-size", "10");
        assertRefused("--num-records takes a whole number from 1 to 2147483647, not 0", "--num-records", "0");
        assertRefused("--num-records needs a whole number up to 2147483647, not '1e3'", "--num-records", "1e3");
        assertRefused("--num-records needs a value", "--num-records");
        assertRefused("--producer-acks takes 1 or all, not '0': Kafka's tool waits for each record's "
            + "acknowledgement", "--num-records", "10", "--producer-acks", "0");
        assertRefused("--producer-acks takes 1 or all, not '-1': Kafka's tool waits for each record's "
            + "acknowledgement", "--num-records", "10", "--producer-acks", "-1");
        assertRefused("--record-size takes a whole number from 0 to 1000000, not -1", "--num-records", "10",
            "--record-size", "-1");
        assertRefused("--record-size takes a whole number from 0 to 1000000, not 1000001", "--num-records", "10",
            "--record-size", "1000001");
        assertRefused("--min-insync-replicas takes a whole number from 1 to 3, not 4", "--num-records", "10",
            "--min-insync-replicas", "4");
        assertRefused("Unknown flag '--acks'", "--num-records", "10", "--acks", "1");
        assertRefused("Unexpected argument '10': every value follows its flag", "10");
    }

    private static void assertRefused(final String message, final String... args) {
        assertThatThrownBy(() -> EndToEndLatencyOptions.parse(args)).isInstanceOf(UsageException.class)
            .hasMessage(message);
    }
}
