package io.ackbench.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * Finds the directory of jars an Apache Kafka broker JVM runs on: {@code kafka-broker/target/lib} of this
 * repository, which the kafka-broker module fills at every build (Kafka 4.3.1, its dependencies, a log4j2 binding and
 * {@code io.ackbench.kafka.broker.KafkaBrokerLauncher}).
 *
 * <p>The system property {@value #LIB_PROPERTY} names it outright. Otherwise it is looked for from where this class
 * was loaded, upwards: from {@code kafka/target/classes} (tests, IDE), {@code jmh/target/benchmarks.jar} or
 * {@code tools/target/ackbench-tools.jar} (where this class is shaded), the first directory holding
 * {@code kafka-broker/target/lib} is the repository root.
 */
public final class KafkaBrokerLibrary {
    public static final String LIB_PROPERTY = "ackbench.kafka.lib";
    /** Where the kafka-broker module puts the jars, relative to the repository root. */
    public static final Path RELATIVE_PATH = Path.of("kafka-broker", "target", "lib");

    /** The launcher jar, by its name's start (the kafka-broker module's artifact id). */
    static final String LAUNCHER_JAR_PREFIX = "ackbench-kafka-broker-";
    /** Kafka's broker jar (the Scala 2.13 build, the only one Kafka 4 publishes). */
    static final String KAFKA_JAR_PREFIX = "kafka_2.13-";
    private static final String JAR_GLOB = "*.jar";
    private static final String BUILD_HINT = "build them with `mvn -B package` (or `mvn -B -pl kafka-broker -am "
        + "package`) at the repository root, or point -D" + LIB_PROPERTY + " at such a directory";

    private KafkaBrokerLibrary() {
    }

    /**
     * @return the directory of the broker's jars (absolute)
     * @throws IllegalStateException saying where they were looked for and how to build them, when they are not there
     */
    public static Path locate() {
        return locate(System.getProperty(LIB_PROPERTY), codeSource());
    }

    /**
     * @param configured the value of {@value #LIB_PROPERTY}, or null when it is not set
     * @param start where to look upwards from when nothing is configured
     */
    static Path locate(final String configured, final Path start) {
        if (configured != null) {
            return verify(Path.of(configured).toAbsolutePath(), "-D" + LIB_PROPERTY + "=" + configured);
        }
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            final Path candidate = dir.resolve(RELATIVE_PATH);
            if (Files.isDirectory(candidate)) {
                return verify(candidate, "found above " + start);
            }
        }
        throw new IllegalStateException("Apache Kafka's broker jars not found: no " + RELATIVE_PATH + " in " + start
            + " or any directory above it, and -D" + LIB_PROPERTY + " is not set; " + BUILD_HINT);
    }

    /**
     * Checks that {@code lib} holds the launcher and Kafka's broker jar, so a half-built directory fails here with
     * its path rather than as a broker JVM that cannot find a class.
     */
    static Path verify(final Path lib, final String howFound) {
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException("Apache Kafka's broker jars not found: " + lib + " (" + howFound
                + ") is not a directory; " + BUILD_HINT);
        }
        for (final String prefix : new String[] {LAUNCHER_JAR_PREFIX, KAFKA_JAR_PREFIX}) {
            if (!holdsJar(lib, prefix)) {
                throw new IllegalStateException("Apache Kafka's broker jars are incomplete: " + lib + " (" + howFound
                    + ") has no " + prefix + "*.jar; " + BUILD_HINT);
            }
        }
        return lib;
    }

    private static boolean holdsJar(final Path lib, final String prefix) {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(lib, JAR_GLOB)) {
            for (final Path jar : jars) {
                if (jar.getFileName().toString().startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not list " + lib, e);
        }
    }

    /** The class directory or jar this class was loaded from. */
    private static Path codeSource() {
        final CodeSource source = KafkaBrokerLibrary.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IllegalStateException("Cannot tell where " + KafkaBrokerLibrary.class.getName()
                + " was loaded from, so cannot find " + RELATIVE_PATH + "; set -D" + LIB_PROPERTY);
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (final URISyntaxException e) {
            throw new IllegalStateException("Unreadable code source " + source.getLocation() + "; set -D"
                + LIB_PROPERTY, e);
        }
    }
}
