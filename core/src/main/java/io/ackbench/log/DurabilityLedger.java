package io.ackbench.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * What a power loss would keep of a partition's log, written by the log itself into a tiny memory-mapped file
 * ({@value #FILE_NAME}) so that it outlives a SIGKILL: the stores sit in the page cache like the log's own bytes, and
 * a fault injector reads them after the process is gone ({@link PowerLoss#cutFromLedger}). Asking a live log
 * ({@link PartitionLog#durablePositions()}) cannot serve a process fault: the answer races with the forces that
 * follow it. The file is never forced; it is a simulation aid, not state the log recovers from.
 *
 * <p>It holds the active segment's base offset and, for its {@code .log}, {@code .index} and {@code .timeindex} files,
 * a length that a power loss keeps (0 for a {@code .timeindex} the log does not keep). Every other segment is sealed,
 * and a roll seals a segment only after forcing its bytes and fsyncing its trimmed indexes ({@link PartitionLog}'s
 * roll), so sealed segments are wholly durable and are never cut. The leader-epoch and offset checkpoints are written
 * to a temporary file, fsynced and renamed, so they are never cut either. Nothing else in a partition directory holds
 * data.
 *
 * <p><b>Ordering.</b> A kill may fall between any two of the stores below, so each intermediate state must cut no
 * byte a force made durable; keeping a few unforced bytes (a smaller cut than a power loss could make) is allowed.
 * <ul>
 * <li>A force stores the lengths it is about to force, {@code .log}, {@code .index} then {@code .timeindex},
 *     <em>before</em> forcing.
 *     Lengths within a segment only grow between changes of segment, so each field is either the length the previous
 *     force made durable or the one this force makes durable: never below what is durable. A kill right after the
 *     stores and before the force keeps that force's bytes although they may not be on disk: the only optimistic
 *     window, as long as entering the fsync takes (once in the kernel, the fsync runs to its end despite the kill).
 *     Storing after the force would instead cut bytes a finished force made durable.</li>
 * <li>A change of segment (roll, truncation into an earlier segment, open) first stores {@link #KEEP_ALL} in every
 *     length, then the new base offset, then the new lengths. Every state in between keeps all of whichever
 *     segment the base names. The alternative orders fail: lengths of the new segment under the old base would cut
 *     a sealed, durable segment (a roll's new segment starts empty), and the old lengths under a new, earlier base
 *     (a truncation) would do the same.</li>
 * <li>The file is created holding zeros; {@link #MAGIC} is stored last at creation, so a file a kill left before it
 *     reads as "keep everything".</li>
 * </ul>
 * Stores are release stores ({@link UnsafeBuffer#putLongRelease}), so neither the compiler nor the CPU reorders them:
 * after a SIGKILL the page cache holds a prefix of them in program order. The reader runs after the writer died, so it
 * needs no ordering of its own.
 *
 * <p>Cost: three stores per force (whose fsync takes milliseconds), nothing per append that does not force, a few
 * stores per roll, truncation or open. Single-threaded, like the log that owns it; the file is written by one
 * process and read by another only after the first exited.
 */
public final class DurabilityLedger {
    /** The ledger's file name in a partition directory. */
    public static final String FILE_NAME = "durable-positions.ledger";
    /** A length that means: a power loss keeps the whole file. */
    static final long KEEP_ALL = -1;
    static final int MAGIC = 0x41424C31; // "ABL1"

    static final int MAGIC_OFFSET = 0;
    static final int BASE_OFFSET_OFFSET = 8;
    static final int LOG_LENGTH_OFFSET = 16;
    static final int INDEX_LENGTH_OFFSET = 24;
    static final int TIME_INDEX_LENGTH_OFFSET = 32;
    static final int FILE_SIZE = 40;

    private final Path file;
    private MappedByteBuffer mapped;
    private UnsafeBuffer buffer;

    private DurabilityLedger(final Path file, final MappedByteBuffer mapped) {
        this.file = file;
        this.mapped = mapped;
        this.buffer = new UnsafeBuffer(mapped);
    }

    /**
     * Maps the ledger of {@code dir}, creating it if missing, and marks it {@link #KEEP_ALL}: whatever it said
     * before, the log being opened may force anything of its files while it recovers.
     */
    static DurabilityLedger open(final Path dir) {
        final Path file = dir.resolve(FILE_NAME);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE)) {
            final DurabilityLedger ledger = new DurabilityLedger(file,
                channel.map(FileChannel.MapMode.READ_WRITE, 0, FILE_SIZE));
            ledger.keepAll();
            if (ledger.buffer.getInt(MAGIC_OFFSET) != MAGIC) {
                ledger.buffer.putIntRelease(MAGIC_OFFSET, MAGIC);
            }
            return ledger;
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot map durability ledger " + file, e);
        }
    }

    /** A segment change begins: a power loss keeps all of the segment the ledger names, whatever it is. */
    void keepAll() {
        buffer.putLongRelease(LOG_LENGTH_OFFSET, KEEP_ALL);
        buffer.putLongRelease(INDEX_LENGTH_OFFSET, KEEP_ALL);
        buffer.putLongRelease(TIME_INDEX_LENGTH_OFFSET, KEEP_ALL);
    }

    /** A segment change ends: {@code baseOffset}'s files are the active ones, durable up to these lengths. */
    void activeSegment(final long baseOffset, final long logLength, final long indexLength,
        final long timeIndexLength) {
        keepAll();
        buffer.putLongRelease(BASE_OFFSET_OFFSET, baseOffset);
        buffer.putLongRelease(LOG_LENGTH_OFFSET, logLength);
        buffer.putLongRelease(INDEX_LENGTH_OFFSET, indexLength);
        buffer.putLongRelease(TIME_INDEX_LENGTH_OFFSET, timeIndexLength);
    }

    /** Before a force of the active segment: the lengths it is about to make durable, never below the last ones. */
    void forcing(final long logLength, final long indexLength, final long timeIndexLength) {
        buffer.putLongRelease(LOG_LENGTH_OFFSET, logLength);
        buffer.putLongRelease(INDEX_LENGTH_OFFSET, indexLength);
        buffer.putLongRelease(TIME_INDEX_LENGTH_OFFSET, timeIndexLength);
    }

    /** Unmaps, with no force: the stores stay in the page cache for a reader. */
    void release() {
        if (mapped != null) {
            IoUtil.unmap(mapped);
            mapped = null;
            buffer = null;
        }
    }

    @Override
    public String toString() {
        return "DurabilityLedger{" + file + '}';
    }

    /** What a ledger file says, read by another process once the log's process is gone. */
    record Entry(long baseOffset, long logLength, long indexLength, long timeIndexLength) {
        boolean keepsAll() {
            return logLength == KEEP_ALL && indexLength == KEEP_ALL && timeIndexLength == KEEP_ALL;
        }
    }

    /**
     * Reads {@code dir}'s ledger.
     *
     * @return null when there is none, or when it was never completed (a kill right after its creation): keep all
     */
    static Entry read(final Path dir) {
        final Path file = dir.resolve(FILE_NAME);
        final ByteBuffer bytes = ByteBuffer.allocate(FILE_SIZE).order(ByteOrder.nativeOrder());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (bytes.hasRemaining() && channel.read(bytes, bytes.position()) > 0) {
                // read on
            }
        } catch (final NoSuchFileException e) {
            return null;
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot read durability ledger " + file, e);
        }
        if (bytes.position() < FILE_SIZE || bytes.getInt(MAGIC_OFFSET) != MAGIC) {
            return null;
        }
        return new Entry(bytes.getLong(BASE_OFFSET_OFFSET), bytes.getLong(LOG_LENGTH_OFFSET),
            bytes.getLong(INDEX_LENGTH_OFFSET), bytes.getLong(TIME_INDEX_LENGTH_OFFSET));
    }
}
