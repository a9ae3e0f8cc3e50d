package io.ackbench.kafka;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaBrokerLibraryTest {
    @Test
    void findsTheBuiltJarsAboveWhereItWasLoadedFrom() throws IOException {
        final Path lib = KafkaBrokerLibrary.locate();

        assertThat(lib).isAbsolute().endsWith(KafkaBrokerLibrary.RELATIVE_PATH);
        try (var jars = Files.list(lib)) {
            assertThat(jars.map(jar -> jar.getFileName().toString()))
                .contains("kafka_2.13-4.3.1.jar", "kafka-clients-4.3.1.jar", "log4j-slf4j-impl-2.25.4.jar")
                .anyMatch(name -> name.startsWith("ackbench-kafka-broker-"));
        }
    }

    @Test
    void findsThemFromAJarDeepInTheRepository(@TempDir final Path root) throws IOException {
        final Path lib = Files.createDirectories(root.resolve("kafka-broker/target/lib"));
        Files.createFile(lib.resolve("ackbench-kafka-broker-0.1.0-SNAPSHOT-launcher.jar"));
        Files.createFile(lib.resolve("kafka_2.13-4.3.1.jar"));
        final Path benchmarksJar = Files.createDirectories(root.resolve("jmh/target")).resolve("benchmarks.jar");

        assertThat(KafkaBrokerLibrary.locate(null, benchmarksJar)).isEqualTo(lib);
    }

    @Test
    void aConfiguredDirectoryThatIsMissingIsNamed() {
        assertThatThrownBy(() -> KafkaBrokerLibrary.locate("/no/such/kafka/lib", Path.of("/")))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("Apache Kafka's broker jars not found: /no/such/kafka/lib "
                + "(-Dackbench.kafka.lib=/no/such/kafka/lib) is not a directory")
            .hasMessageContaining("mvn -B package");
    }

    @Test
    void nothingAboveSaysWhereItLookedAndHowToBuild(@TempDir final Path elsewhere) {
        assertThatThrownBy(() -> KafkaBrokerLibrary.locate(null, elsewhere))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("Apache Kafka's broker jars not found: no kafka-broker/target/lib in " + elsewhere
                + " or any directory above it, and -Dackbench.kafka.lib is not set")
            .hasMessageContaining("mvn -B package");
    }

    @Test
    void aHalfBuiltDirectoryNamesWhatIsMissing(@TempDir final Path lib) throws IOException {
        Files.createFile(lib.resolve("kafka_2.13-4.3.1.jar"));

        assertThatThrownBy(() -> KafkaBrokerLibrary.locate(lib.toString(), Path.of("/")))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("Apache Kafka's broker jars are incomplete: " + lib + " (-Dackbench.kafka.lib="
                + lib + ") has no ackbench-kafka-broker-*.jar");
    }
}
