package io.ackbench.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

/** Kafka's file names in a partition directory (kafka-semantics.md §6.1). */
final class LogFiles {
    static final String LOG_SUFFIX = ".log";
    static final String INDEX_SUFFIX = ".index";
    static final String TIME_INDEX_SUFFIX = ".timeindex";
    /** Appended to a segment's file names when a truncation removes it; {@code open} removes what is left. */
    static final String DELETED_SUFFIX = ".deleted";
    /** Written by a clean close; its presence lets the next open skip recovery. */
    static final String CLEAN_SHUTDOWN_MARKER = ".kafka_cleanshutdown";
    /** A segment is named by its base offset, zero-padded to this many digits. */
    static final int BASE_OFFSET_DIGITS = 20;

    private LogFiles() {
    }

    static Path logFile(final Path dir, final long baseOffset) {
        return dir.resolve(baseName(baseOffset) + LOG_SUFFIX);
    }

    static Path indexFile(final Path dir, final long baseOffset) {
        return dir.resolve(baseName(baseOffset) + INDEX_SUFFIX);
    }

    static Path timeIndexFile(final Path dir, final long baseOffset) {
        return dir.resolve(baseName(baseOffset) + TIME_INDEX_SUFFIX);
    }

    static Path deletedFile(final Path file) {
        return file.resolveSibling(file.getFileName() + DELETED_SUFFIX);
    }

    static Path cleanShutdownMarker(final Path dir) {
        return dir.resolve(CLEAN_SHUTDOWN_MARKER);
    }

    static String baseName(final long baseOffset) {
        final String digits = Long.toString(baseOffset);
        final StringBuilder name = new StringBuilder(BASE_OFFSET_DIGITS);
        for (int i = digits.length(); i < BASE_OFFSET_DIGITS; i++) {
            name.append('0');
        }
        return name.append(digits).toString();
    }

    /** @return the base offsets of the {@code .log} files in {@code dir}, ascending; other files are ignored */
    static long[] segmentBaseOffsets(final Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            final long[] bases = files
                .map(path -> path.getFileName().toString())
                .filter(LogFiles::isSegmentLogName)
                .mapToLong(name -> Long.parseLong(name.substring(0, BASE_OFFSET_DIGITS)))
                .toArray();
            Arrays.sort(bases);
            return bases;
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot list log directory " + dir, e);
        }
    }

    private static boolean isSegmentLogName(final String name) {
        if (name.length() != BASE_OFFSET_DIGITS + LOG_SUFFIX.length() || !name.endsWith(LOG_SUFFIX)) {
            return false;
        }
        for (int i = 0; i < BASE_OFFSET_DIGITS; i++) {
            final char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
