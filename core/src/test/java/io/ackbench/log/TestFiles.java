package io.ackbench.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/** What the log tests do to a partition directory from outside the log: copy it, damage a byte, measure a file. */
final class TestFiles {
    /** XORed into a byte to damage it: changes every bit pattern, so the CRC cannot match by chance. */
    private static final int FLIP_MASK = 0xD8;

    private TestFiles() {
    }

    /** Flips bits of the byte at {@code position}, as a torn or decayed write would. */
    static void flipByte(final Path file, final long position) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            final ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, position);
            one.put(0, (byte) (one.get(0) ^ FLIP_MASK)).position(0);
            channel.write(one, position);
        }
    }

    /** Makes {@code to} hold exactly the files of {@code from} (a flat directory, as a partition's is). */
    static void copyDirectory(final Path from, final Path to) throws IOException {
        if (Files.exists(to)) {
            try (Stream<Path> files = Files.list(to)) {
                for (final Path file : (Iterable<Path>) files::iterator) {
                    Files.delete(file);
                }
            }
        } else {
            Files.createDirectories(to);
        }
        try (Stream<Path> files = Files.list(from)) {
            for (final Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    static long fileSize(final Path file) {
        try {
            return Files.size(file);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
