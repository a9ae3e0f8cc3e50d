package io.ackbench.kafka;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The last lines of a broker's log file, for error messages: what Kafka said just before it failed. */
final class LogTail {
    /** How many lines an error message quotes. */
    static final int LINES = 30;
    /**
     * How far back from the end to look. A broker that failed to start logs its shutdown after the error, a few
     * hundred lines, and the whole log of a start is about 150 KiB (mostly Kafka's config dumps).
     */
    private static final int MAX_BYTES = 1024 * 1024;
    /** How log4j (the launcher's pattern, Kafka's own) marks an error record: "[date] ERROR message (logger)". */
    private static final String ERROR_RECORD = "] ERROR ";
    /** How the JVM reports an exception that ended a main thread, such as the storage tool's. */
    private static final String UNCAUGHT = "Exception in thread ";
    /** A stack trace's frame lines start so; the line after an error record that does not is its exception. */
    private static final String FRAME = "\tat ";

    private LogTail() {
    }

    /** The file's last {@link #LINES} lines, each indented, or a note saying why there are none. */
    static String of(final Path file) {
        return of(file, LINES);
    }

    static String of(final Path file, final int lines) {
        if (!Files.isRegularFile(file)) {
            return "    (" + file + " does not exist)";
        }
        final String text;
        try {
            text = readEnd(file);
        } catch (final IOException e) {
            return "    (" + file + " could not be read: " + e.getMessage() + ")";
        }
        if (text.isEmpty()) {
            return "    (" + file + " is empty)";
        }
        final String[] all = text.split("\r?\n");
        final StringBuilder tail = new StringBuilder();
        for (int i = Math.max(0, all.length - lines); i < all.length; i++) {
            tail.append(tail.length() == 0 ? "" : "\n").append("    ").append(all[i]);
        }
        return tail.toString();
    }

    /**
     * The first error Kafka logged (in the last {@code MAX_BYTES}), with the exception line that follows it: what
     * went wrong, which the last lines of a failed start (its shutdown) usually no longer show.
     */
    static Optional<String> firstError(final Path file) {
        final String[] lines;
        try {
            lines = Files.isRegularFile(file) ? readEnd(file).split("\r?\n") : new String[0];
        } catch (final IOException e) {
            return Optional.empty();
        }
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(ERROR_RECORD) || lines[i].startsWith(UNCAUGHT)) {
                final boolean exceptionFollows = i + 1 < lines.length && !lines[i + 1].startsWith("[")
                    && !lines[i + 1].startsWith(FRAME);
                return Optional.of(exceptionFollows ? lines[i] + " / " + lines[i + 1] : lines[i]);
            }
        }
        return Optional.empty();
    }

    private static String readEnd(final Path file) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            final long length = in.length();
            final int size = (int) Math.min(length, MAX_BYTES);
            final byte[] bytes = new byte[size];
            in.seek(length - size);
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
