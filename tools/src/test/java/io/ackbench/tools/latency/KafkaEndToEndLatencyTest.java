package io.ackbench.tools.latency;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command's answers that start no broker: bad flags and help. Kafka's tool itself, given flags it refuses,
 * returns a status instead of exiting this JVM.
 */
class KafkaEndToEndLatencyTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void badFlagsExitWithTwoAndAMessageBeforeAnyBrokerStarts() {
        final int status = run("--num-records", "100", "--producer-acks", "0");

        assertThat(status).isEqualTo(KafkaEndToEndLatency.EXIT_USAGE);
        assertThat(text(err)).isEqualTo("kafka-end-to-end-latency: --producer-acks takes 1 or all, not '0': Kafka's "
            + "tool waits for each record's acknowledgement\nRun kafka-end-to-end-latency --help for every flag.\n");
        assertThat(text(out)).isEmpty();
        assertThat(ProcessHandle.current().children().count()).isZero();
    }

    @Test
    void aMissingRecordCountIsABadFlag() {
        assertThat(run()).isEqualTo(KafkaEndToEndLatency.EXIT_USAGE);
        assertThat(text(err)).startsWith("kafka-end-to-end-latency: --num-records is required");
    }

    @Test
    void helpPrintsTheUsageAndExitsWithZero() {
        assertThat(run("--help")).isEqualTo(KafkaEndToEndLatency.EXIT_OK);
        assertThat(text(out)).isEqualTo(EndToEndLatencyOptions.usage());
        assertThat(text(err)).isEmpty();
    }

    /** Kafka's tool calls Exit.exit on a usage error; in this JVM that becomes its status, and the JVM goes on. */
    @Test
    void kafkasToolRefusingItsFlagsReturnsAStatusAndRestoresTheStandardStreams() {
        final PrintStream systemOut = System.out;
        final PrintStream systemErr = System.err;

        final InProcessEndToEndLatency.Outcome outcome = InProcessEndToEndLatency.run(List.of("--bootstrap-server",
            "127.0.0.1:1", "--topic", "t", "--num-records", "1", "--producer-acks", "0", "--record-size", "1"),
            stream(out), stream(err));

        assertThat(outcome.status()).isEqualTo(1);
        assertThat(text(err)).contains("Invalid value for --producer-acks");
        assertThat(System.out).isSameAs(systemOut);
        assertThat(System.err).isSameAs(systemErr);
    }

    private int run(final String... args) {
        return KafkaEndToEndLatency.run(args, stream(out), stream(err));
    }

    private static PrintStream stream(final ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private static String text(final ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
