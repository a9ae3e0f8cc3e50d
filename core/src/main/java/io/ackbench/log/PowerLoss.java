package io.ackbench.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Simulates a power loss on a log directory: every file is cut back to the length a force had made durable, as
 * {@link PartitionLog#durablePositions()} recorded it just before the crash. The worst case the disk allows: every
 * byte written but not forced is lost, and none of the forced ones.
 *
 * <p>Two sources for the durable lengths: a snapshot the live log gives ({@link #cut(DurablePositions)}), for a log
 * in this process; and the {@link DurabilityLedger} a log keeps in its directory ({@link #cutFromLedger}), for a
 * log whose process was killed and can no longer be asked.
 *
 * <p>Call it on a directory whose log is no longer open ({@link PartitionLog#closeUnclean()} first, or
 * {@link PartitionLog#close()}): the mmap backends must have released their mappings. Cold path, for tests and the
 * fault injector; any thread, provided no log has the directory open.
 *
 * <p>Limitation: directory entries are not simulated. A file the log created or renamed after the last fsync of the
 * directory could vanish or come back under its old name in a real power loss, and this class keeps every name as it
 * is. The log never leaves that window open across a call: a new segment's files are created and the directory fsynced
 * before the roll returns, and a truncation fsyncs the directory after its renames, before it cuts anything. The one
 * name it never fsyncs is the {@code .kafka_cleanshutdown} marker of a clean close; losing it only makes the next open
 * recover, so it is left as it is too.
 */
public final class PowerLoss {
    private PowerLoss() {
    }

    /**
     * Cuts every file in {@code positions} longer than its durable length to that length, and fsyncs it so the cut
     * itself survives. A file that is missing or already no longer is left as it is.
     *
     * @return how many bytes were cut, over all files
     */
    public static long cut(final DurablePositions positions) {
        return cut(positions.lengths());
    }

    /**
     * Cuts a partition directory as a power loss would, from the {@link DurabilityLedger} its log kept up to the
     * moment its process died: the active segment's {@code .log}, {@code .index} and {@code .timeindex} to the lengths
     * the ledger holds.
     * Sealed segments (forced when they rolled), the checkpoints (written atomically and fsynced) and the ledger
     * itself are left as they are. A directory with no ledger, or one the ledger says to keep whole (the log died
     * while changing segments), is left as it is.
     *
     * @return how many bytes were cut
     */
    public static long cutFromLedger(final Path partitionDir) {
        final DurabilityLedger.Entry entry = DurabilityLedger.read(partitionDir);
        if (entry == null) {
            return 0;
        }
        final Map<Path, Long> lengths = new LinkedHashMap<>();
        if (entry.logLength() != DurabilityLedger.KEEP_ALL) {
            lengths.put(LogFiles.logFile(partitionDir, entry.baseOffset()), entry.logLength());
        }
        if (entry.indexLength() != DurabilityLedger.KEEP_ALL) {
            lengths.put(LogFiles.indexFile(partitionDir, entry.baseOffset()), entry.indexLength());
        }
        if (entry.timeIndexLength() != DurabilityLedger.KEEP_ALL) {
            // Missing when the log keeps no time index: cut() skips it.
            lengths.put(LogFiles.timeIndexFile(partitionDir, entry.baseOffset()), entry.timeIndexLength());
        }
        return cut(lengths);
    }

    /**
     * {@link #cutFromLedger} on every subdirectory of {@code logDir} that holds a ledger: a broker's whole log
     * directory ({@code dataDir/broker-ID}), as a power loss of its machine.
     *
     * @return how many bytes were cut, over all partitions
     */
    public static long cutAllFromLedgers(final Path logDir) {
        long cut = 0;
        try (Stream<Path> entries = Files.list(logDir)) {
            for (final Path dir : (Iterable<Path>) entries::iterator) {
                if (Files.isDirectory(dir) && Files.exists(dir.resolve(DurabilityLedger.FILE_NAME))) {
                    cut += cutFromLedger(dir);
                }
            }
        } catch (final NoSuchFileException e) {
            return 0;
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot list log directory " + logDir, e);
        }
        return cut;
    }

    /** As {@link #cut(DurablePositions)}, from a map of file to durable length. */
    public static long cut(final Map<Path, Long> durableLengths) {
        long cut = 0;
        for (final Map.Entry<Path, Long> entry : durableLengths.entrySet()) {
            final Path file = entry.getKey();
            final long durable = entry.getValue();
            if (durable < 0) {
                throw new IllegalArgumentException("Negative durable length " + durable + " for " + file);
            }
            if (!Files.exists(file)) {
                continue;
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                final long size = channel.size();
                if (size > durable) {
                    channel.truncate(durable);
                    channel.force(true);
                    cut += size - durable;
                }
            } catch (final IOException e) {
                throw new UncheckedIOException("Cannot cut " + file + " to its durable length " + durable, e);
            }
        }
        return cut;
    }
}
