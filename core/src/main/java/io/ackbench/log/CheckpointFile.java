package io.ackbench.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Kafka's checkpoint text format (server-common {@code CheckpointFile}, storage
 * {@code CheckpointFileWithFailureHandler}; kafka-semantics.md §6.7): a line holding the version {@value #VERSION},
 * a line holding the number of entries, then one entry per line, its fields separated by a space.
 *
 * <p>Writes are crash-safe as Kafka's are: the text goes to a {@value #TMP_SUFFIX} sibling, which is forced to disk
 * and then renamed over the target, and the directory is forced so the rename itself survives a power loss. A reader
 * therefore sees the old file or the new one, never a mixture, and a {@code .tmp} left by a crash before the rename
 * is never read (the next write truncates it).
 *
 * <p>Reads validate the whole file and throw {@link CorruptCheckpointException}, naming the file and line, on the
 * first fault. Kafka reads an empty file, or one that stops after the version line, as holding no entries; here both
 * are corrupt, because this class never writes either (it does not create the file ahead of the first write, as
 * Kafka's constructor does). Only a missing file reads as empty.
 *
 * <p>Cold path: called at roll, truncation, leader change and periodically, so it allocates freely. Immutable, but a
 * given file must be written by one thread at a time (its owner, see the classes that use it): two writers would
 * share the {@code .tmp}.
 *
 * @param <T> the entry type
 */
public final class CheckpointFile<T> {
    /** The only version Kafka writes for its offset and leader-epoch checkpoints. */
    public static final int VERSION = 0;
    public static final String TMP_SUFFIX = ".tmp";
    /** Written between fields. */
    public static final String FIELD_SEPARATOR = " ";
    /** Read between fields: any run of whitespace, as Kafka splits on {@code \s+}; trailing whitespace is dropped. */
    private static final Pattern FIELD_SPLIT = Pattern.compile("\\s+");
    private static final int VERSION_LINE = 1;
    private static final int COUNT_LINE = 2;
    /** The 1-based line number of the first entry; entry i is on line {@code FIRST_ENTRY_LINE + i}. */
    public static final int FIRST_ENTRY_LINE = 3;
    private static final char NEWLINE = '\n';

    /** Turns one entry into its fields and back. */
    public interface Format<T> {
        /** @return how many fields every entry line has */
        int fieldCount();

        /** @return the entry's {@link #fieldCount()} fields, none empty and none containing whitespace */
        String[] fields(T entry);

        /** Builds the entry of one line; {@link Line}'s accessors throw for a field that does not parse. */
        T parse(Line line);
    }

    /** The fields of one entry line being read, with parsers that report the file and line when they fail. */
    public static final class Line {
        private final Path file;
        private final int number;
        private final String[] fields;

        private Line(final Path file, final int number, final String[] fields) {
            this.file = file;
            this.number = number;
            this.fields = fields;
        }

        public String text(final int index) {
            return fields[index];
        }

        public int intField(final int index, final String name) {
            try {
                return Integer.parseInt(fields[index]);
            } catch (final NumberFormatException e) {
                throw corrupt(name + " '" + fields[index] + "' is not a 32-bit integer");
            }
        }

        public long longField(final int index, final String name) {
            try {
                return Long.parseLong(fields[index]);
            } catch (final NumberFormatException e) {
                throw corrupt(name + " '" + fields[index] + "' is not a 64-bit integer");
            }
        }

        /** @return an exception naming this line, for a check the format makes itself */
        public CorruptCheckpointException corrupt(final String problem) {
            return new CorruptCheckpointException(file, number, problem);
        }
    }

    private final Path file;
    private final Path tmpFile;
    private final Format<T> format;

    public CheckpointFile(final Path file, final Format<T> format) {
        this.file = file.toAbsolutePath();
        this.tmpFile = this.file.resolveSibling(this.file.getFileName() + TMP_SUFFIX);
        this.format = format;
    }

    public Path file() {
        return file;
    }

    /**
     * @return the entries in file order; empty if the file does not exist
     * @throws CorruptCheckpointException if the file is not a valid checkpoint
     * @throws UncheckedIOException if it cannot be read
     */
    public List<T> read() {
        final List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (final NoSuchFileException e) {
            return List.of();
        } catch (final CharacterCodingException e) {
            throw new CorruptCheckpointException(file, CorruptCheckpointException.WHOLE_FILE, "not UTF-8 text");
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot read checkpoint file " + file, e);
        }
        if (lines.isEmpty()) {
            throw new CorruptCheckpointException(file, VERSION_LINE, "the file is empty; expected the version line");
        }
        final int version = headerNumber(lines.get(0), VERSION_LINE, "version");
        if (version != VERSION) {
            throw new CorruptCheckpointException(file, VERSION_LINE,
                "unsupported version " + version + ", expected " + VERSION);
        }
        if (lines.size() < COUNT_LINE) {
            throw new CorruptCheckpointException(file, COUNT_LINE, "the entry count line is missing");
        }
        final int count = headerNumber(lines.get(1), COUNT_LINE, "entry count");
        if (count < 0) {
            throw new CorruptCheckpointException(file, COUNT_LINE, "entry count " + count + " is negative");
        }
        final int found = lines.size() - COUNT_LINE;
        if (found < count) {
            throw new CorruptCheckpointException(file, lines.size() + 1,
                "line " + COUNT_LINE + " declares " + count + " entries but the file ends after " + found);
        }
        if (found > count) {
            throw new CorruptCheckpointException(file, FIRST_ENTRY_LINE + count,
                "line " + COUNT_LINE + " declares " + count + " entries but " + found + " lines follow it");
        }
        final List<T> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            final int number = FIRST_ENTRY_LINE + i;
            final String text = lines.get(number - 1);
            final String[] fields = FIELD_SPLIT.split(text);
            if (fields.length != format.fieldCount()) {
                throw new CorruptCheckpointException(file, number, "expected " + format.fieldCount()
                    + " fields separated by a space, found " + fields.length + " in '" + text + "'");
            }
            entries.add(format.parse(new Line(file, number, fields)));
        }
        return entries;
    }

    /**
     * Replaces the file with {@code entries}, crash-safely (see the class comment). Returns once the new file and
     * its name are on disk.
     *
     * @throws IllegalArgumentException if an entry's fields would not read back
     * @throws UncheckedIOException if the write, force or rename fails; the old file is then still intact
     */
    public void write(final Collection<? extends T> entries) {
        final StringBuilder text = new StringBuilder(32 + 24 * entries.size());
        text.append(VERSION).append(NEWLINE).append(entries.size()).append(NEWLINE);
        for (final T entry : entries) {
            appendEntry(text, entry);
        }
        try {
            try (FileChannel channel = FileChannel.open(tmpFile, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                final ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            // rename(2) on POSIX: atomic, and it replaces an existing target. Kafka falls back to a non-atomic
            // replace when the atomic move fails; ackbench runs on Linux only, so a failure here is an error.
            Files.move(tmpFile, file, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(file.getParent());
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot write checkpoint file " + file, e);
        }
    }

    private void appendEntry(final StringBuilder text, final T entry) {
        final String[] fields = format.fields(entry);
        if (fields.length != format.fieldCount()) {
            throw new IllegalArgumentException("Entry " + entry + " has " + fields.length + " fields, expected "
                + format.fieldCount() + " for " + file);
        }
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].isEmpty() || FIELD_SPLIT.matcher(fields[i]).find()) {
                throw new IllegalArgumentException("Field '" + fields[i] + "' of entry " + entry
                    + " is empty or contains whitespace, so " + file + " could not be read back");
            }
            if (i > 0) {
                text.append(FIELD_SEPARATOR);
            }
            text.append(fields[i]);
        }
        text.append(NEWLINE);
    }

    private int headerNumber(final String text, final int lineNumber, final String what) {
        try {
            return Integer.parseInt(text);
        } catch (final NumberFormatException e) {
            throw new CorruptCheckpointException(file, lineNumber, what + " '" + text + "' is not a 32-bit integer");
        }
    }

    /** Makes the rename durable: without this a power loss may bring back the old directory entry. */
    private static void forceDirectory(final Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
