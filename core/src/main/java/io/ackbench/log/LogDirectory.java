package io.ackbench.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * Operations on a partition directory's entries rather than on a file's bytes: making a file's creation, rename or
 * removal durable, and Kafka's {@code .deleted} files (kafka-semantics.md §6.1). Called from the thread that owns the
 * log: at open, at a roll and in a truncation, never for an append that does not roll or for a read.
 */
final class LogDirectory {
    private LogDirectory() {
    }

    /**
     * fsyncs the directory itself, so that the names created, renamed or removed in it so far survive a power loss
     * (fsyncing a file makes its bytes durable, not its directory entry). Linux allows this on a directory opened
     * read-only, as Kafka's {@code Utils.flushDir} does.
     */
    static void sync(final Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot fsync log directory " + dir, e);
        }
    }

    /**
     * Renames {@code file} to its name plus {@code .deleted}, which no loader reads as part of the log, replacing a
     * leftover of that name. A missing file is skipped.
     */
    static void markDeleted(final Path file) {
        try {
            if (Files.exists(file)) {
                Files.move(file, LogFiles.deletedFile(file), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot mark " + file + " deleted", e);
        }
    }

    /** Removes every {@code .deleted} file in {@code dir}: what a truncation renamed and had not yet removed. */
    static void removeDeleted(final Path dir) {
        removeEndingWith(dir, LogFiles.DELETED_SUFFIX);
    }

    /**
     * Removes every {@code .timeindex} file in {@code dir}, for a log that keeps none ({@link LogConfig#TIME_INDEX}
     * off): one left by an earlier run would no longer follow the log's truncations, and would be stale if the index
     * were turned on again.
     */
    static void removeTimeIndexes(final Path dir) {
        removeEndingWith(dir, LogFiles.TIME_INDEX_SUFFIX);
    }

    private static void removeEndingWith(final Path dir, final String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            for (final Path file : (Iterable<Path>) files::iterator) {
                if (file.getFileName().toString().endsWith(suffix)) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot remove " + suffix + " files in " + dir, e);
        }
    }
}
