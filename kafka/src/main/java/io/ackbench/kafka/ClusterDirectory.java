package io.ackbench.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The data directory of an embedded cluster: made by it, marked as its own, deleted whole when it closes. A
 * directory that holds anything else is refused rather than deleted; one left over by a cluster whose JVM was
 * killed (it has the mark) is emptied and used again.
 */
final class ClusterDirectory {
    /** Written first into every data directory the harness makes. */
    static final String MARK = ".ackbench-kafka-cluster";

    private ClusterDirectory() {
    }

    /** @throws IOException naming the directory when it is a file, or holds files that are not the harness's */
    static void prepare(final Path dir) throws IOException {
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                throw new IOException("Kafka data directory " + dir + " is a file; give a new or empty directory");
            }
            if (!isEmpty(dir)) {
                if (!Files.exists(dir.resolve(MARK))) {
                    throw new IOException("Kafka data directory " + dir + " is not empty and was not made by "
                        + "EmbeddedKafkaCluster (no " + MARK + " in it); the cluster deletes its data directory when "
                        + "it closes, so give it a new or empty one");
                }
                delete(dir);
            }
        }
        Files.createDirectories(dir);
        Files.createFile(dir.resolve(MARK));
    }

    /** Deletes {@code dir} and everything in it; nothing if it does not exist. */
    static void delete(final Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        final List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList());
        } catch (final UncheckedIOException e) {
            throw e.getCause();
        }
        for (final Path path : paths) {
            Files.deleteIfExists(path);
        }
    }

    private static boolean isEmpty(final Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
