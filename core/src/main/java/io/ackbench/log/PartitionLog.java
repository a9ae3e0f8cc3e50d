package io.ackbench.log;

import static io.ackbench.record.RecordBatchLayout.BASE_OFFSET_OFFSET;
import static io.ackbench.record.RecordBatchLayout.BATCH_LENGTH_OFFSET;
import static io.ackbench.record.RecordBatchLayout.LAST_OFFSET_DELTA_OFFSET;
import static io.ackbench.record.RecordBatchLayout.LOG_OVERHEAD;
import static io.ackbench.record.RecordBatchLayout.PARTITION_LEADER_EPOCH_OFFSET;
import static io.ackbench.record.RecordBatchLayout.RECORD_BATCH_OVERHEAD;
import static java.nio.ByteOrder.BIG_ENDIAN;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * One partition's log: Kafka's segment files in one directory (kafka-semantics.md §6), written through the backend that
 * {@link LogConfig#BACKEND} names. Segments are named by their 20-digit base offset ({@code .log} plus a sparse
 * {@code .index} and, unless {@link LogConfig#TIME_INDEX} is off, a sparse {@code .timeindex}), preallocated to
 * {@code segment.bytes} and rolled when an incoming batch does not fit, when an index is full or when an offset would
 * not fit the segment's relative range. A rolled segment is trimmed to its valid size and forced to disk.
 * {@link #close()} trims the last segment too and writes {@code .kafka_cleanshutdown}, so Kafka's own tools read the
 * directory; opening without that marker recovers every segment past the recovery point it is given
 * ({@link #lastRecovery()}). {@link #durablePositions()} tells a fault injector what a power loss would keep, and
 * {@link PowerLoss} cuts a closed log's files to it. {@link #truncateTo} cuts the log back to a batch boundary, as a
 * diverged follower must.
 *
 * <p>The log keeps its leader-epoch history, Kafka's {@code LeaderEpochFileCache} ({@link LeaderEpochCache}, the
 * file {@value LeaderEpochCache#FILE_NAME} in the same directory): a leader append assigns its epoch at the batch's
 * base offset when the epoch is new, a follower append assigns each batch's {@code partitionLeaderEpoch} at its base
 * offset, and truncation and recovery remove the entries at or past the new end. {@link #endOffsetForEpoch} answers
 * from it, as a leader answers a follower's diverging fetch (kafka-semantics.md §6.7).
 *
 * <p>The flush policy is Kafka's: {@code flush.messages} (force once that many records are not on disk; 1 forces
 * every batch before the append returns) and {@code flush.ms} (force once that long has passed since the last force,
 * checked on append and by {@link #flushIfDue}). Both default to never: durability then comes from replication.
 *
 * <p><b>Single-threaded:</b> one thread (the broker's) appends to and reads a given log, so no field is shared and
 * none needs a memory ordering; hand the log to another thread only through a happens-before edge. After warm-up,
 * appends and reads allocate nothing; a roll does, and forces the rolled segment and the directory.
 */
public final class PartitionLog implements AutoCloseable {
    private static final int MIN_BATCH_LENGTH = RECORD_BATCH_OVERHEAD - LOG_OVERHEAD;

    private final Path dir;
    private final LogConfig config;
    private final LongSupplier clockMs;
    private final int segmentBytes;
    private final long flushMessages;
    private final long flushMs;
    /** {@link LogConfig#TIME_INDEX}: whether segments keep a {@code .timeindex}. */
    private final boolean timeIndexed;
    /** Written only when an epoch changes, so an append in the current epoch costs one int compare. */
    private final LeaderEpochCache leaderEpochs;
    /** Told the active segment's durable lengths before every force and at every change of segment. */
    private final DurabilityLedger ledger;

    private LogSegment[] segments = new LogSegment[8];
    private int segmentCount;
    private LogSegment active;
    /** Segments below this index hold nothing that is not yet forced. */
    private int firstUnflushedSegment;

    private long logStartOffset;
    private long logEndOffset;
    private long recoveryPoint;
    private long lastFlushMs;
    private RecoveryReport lastRecovery = RecoveryReport.skipped();
    private boolean closed;
    /** Told of each durable step of a truncation; tests stop one there, as a crash would. */
    private Consumer<TruncationStep> truncationSteps = step -> { };

    private PartitionLog(final Path dir, final LogConfig config, final LongSupplier clockMs) {
        this.dir = dir;
        this.config = config;
        this.clockMs = clockMs;
        this.segmentBytes = config.segmentBytes();
        this.flushMessages = config.flushMessages();
        this.flushMs = config.flushMs();
        this.timeIndexed = config.timeIndex();
        this.leaderEpochs = LeaderEpochCache.open(dir);
        this.ledger = DurabilityLedger.open(dir);
    }

    /**
     * The recovery point to give {@link #open} when none is known (no {@code recovery-point-offset-checkpoint} entry):
     * every segment is then recovered after an unclean shutdown, as Kafka does when the checkpoint is missing.
     */
    public static final long UNKNOWN_RECOVERY_POINT = 0;

    /** Opens or creates the log in dir (created if missing), with no recovery point known. */
    public static PartitionLog open(final Path dir, final LogConfig config) {
        return open(dir, config, System::currentTimeMillis);
    }

    /** As {@link #open(Path, LogConfig)}, with the clock the {@code flush.ms} policy reads. */
    public static PartitionLog open(final Path dir, final LogConfig config, final LongSupplier clockMs) {
        return open(dir, config, clockMs, UNKNOWN_RECOVERY_POINT);
    }

    /**
     * Opens or creates the log in dir (created if missing). After a clean shutdown nothing is scanned. After an unclean
     * one every segment whose offsets reach past {@code recoveryPoint} (the one holding it and all later ones) is
     * validated batch by batch from its first byte; the first that has lost bytes is cut after its last valid batch
     * and every later segment is deleted (kafka-semantics.md §6.4). Segments wholly below the recovery point are
     * trusted as on disk.
     *
     * @param recoveryPoint what {@link #recoveryPoint()} was at the last checkpoint before the shutdown, or
     *                      {@link #UNKNOWN_RECOVERY_POINT}
     */
    public static PartitionLog open(final Path dir, final LogConfig config, final long recoveryPoint) {
        return open(dir, config, System::currentTimeMillis, recoveryPoint);
    }

    /** As {@link #open(Path, LogConfig, long)}, with the clock the {@code flush.ms} policy reads. */
    public static PartitionLog open(final Path dir, final LogConfig config, final LongSupplier clockMs,
        final long recoveryPoint) {
        return open(dir, config, clockMs, recoveryPoint, LogEvents.SYSTEM);
    }

    static PartitionLog open(final Path dir, final LogConfig config, final LongSupplier clockMs,
        final LogEvents events) {
        return open(dir, config, clockMs, UNKNOWN_RECOVERY_POINT, events);
    }

    static PartitionLog open(final Path dir, final LogConfig config, final LongSupplier clockMs,
        final long recoveryPoint, final LogEvents events) {
        if (recoveryPoint < 0) {
            throw new IllegalArgumentException("Negative recovery point " + recoveryPoint + " for " + dir);
        }
        try {
            Files.createDirectories(dir);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot create log directory " + dir, e);
        }
        final PartitionLog log = new PartitionLog(dir, config, clockMs);
        try {
            log.load(recoveryPoint, events);
        } catch (final RuntimeException e) {
            log.releaseAll();
            throw e;
        }
        return log;
    }

    private void load(final long checkpointedRecoveryPoint, final LogEvents events) {
        final Path marker = LogFiles.cleanShutdownMarker(dir);
        final boolean clean = Files.exists(marker);
        // What a truncation or an earlier recovery renamed and a crash kept it from removing is not part of the log.
        LogDirectory.removeDeleted(dir);
        if (!timeIndexed) {
            LogDirectory.removeTimeIndexes(dir);
        }
        final long[] bases = LogFiles.segmentBaseOffsets(dir);
        if (bases.length == 0) {
            addSegment(createSegment(0));
            logEndOffset = 0;
        } else if (clean) {
            for (int i = 0; i < bases.length - 1; i++) {
                addSegment(openSealedSegment(bases[i]));
            }
            final long base = bases[bases.length - 1];
            final SegmentRecovery.Result found = SegmentRecovery.walk(LogFiles.logFile(dir, base),
                LogFiles.indexFile(dir, base), base);
            addSegment(openActiveSegment(base, found.validSize));
            logEndOffset = found.nextOffset;
        } else {
            recover(bases, checkpointedRecoveryPoint);
            events.recovered(lastRecovery, logEndOffset);
        }
        active = segments[segmentCount - 1];
        firstUnflushedSegment = segmentCount - 1;
        logStartOffset = segments[0].baseOffset();
        // Everything is on disk now: a clean close forced it all, and recovery forced every segment it scanned and
        // trusted the rest to be on disk already (Kafka keeps min(checkpoint, log end) instead, as its recovery does
        // not force; here the point moves only on a force either way).
        recoveryPoint = logEndOffset;
        lastFlushMs = clockMs.getAsLong();
        ledger.activeSegment(active.baseOffset(), active.durableSize(), active.index().durableBytes(),
            active.timeIndexDurableBytes());
        // The history may run past what recovery kept (the cache is written before the batches reach the disk) or
        // start below a log whose first segments are gone: Kafka's LogLoader trims it to the log both ways.
        leaderEpochs.truncateFromEnd(logEndOffset);
        leaderEpochs.truncateFromStart(logStartOffset);
        try {
            // Deleted once the log is open, so that a crash from here on is recovered.
            Files.deleteIfExists(marker);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot delete clean-shutdown marker " + marker, e);
        }
    }

    /**
     * Kafka's {@code LogLoader.recoverLog}: scans the segments from the one holding {@code checkpointedRecoveryPoint}
     * (the last whose base offset is at most it) to the last, stopping at the first that lost bytes. That one becomes
     * the active segment; the segments after it are deleted before it is cut, by the truncation's steps (rename to
     * {@code .deleted} from the last backwards, fsync the directory, cut, remove), so a crash during recovery leaves a
     * prefix that the next recovery finds again.
     */
    private void recover(final long[] bases, final long checkpointedRecoveryPoint) {
        final int last = bases.length - 1;
        int first = last;
        while (first > 0 && bases[first] > checkpointedRecoveryPoint) {
            first--;
        }
        for (int i = 0; i < first; i++) {
            addSegment(openSealedSegment(bases[i]));
        }
        for (int i = first; i <= last; i++) {
            final long base = bases[i];
            final int next = i + 1;
            final SegmentRecovery.Result found = SegmentRecovery.recover(LogFiles.logFile(dir, base),
                LogFiles.indexFile(dir, base), timeIndexed ? LogFiles.timeIndexFile(dir, base) : null, base,
                config.indexIntervalBytes(), i == last ? null : () -> removeSegmentFiles(bases, next));
            if (i == last || found.cut) {
                addSegment(openActiveSegment(base, found.validSize));
                logEndOffset = found.nextOffset;
                lastRecovery = found.report.inLog(checkpointedRecoveryPoint, i - first + 1, last - i);
                // The renamed files of the deleted segments; nothing reads them, and open() removes any left.
                LogDirectory.removeDeleted(dir);
                return;
            }
            addSegment(openSealedSegment(base));
        }
    }

    /** Renames the files of the segments from {@code bases[from]} on to {@code .deleted}, last first, then syncs. */
    private void removeSegmentFiles(final long[] bases, final int from) {
        for (int i = bases.length - 1; i >= from; i--) {
            // Indexes first, as in truncateTo: a .log whose .index is gone is recovered from byte 0.
            LogDirectory.markDeleted(LogFiles.indexFile(dir, bases[i]));
            LogDirectory.markDeleted(LogFiles.timeIndexFile(dir, bases[i]));
            LogDirectory.markDeleted(LogFiles.logFile(dir, bases[i]));
        }
        LogDirectory.sync(dir);
    }

    /**
     * Leader append: copies the sealed batch (one Kafka RecordBatch v2, exactly {@code length} bytes, already
     * validated by the caller) to the log, writing baseOffset = {@link #logEndOffset()} and partitionLeaderEpoch =
     * {@code leaderEpoch} into the log's copy only (the caller's bytes are not modified), then forces the log before
     * returning if the flush policy says so.
     *
     * @return the base offset; the last offset is base + lastOffsetDelta
     * @throws LogAppendException if the batch can never fit a segment, or its length field disagrees with
     *                            {@code length}
     */
    public long appendAsLeader(final DirectBuffer batch, final int offset, final int length, final int leaderEpoch) {
        checkOpen();
        if (checkBatch(batch, offset, length, offset) != length) {
            throw new LogAppendException("Batch declares " + (LOG_OVERHEAD + batch.getInt(offset + BATCH_LENGTH_OFFSET,
                BIG_ENDIAN)) + " bytes, but " + length + " bytes were given: a leader appends exactly one batch");
        }
        final long baseOffset = logEndOffset;
        final long lastOffset = baseOffset + batch.getInt(offset + LAST_OFFSET_DELTA_OFFSET, BIG_ENDIAN);
        LogSegment segment = active;
        if (segment.shouldRoll(length, lastOffset, segmentBytes)) {
            segment = roll(baseOffset);
        }
        segment.appendStamped(batch, offset, length, baseOffset, leaderEpoch, lastOffset);
        logEndOffset = lastOffset + 1;
        assignEpoch(leaderEpoch, baseOffset);
        afterAppend();
        return baseOffset;
    }

    /**
     * Follower append: {@code length} bytes holding one or more whole batches that already carry their offsets (as
     * read from the leader). Each batch's base offset must continue the log: the first one's equals
     * {@link #logEndOffset()}. Nothing is appended unless every batch passes. Batches are not CRC-checked here.
     *
     * @return the new log end offset
     * @throws LogAppendException if the bytes are not whole batches, an offset does not continue the log, or a batch
     *                            can never fit a segment
     */
    public long appendAsFollower(final DirectBuffer batches, final int offset, final int length) {
        checkOpen();
        final int end = offset + length;
        long expected = logEndOffset;
        for (int position = offset; position < end; ) {
            final int size = checkBatch(batches, position, end - position, offset);
            final long base = batches.getLong(position + BASE_OFFSET_OFFSET, BIG_ENDIAN);
            if (base != expected) {
                throw new LogAppendException(position == offset
                    ? "First batch's base offset " + base + " must equal the log end offset " + logEndOffset
                    : "Batch at byte " + (position - offset) + " has base offset " + base + ", expected " + expected
                        + " to continue the batches before it");
            }
            expected = base + batches.getInt(position + LAST_OFFSET_DELTA_OFFSET, BIG_ENDIAN) + 1;
            position += size;
        }
        // Every batch checked: append in runs that fit the active segment, rolling between them as Kafka would.
        int position = offset;
        while (position < end) {
            final long runBase = batches.getLong(position + BASE_OFFSET_OFFSET, BIG_ENDIAN);
            final int firstSize = LOG_OVERHEAD + batches.getInt(position + BATCH_LENGTH_OFFSET, BIG_ENDIAN);
            final long firstLast = runBase + batches.getInt(position + LAST_OFFSET_DELTA_OFFSET, BIG_ENDIAN);
            LogSegment segment = active;
            if (segment.shouldRoll(firstSize, firstLast, segmentBytes)) {
                segment = roll(runBase);
            }
            int runEnd = position + firstSize;
            long runLast = firstLast;
            while (runEnd < end) {
                final int size = LOG_OVERHEAD + batches.getInt(runEnd + BATCH_LENGTH_OFFSET, BIG_ENDIAN);
                final long last = batches.getLong(runEnd + BASE_OFFSET_OFFSET, BIG_ENDIAN)
                    + batches.getInt(runEnd + LAST_OFFSET_DELTA_OFFSET, BIG_ENDIAN);
                if ((long) segment.size() + (runEnd - position) + size > segmentBytes
                    || last - segment.baseOffset() > Integer.MAX_VALUE) {
                    break;
                }
                runEnd += size;
                runLast = last;
            }
            segment.append(batches, position, runEnd - position, runLast);
            logEndOffset = runLast + 1;
            // After the run is in the log, as a leader's assign follows its append: a failed roll leaves no entry
            // for batches that are not there. Kafka assigns every batch's epoch at its base offset the same way.
            for (int at = position; at < runEnd; at += LOG_OVERHEAD + batches.getInt(at + BATCH_LENGTH_OFFSET,
                BIG_ENDIAN)) {
                assignEpoch(batches.getInt(at + PARTITION_LEADER_EPOCH_OFFSET, BIG_ENDIAN),
                    batches.getLong(at + BASE_OFFSET_OFFSET, BIG_ENDIAN));
            }
            position = runEnd;
        }
        afterAppend();
        return logEndOffset;
    }

    /**
     * Kafka's {@code maybeAssignEpochStartOffset}: the hot path is the compare with the latest epoch; only a new
     * epoch reaches the cache, which allocates an entry and rewrites its file. A batch with no epoch (negative, as
     * a pre-v2 or unstamped batch) is not recorded.
     */
    private void assignEpoch(final int epoch, final long startOffset) {
        if (epoch >= 0 && epoch != leaderEpochs.latestEpoch()) {
            leaderEpochs.assign(epoch, startOffset);
        }
    }

    /**
     * Records that {@code epoch} starts at the log end offset, as a new leader does before its first append (Kafka's
     * {@code Partition.makeLeader}), so that a follower fetching with an older epoch is told where that epoch ended
     * even before anything is appended in the new one. Nothing changes if {@code epoch} is already the latest.
     */
    public void assignEpochStartOffset(final int epoch) {
        checkOpen();
        assignEpoch(epoch, logEndOffset);
    }

    /** @return the latest leader epoch in the log's history, or {@link LeaderEpochCache#UNDEFINED_EPOCH} */
    public int latestEpoch() {
        return leaderEpochs.latestEpoch();
    }

    /**
     * Kafka's OffsetsForLeaderEpoch answer from this log: the largest epoch at or below {@code epoch} and the offset
     * at which it ended (the log end offset for the latest epoch). See {@link LeaderEpochCache#endOffsetFor}.
     * Allocates the answer: for a diverging fetch, not for every fetch.
     */
    public LeaderEpochCache.EpochEndOffset endOffsetForEpoch(final int epoch) {
        return leaderEpochs.endOffsetFor(epoch, logEndOffset);
    }

    /** @return a copy of the leader-epoch history, oldest first */
    public List<LeaderEpochCache.Entry> leaderEpochEntries() {
        return leaderEpochs.entries();
    }

    /**
     * Checks that {@code [offset, offset + available)} starts with one whole batch whose size fits a segment.
     *
     * @return the batch's size
     */
    private int checkBatch(final DirectBuffer buffer, final int offset, final int available, final int chunkStart) {
        if (available < RECORD_BATCH_OVERHEAD) {
            throw new LogAppendException("Bytes at " + (offset - chunkStart) + " are not a whole batch: " + available
                + " bytes, a batch header alone is " + RECORD_BATCH_OVERHEAD);
        }
        final int batchLength = buffer.getInt(offset + BATCH_LENGTH_OFFSET, BIG_ENDIAN);
        if (batchLength < MIN_BATCH_LENGTH || batchLength > available - LOG_OVERHEAD) {
            throw new LogAppendException("Batch at " + (offset - chunkStart) + " declares "
                + (LOG_OVERHEAD + (long) batchLength) + " bytes, but " + available + " bytes were given");
        }
        final int size = LOG_OVERHEAD + batchLength;
        if (size > segmentBytes) {
            throw new LogAppendException("Batch of " + size + " bytes can never fit a log segment: "
                + LogConfig.SEGMENT_BYTES + "=" + segmentBytes);
        }
        final int lastOffsetDelta = buffer.getInt(offset + LAST_OFFSET_DELTA_OFFSET, BIG_ENDIAN);
        if (lastOffsetDelta < 0) {
            throw new LogAppendException("Batch at " + (offset - chunkStart) + " has a negative last offset delta "
                + lastOffsetDelta);
        }
        return size;
    }

    /**
     * Copies whole batches starting with the one that contains {@code fetchOffset} into {@code dst} at
     * {@code dstOffset}, stopping before a batch that would take the total past {@code maxBytes}, except that the
     * first batch is always copied if dst has room for it (Kafka's "at least one batch" rule). Reads stay within one
     * segment, as Kafka's do.
     *
     * @return the bytes copied (0 when fetchOffset == logEndOffset())
     * @throws OffsetOutOfRangeException if fetchOffset < logStartOffset() or > logEndOffset()
     * @throws IllegalArgumentException  if dst has no room for the first batch
     */
    public int read(final long fetchOffset, final int maxBytes, final MutableDirectBuffer dst, final int dstOffset) {
        return read(fetchOffset, maxBytes, dst, dstOffset, true);
    }

    /**
     * As {@link #read(long, int, MutableDirectBuffer, int)}, but with {@code minOneBatch} false a first batch larger
     * than {@code maxBytes} is not copied either (0 is returned): Kafka applies the "at least one batch" rule only to
     * the first partition of a fetch response that has data (KIP-74), and a later partition whose next batch does not
     * fit what is left of the response gets nothing this time.
     */
    public int read(final long fetchOffset, final int maxBytes, final MutableDirectBuffer dst, final int dstOffset,
                    final boolean minOneBatch) {
        return read(fetchOffset, maxBytes, dst, dstOffset, minOneBatch, Long.MAX_VALUE);
    }

    /**
     * As {@link #read(long, int, MutableDirectBuffer, int, boolean)}, copying only whole batches whose records all
     * lie below {@code maxOffset}: a consumer's read, bounded at the high watermark as Kafka bounds one
     * ({@code FetchIsolation.HIGH_WATERMARK}). A batch that straddles the bound is left for a later read. A fetch
     * offset at or past the bound (but within the log) copies nothing.
     */
    public int read(final long fetchOffset, final int maxBytes, final MutableDirectBuffer dst, final int dstOffset,
                    final boolean minOneBatch, final long maxOffset) {
        checkOpen();
        if (fetchOffset < logStartOffset || fetchOffset > logEndOffset) {
            throw new OffsetOutOfRangeException(fetchOffset, logStartOffset, logEndOffset);
        }
        if (fetchOffset == logEndOffset || fetchOffset >= maxOffset) {
            return 0;
        }
        final LogSegment segment = segmentFor(fetchOffset);
        final int start = segment.positionOf(fetchOffset);
        final int end = segment.size();
        final long room = (long) dst.capacity() - dstOffset;
        int position = start;
        long total = 0;
        while (position < end) {
            if (maxOffset != Long.MAX_VALUE && segment.lastOffsetAt(position) >= maxOffset) {
                break;
            }
            final int size = segment.batchSizeAt(position);
            if (total == 0 && !minOneBatch && size > maxBytes) {
                return 0;
            }
            if (total + size > room) {
                if (total == 0) {
                    throw new IllegalArgumentException("Destination has room for " + room + " bytes at index "
                        + dstOffset + ", but the batch holding offset " + fetchOffset + " is " + size + " bytes");
                }
                break;
            }
            if (total > 0 && total + size > maxBytes) {
                break;
            }
            total += size;
            position += size;
        }
        if (total > 0) {
            segment.read(start, dst, dstOffset, (int) total);
        }
        return (int) total;
    }

    /** @return the segment whose offsets include {@code offset}: the last one whose base offset is at most it */
    private LogSegment segmentFor(final long offset) {
        return segments[segmentIndexFor(offset)];
    }

    private int segmentIndexFor(final long offset) {
        int low = 0;
        int high = segmentCount - 1;
        while (low < high) {
            final int mid = (low + high + 1) >>> 1;
            if (segments[mid].baseOffset() <= offset) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    private void afterAppend() {
        if (logEndOffset - recoveryPoint >= flushMessages) {
            forceAll(flushMs == Long.MAX_VALUE ? lastFlushMs : clockMs.getAsLong());
        } else if (flushMs != Long.MAX_VALUE) {
            final long now = clockMs.getAsLong();
            if (now - lastFlushMs >= flushMs) {
                forceAll(now);
            }
        }
    }

    /**
     * Removes every record from {@code offset} on, so that the log ends at the batch boundary at or below it: a batch
     * that holds {@code offset} but starts below it is removed whole, as Kafka's {@code LogSegment.truncateTo} removes
     * it, and the log end offset becomes that batch's base offset. (Kafka's {@code LocalLog.truncateTo} sets the log
     * end offset to {@code offset} even then, leaving the offsets between the batch's base and {@code offset} absent;
     * its callers truncate to batch boundaries. Here the log end offset is always where the data ends, which is
     * also what a reopen finds.) As in Kafka, an {@code offset} at or past the log end offset changes nothing.
     *
     * <p>The segment holding {@code offset} is cut (its file and its index entries from the new end on) and becomes
     * the active segment, every later segment is deleted with its files, and the recovery point is capped at the new
     * end. Truncating to a segment's base offset leaves it empty and active; truncating to the log start offset
     * leaves one empty active segment.
     *
     * <p>Crash-safe, in this order (each step durable before the next): rename the later segments' files to
     * {@code .deleted}, from the last segment backwards, index before log; fsync the directory; cut the kept
     * segment's index, then its file; reopen it; remove the {@code .deleted} files, which {@link #open} also removes.
     * Whichever step a crash interrupts, the files left named as segments are whole segments of the original log
     * followed by a last one that recovery reads to a batch boundary, so the log reopens to a prefix of the original
     * one: the log before truncation, the truncated log, or an end between them that is the end of a segment.
     *
     * <p>For the broker's thread only, never on the append or read path: it allocates and waits for the disk. If a
     * step fails the log is closed as by {@link #closeUnclean()} and the exception is rethrown; reopening it
     * recovers to a prefix as after a crash.
     *
     * @return the new log end offset
     * @throws IllegalArgumentException if {@code offset} is below the log start offset (Kafka would then empty the
     *                                  log and start it at {@code offset}; ackbench never needs that)
     */
    public long truncateTo(final long offset) {
        checkOpen();
        if (offset < logStartOffset) {
            throw new IllegalArgumentException("Cannot truncate " + dir + " to " + offset
                + ", below its log start offset " + logStartOffset);
        }
        if (offset >= logEndOffset) {
            return logEndOffset;
        }
        try {
            final long newEnd = truncateBelowEnd(offset);
            // After the log: a crash between the two leaves entries past the end, which open() removes.
            leaderEpochs.truncateFromEnd(newEnd);
            return newEnd;
        } catch (final RuntimeException e) {
            closed = true;
            releaseAll();
            throw e;
        }
    }

    private long truncateBelowEnd(final long offset) {
        final int kept = segmentIndexFor(offset);
        final LogSegment cut = segments[kept];
        final long base = cut.baseOffset();
        final int position = cut.positionOf(offset);
        final long newEnd = cut.baseOffsetAt(position);
        final int indexEntries = cut.index().entriesBelow((int) (newEnd - base));
        // Kafka's TimeIndex.truncateTo: every entry at or past the new end goes. The entries' offsets are batches' last
        // offsets, so none lies between the new end and the offset asked for.
        final int timeIndexEntries = timeIndexed ? cut.timeIndex().entriesBelow((int) (newEnd - base)) : 0;

        // 1. Later segments leave the log's names, last first: the names left are always a prefix of the segments.
        final List<Path> renamed = new ArrayList<>();
        for (int i = segmentCount - 1; i > kept; i--) {
            final LogSegment later = segments[i];
            later.release();
            segments[i] = null;
            segmentCount = i;
            // Indexes first: a segment whose .log is still named but whose .index is not is recovered from byte 0, and
            // one whose .timeindex is gone opens with an empty one (see openSealedSegment).
            final Path index = LogFiles.indexFile(dir, later.baseOffset());
            LogDirectory.markDeleted(index);
            renamed.add(LogFiles.deletedFile(index));
            truncationSteps.accept(TruncationStep.LATER_INDEX_RENAMED);
            if (timeIndexed) {
                final Path timeIndex = LogFiles.timeIndexFile(dir, later.baseOffset());
                LogDirectory.markDeleted(timeIndex);
                renamed.add(LogFiles.deletedFile(timeIndex));
                truncationSteps.accept(TruncationStep.LATER_TIME_INDEX_RENAMED);
            }
            LogDirectory.markDeleted(later.logPath());
            renamed.add(LogFiles.deletedFile(later.logPath()));
            truncationSteps.accept(TruncationStep.LATER_LOG_RENAMED);
        }
        if (!renamed.isEmpty()) {
            // Durable before the cut: a cut segment followed by a resurrected later one would leave a gap in offsets.
            LogDirectory.sync(dir);
            truncationSteps.accept(TruncationStep.RENAMES_SYNCED);
        }

        // 2. Cut the kept segment on disk, index then file, and open it again as the active one. Released first:
        // the backends map or preallocate the file, and reopening preallocates it afresh with zeros past the cut.
        // The kept segment's cut is durable at once; until the ledger names it, a power loss keeps all of the segment
        // the ledger names (the kept one, or a later one whose files are renamed away by now).
        ledger.keepAll();
        cut.release();
        OffsetIndex.cut(LogFiles.indexFile(dir, base), indexEntries);
        truncationSteps.accept(TruncationStep.INDEX_CUT);
        if (timeIndexed) {
            TimeIndex.cut(LogFiles.timeIndexFile(dir, base), timeIndexEntries);
            truncationSteps.accept(TruncationStep.TIME_INDEX_CUT);
        }
        SegmentFiles.cut(cut.logPath(), position);
        truncationSteps.accept(TruncationStep.LOG_CUT);
        final LogSegment reopened = openActiveSegment(base, position);
        reopened.findMaxTimestamp();
        segments[kept] = reopened;
        active = reopened;
        logEndOffset = newEnd;
        recoveryPoint = Math.min(recoveryPoint, newEnd);
        firstUnflushedSegment = Math.min(firstUnflushedSegment, kept);
        ledger.activeSegment(base, reopened.durableSize(), reopened.index().durableBytes(),
            reopened.timeIndexDurableBytes());
        truncationSteps.accept(TruncationStep.SEGMENT_REOPENED);

        // 3. Nothing reads .deleted files; removing them needs no fsync, since open() removes any that come back.
        for (final Path file : renamed) {
            try {
                Files.deleteIfExists(file);
            } catch (final IOException e) {
                throw new UncheckedIOException("Cannot remove " + file, e);
            }
        }
        return newEnd;
    }

    /**
     * Where a scan of the log's last {@code maxBytes} bytes starts: the base offset of the first batch that lies
     * wholly within them, the log start offset if the whole log does, the log end offset if not even the last batch
     * does. Cold path (a tail scan on open or after a truncation): walks the batch headers of the segment the bound
     * falls in from its first byte, since the index maps offsets to positions, not positions to offsets.
     */
    public long tailStartOffset(final long maxBytes) {
        checkOpen();
        long remaining = Math.max(0, maxBytes);
        int kept = segmentCount - 1;
        while (kept > 0 && segments[kept].size() <= remaining) {
            remaining -= segments[kept].size();
            kept--;
        }
        final LogSegment segment = segments[kept];
        final int size = segment.size();
        if (size <= remaining) {
            return segment.baseOffset();
        }
        final long from = size - remaining;
        int position = 0;
        while (position < from) {
            position += segment.batchSizeAt(position);
        }
        if (position < size) {
            return segment.baseOffsetAt(position);
        }
        return kept + 1 < segmentCount ? segments[kept + 1].baseOffset() : logEndOffset;
    }

    /** @return the first offset in the log */
    public long logStartOffset() {
        return logStartOffset;
    }

    /**
     * Brings up to {@code maxPages} pages of the active segment ahead of its end into the page cache, at most {@code
     * aheadBytes} ahead (see {@link LogConfig#PRETOUCH_BYTES}): a broker calls it when its duty cycle is idle, so the
     * appends that follow do not take the page faults. Returns the pages touched, 0 once the window ahead is in memory
     * or on a backend with no page faults to move.
     */
    public int pretouch(final int aheadBytes, final int maxPages) {
        checkOpen();
        return active.pretouch(aheadBytes, maxPages);
    }

    /** @return the offset the next appended record gets */
    public long logEndOffset() {
        return logEndOffset;
    }

    /**
     * @return the offset below which every record is known to be forced to disk. It moves only when the log is forced
     *         (the flush policy, {@link #flush}, a roll, the recovery at open) and back when a truncation cuts below
     *         it. A broker checkpoints it and gives it to the next {@link #open(Path, LogConfig, long)}.
     */
    public long recoveryPoint() {
        return recoveryPoint;
    }

    /**
     * For a fault injector: per {@code .log}, {@code .index} and {@code .timeindex} file of the log, the length from
     * its start that a force has made durable, and the recovery point, at this moment. The mmap backends force the
     * mapped range appended since the last force, the channel backend the whole channel; either way the log records the
     * valid size it forced to. Cold path: allocates. The log's thread only, like every method; the result is immutable.
     */
    public DurablePositions durablePositions() {
        checkOpen();
        final Map<Path, Long> lengths = new LinkedHashMap<>();
        for (int i = 0; i < segmentCount; i++) {
            final LogSegment segment = segments[i];
            lengths.put(segment.logPath(), (long) segment.durableSize());
            lengths.put(segment.index().file(), segment.index().durableBytes());
            if (timeIndexed) {
                lengths.put(segment.timeIndex().file(), segment.timeIndex().durableBytes());
            }
        }
        return new DurablePositions(dir, recoveryPoint, lengths);
    }

    /** Forces everything appended so far to disk. */
    public void flush() {
        checkOpen();
        forceAll(clockMs.getAsLong());
    }

    /**
     * The {@code flush.ms} policy, for the broker's duty cycle: forces the log if {@code flush.ms} has passed since
     * the last force and something is not yet on disk.
     */
    public void flushIfDue(final long nowMs) {
        checkOpen();
        if (flushMs != Long.MAX_VALUE && nowMs - lastFlushMs >= flushMs) {
            if (logEndOffset > recoveryPoint) {
                forceAll(nowMs);
            } else {
                lastFlushMs = nowMs;
            }
        }
    }

    private void forceAll(final long nowMs) {
        // Only the active segment can hold unforced bytes: a roll forces the segment it seals.
        ledger.forcing(active.size(), (long) active.index().entries() * OffsetIndex.ENTRY_SIZE, timeIndexBytes(active));
        for (int i = firstUnflushedSegment; i < segmentCount; i++) {
            segments[i].flush();
        }
        firstUnflushedSegment = segmentCount - 1;
        recoveryPoint = logEndOffset;
        lastFlushMs = nowMs;
    }

    /** @return how many segments the log has */
    public int segmentCount() {
        return segmentCount;
    }

    /**
     * @return what open() found: segments scanned and deleted, where the valid data ends, bytes truncated, reason
     *         (NONE and not recovered when clean)
     */
    public RecoveryReport lastRecovery() {
        return lastRecovery;
    }

    /** Clean close: forces every segment, trims the last one (file and index) to its valid size, writes the marker. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Before the ledger is told what the close forces: the entry is part of it.
        active.indexMaxTimestamp();
        ledger.forcing(active.size(), (long) active.index().entries() * OffsetIndex.ENTRY_SIZE, timeIndexBytes(active));
        for (int i = 0; i < segmentCount; i++) {
            segments[i].close();
        }
        ledger.release();
        final Path marker = LogFiles.cleanShutdownMarker(dir);
        try (FileChannel channel = FileChannel.open(marker, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.force(true);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot write clean-shutdown marker " + marker, e);
        }
    }

    /**
     * Releases mappings and files with no flush, trim or marker: what a crash leaves (for tests and fault
     * injection). The next open recovers.
     */
    public void closeUnclean() {
        if (closed) {
            return;
        }
        closed = true;
        releaseAll();
    }

    /** @return the bytes of {@code segment}'s time-index entries, 0 without a time index */
    private static long timeIndexBytes(final LogSegment segment) {
        final TimeIndex timeIndex = segment.timeIndex();
        return timeIndex == null ? 0 : (long) timeIndex.entries() * TimeIndex.ENTRY_SIZE;
    }

    private void releaseAll() {
        for (int i = 0; i < segmentCount; i++) {
            segments[i].release();
        }
        ledger.release();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("Log " + dir + " is closed");
        }
    }

    /**
     * Seals the active segment, forces it, and starts a new one at {@code baseOffset}, the incoming batch's. Every
     * segment but the last is therefore trimmed and on disk (recovery trusts both), and the recovery point moves to
     * {@code baseOffset}.
     *
     * <p>Cost per roll, paid by the append that rolls: one fdatasync of the rolled {@code .log} (it writes back
     * whatever of the segment's up to {@code segment.bytes} the flush policy had not forced yet, and the new file
     * size), one fsync of each trimmed index, {@code .index} and {@code .timeindex} (the trims already did that; the
     * time index first takes its last entry, the segment's largest timestamp, as Kafka's
     * {@code onBecomeInactiveSegment} writes it), and one fsync of the directory for the new segment's files
     * ({@link #createSegment}). Kafka schedules the rolled segment's flush on a background
     * thread and only fsyncs the directory on the rolling thread; ackbench's log has no background thread, so the
     * append that rolls waits for the disk.
     */
    private LogSegment roll(final long baseOffset) {
        // From here to the new segment's entry, a power loss keeps all of the rolled one: it is about to be wholly
        // forced, and this is what makes every sealed segment durable (the ledger never names one again).
        ledger.keepAll();
        // Trimmed before forced: the fdatasync then also makes the trimmed size durable (when the flush policy left
        // bytes to force; if it had forced them all, the trimmed size waits for the next fsync of the file, the bytes
        // themselves are durable either way).
        active.seal();
        active.flush();
        final LogSegment next = createSegment(baseOffset);
        addSegment(next);
        active = next;
        ledger.activeSegment(baseOffset, 0, 0, 0);
        firstUnflushedSegment = segmentCount - 1;
        recoveryPoint = baseOffset;
        return next;
    }

    private void addSegment(final LogSegment segment) {
        if (segmentCount == segments.length) {
            segments = Arrays.copyOf(segments, segmentCount * 2);
        }
        segments[segmentCount++] = segment;
    }

    private LogSegment createSegment(final long baseOffset) {
        final Path logPath = LogFiles.logFile(dir, baseOffset);
        final Path indexPath = LogFiles.indexFile(dir, baseOffset);
        try {
            // Nothing can already hold this base offset; files by that name are left over from a cut tail.
            Files.deleteIfExists(logPath);
            Files.deleteIfExists(indexPath);
            Files.deleteIfExists(LogFiles.timeIndexFile(dir, baseOffset));
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot create log segment " + logPath, e);
        }
        final LogSegment segment = openActiveSegment(baseOffset, 0);
        // The new files' names must survive a power loss too, or a later segment could be appended to while the
        // directory still lacks this one.
        try {
            LogDirectory.sync(dir);
        } catch (final RuntimeException e) {
            segment.release();
            throw e;
        }
        return segment;
    }

    /**
     * Opens a segment to append to. A missing {@code .timeindex} (a log written before ackbench kept one, or with
     * {@link LogConfig#TIME_INDEX} off) is created empty, as Kafka's {@code LogLoader} does when only the time index is
     * missing (its {@code sanityCheck} resizes a newly created one to 0): a segment is rebuilt only when its offset
     * index is gone. Rebuilding would read every batch header of every such segment on open, for an index nothing in
     * ackbench reads; a segment's time index then starts from its next appends, and an unclean open rebuilds it whole.
     */
    private LogSegment openActiveSegment(final long baseOffset, final int validSize) {
        final Path logPath = LogFiles.logFile(dir, baseOffset);
        final OffsetIndex index = OffsetIndex.openActive(LogFiles.indexFile(dir, baseOffset), config.maxIndexEntries());
        TimeIndex timeIndex = null;
        final SegmentFile file;
        try {
            if (timeIndexed) {
                timeIndex = TimeIndex.openActive(LogFiles.timeIndexFile(dir, baseOffset), config.maxTimeIndexEntries());
            }
            file = SegmentFiles.openActive(config.backend(), logPath, Math.max(segmentBytes, validSize));
        } catch (final RuntimeException e) {
            index.release();
            if (timeIndex != null) {
                timeIndex.release();
            }
            throw e;
        }
        return new LogSegment(baseOffset, logPath, file, index, timeIndex, config.indexIntervalBytes(), validSize);
    }

    private LogSegment openSealedSegment(final long baseOffset) {
        final Path logPath = LogFiles.logFile(dir, baseOffset);
        final int size;
        try {
            size = (int) Math.min(Files.size(logPath), Integer.MAX_VALUE);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot open log segment " + logPath, e);
        }
        final OffsetIndex index = OffsetIndex.openSealed(LogFiles.indexFile(dir, baseOffset));
        TimeIndex timeIndex = null;
        final SegmentFile file;
        try {
            if (timeIndexed) {
                // Created empty if missing, as in openActiveSegment.
                timeIndex = TimeIndex.openSealed(LogFiles.timeIndexFile(dir, baseOffset));
            }
            file = SegmentFiles.openSealed(config.backend(), logPath, size);
        } catch (final RuntimeException e) {
            index.release();
            if (timeIndex != null) {
                timeIndex.release();
            }
            throw e;
        }
        return new LogSegment(baseOffset, logPath, file, index, timeIndex, config.indexIntervalBytes(), size);
    }

    // For tests in this package.
    void onTruncationStep(final Consumer<TruncationStep> listener) {
        truncationSteps = listener;
    }

    // For tests in this package.
    LogSegment segment(final int index) {
        return segments[index];
    }
}
