package io.ackbench.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Operations on a partition directory's entries rather than on a file's bytes: making a file's creation, rename or
 * removal durable. Called from the thread that owns the
 * log, never on the append or read path.
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
}
