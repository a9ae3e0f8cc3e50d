package io.ackbench.kafka;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterDirectoryTest {
    @Test
    void makesANewDirectoryAndMarksItAsItsOwn(@TempDir final Path tmp) throws IOException {
        final Path dir = tmp.resolve("a/b/kafka");

        ClusterDirectory.prepare(dir);

        assertThat(dir.resolve(ClusterDirectory.MARK)).isRegularFile();
    }

    @Test
    void refusesADirectoryHoldingSomeoneElsesFiles(@TempDir final Path tmp) throws IOException {
        final Path precious = Files.writeString(tmp.resolve("thesis.tex"), "do not delete");

        assertThatThrownBy(() -> ClusterDirectory.prepare(tmp)).isInstanceOf(IOException.class)
            .hasMessageContaining("Kafka data directory " + tmp + " is not empty and was not made by "
                + "EmbeddedKafkaCluster");
        assertThat(precious).hasContent("do not delete");
    }

    @Test
    void emptiesWhatAKilledClusterLeftBehind(@TempDir final Path tmp) throws IOException {
        final Path dir = tmp.resolve("kafka");
        ClusterDirectory.prepare(dir);
        Files.createDirectories(dir.resolve("broker-0/bench-0"));
        Files.writeString(dir.resolve("broker-0.log"), "old");

        ClusterDirectory.prepare(dir);

        try (var entries = Files.list(dir)) {
            assertThat(entries).containsExactly(dir.resolve(ClusterDirectory.MARK));
        }
    }

    @Test
    void deletesEverythingAndToleratesAMissingDirectory(@TempDir final Path tmp) throws IOException {
        final Path dir = tmp.resolve("kafka");
        ClusterDirectory.prepare(dir);
        Files.createDirectories(dir.resolve("broker-0/bench-0"));
        Files.writeString(dir.resolve("broker-0/bench-0/00000000000000000000.log"), "x");

        ClusterDirectory.delete(dir);
        ClusterDirectory.delete(dir);

        assertThat(dir).doesNotExist();
    }
}
