package io.ackbench.kafka;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class LogTailTest {
    @Test
    void quotesTheLastThirtyLinesIndented(@TempDir final Path dir) throws IOException {
        final Path log = dir.resolve("broker-0.log");
        Files.writeString(log, IntStream.rangeClosed(1, 40).mapToObj(i -> "line " + i + "\n")
            .collect(Collectors.joining()));

        assertThat(LogTail.of(log)).isEqualTo(IntStream.rangeClosed(11, 40).mapToObj(i -> "    line " + i)
            .collect(Collectors.joining("\n")));
    }

    @Test
    void quotesAShortFileWhole(@TempDir final Path dir) throws IOException {
        final Path log = dir.resolve("broker-0.log");
        Files.writeString(log, "first\r\nsecond");

        assertThat(LogTail.of(log)).isEqualTo("    first\n    second");
    }

    @Test
    void findsTheFirstErrorWithItsException(@TempDir final Path dir) throws IOException {
        final Path log = dir.resolve("broker-0.log");
        Files.writeString(log, ""
            + "[2026-11-24 03:23:06,148] INFO Enabling request processing. (kafka.network.SocketServer)\n"
            + "[2026-11-24 03:23:06,150] ERROR Unable to start acceptor for PLAINTEXT (kafka.network.DataPlaneAcceptor)\n"
            + "org.apache.kafka.common.KafkaException: Socket server failed to bind to 127.0.0.1:29092: Address already in use.\n"
            + "\tat kafka.network.Acceptor.openServerSocket(SocketServer.scala:754)\n"
            + "[2026-11-24 03:23:06,154] ERROR [BrokerServer id=0] Fatal error during broker startup. (kafka.server.BrokerServer)\n");

        assertThat(LogTail.firstError(log)).contains(
            "[2026-11-24 03:23:06,150] ERROR Unable to start acceptor for PLAINTEXT (kafka.network.DataPlaneAcceptor)"
                + " / org.apache.kafka.common.KafkaException: Socket server failed to bind to 127.0.0.1:29092: "
                + "Address already in use.");
    }

    @Test
    void findsAnExceptionThatEndedTheMainThread(@TempDir final Path dir) throws IOException {
        final Path log = dir.resolve("broker-0.log");
        Files.writeString(log, "[2026-11-24 03:16:54,057] INFO Registered MBean (kafka.utils.Log4jControllerRegistration$)\n"
            + "Exception in thread \"main\" org.apache.kafka.common.config.ConfigException: Invalid value 0\n"
            + "\tat org.apache.kafka.common.config.ConfigDef$Range.ensureValid(ConfigDef.java:1011)\n");

        assertThat(LogTail.firstError(log)).contains(
            "Exception in thread \"main\" org.apache.kafka.common.config.ConfigException: Invalid value 0");
    }

    @Test
    void aCleanLogHasNoFirstError(@TempDir final Path dir) throws IOException {
        final Path log = Files.writeString(dir.resolve("broker-0.log"), "[2026-11-24 03:16:54,057] WARN slow\n");

        assertThat(LogTail.firstError(log)).isEmpty();
        assertThat(LogTail.firstError(dir.resolve("missing.log"))).isEmpty();
    }

    @Test
    void saysWhenThereIsNothingToQuote(@TempDir final Path dir) throws IOException {
        final Path missing = dir.resolve("missing.log");
        final Path empty = Files.createFile(dir.resolve("empty.log"));

        assertThat(LogTail.of(missing)).isEqualTo("    (" + missing + " does not exist)");
        assertThat(LogTail.of(empty)).isEqualTo("    (" + empty + " is empty)");
    }
}
