package io.ackbench.log;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One partition's leader-epoch history, Kafka's {@code LeaderEpochFileCache} (kafka-semantics.md §6.7): the start
 * offset of every leader epoch that wrote to the log, ascending in both epoch and start offset, kept in the
 * partition directory as {@value #FILE_NAME} through {@link CheckpointFile}. Every change is written to the file
 * before the method returns; Kafka writes truncations asynchronously, which this cold path has no need for.
 *
 * <p>Owned by the broker's duty-cycle thread, like the {@link PartitionLog} whose directory it lives in: opened on
 * the thread that starts the broker and used afterwards only by the duty-cycle thread, reached through
 * {@code Thread.start}. Kafka guards the cache with a read-write lock because fetcher and request threads share it;
 * here nothing is shared, so there is no lock and no field needs a memory ordering.
 *
 * <p>Owned by its {@link PartitionLog}, which opens it with the log, assigns epochs as batches are appended and
 * truncates it with the log.
 */
public final class LeaderEpochCache {
    public static final String FILE_NAME = "leader-epoch-checkpoint";
    /** Kafka's {@code UNDEFINED_EPOCH}: no epoch known. */
    public static final int UNDEFINED_EPOCH = -1;
    /** Kafka's {@code UNDEFINED_EPOCH_OFFSET}: no end offset known. */
    public static final long UNDEFINED_EPOCH_OFFSET = -1L;

    /** One line of the file: {@code epoch startOffset}. */
    public record Entry(int epoch, long startOffset) {
    }

    /** An OffsetsForLeaderEpoch answer: the epoch found and the offset at which it ended. */
    public record EpochEndOffset(int epoch, long endOffset) {
        public static final EpochEndOffset UNDEFINED = new EpochEndOffset(UNDEFINED_EPOCH, UNDEFINED_EPOCH_OFFSET);
    }

    private static final CheckpointFile.Format<Entry> FORMAT = new CheckpointFile.Format<>() {
        @Override
        public int fieldCount() {
            return 2;
        }

        @Override
        public String[] fields(final Entry entry) {
            return new String[] {Integer.toString(entry.epoch()), Long.toString(entry.startOffset())};
        }

        @Override
        public Entry parse(final CheckpointFile.Line line) {
            final int epoch = line.intField(0, "leader epoch");
            final long startOffset = line.longField(1, "start offset");
            if (epoch < 0 || startOffset < 0) {
                // Kafka's assign throws IllegalArgumentException for these while loading; naming the line is clearer.
                throw line.corrupt("negative leader epoch or start offset: " + epoch + " " + startOffset);
            }
            return new Entry(epoch, startOffset);
        }
    };

    private final CheckpointFile<Entry> checkpoint;
    /** Ascending in epoch and, strictly, in start offset; the last entry is the latest epoch. */
    private final List<Entry> entries = new ArrayList<>();

    private LeaderEpochCache(final CheckpointFile<Entry> checkpoint) {
        this.checkpoint = checkpoint;
    }

    /**
     * Reads {@value #FILE_NAME} in {@code partitionDir}, or starts empty if there is none. Entries are replayed
     * through {@link #assign}'s rules, as Kafka's constructor does, so a file whose entries do not ascend loads as
     * the history those assignments leave (and is rewritten so).
     *
     * @throws CorruptCheckpointException if the file is malformed
     */
    public static LeaderEpochCache open(final Path partitionDir) {
        final LeaderEpochCache cache = new LeaderEpochCache(
            new CheckpointFile<>(partitionDir.resolve(FILE_NAME), FORMAT));
        final List<Entry> stored = cache.checkpoint.read();
        for (final Entry entry : stored) {
            cache.apply(entry.epoch(), entry.startOffset());
        }
        if (!cache.entries.equals(stored)) {
            cache.flush();
        }
        return cache;
    }

    /**
     * Records that {@code epoch} started at {@code startOffset}, by Kafka's rule: nothing changes when
     * {@code epoch} is already the latest and {@code startOffset} is not below its start (a leader appending more
     * in its own epoch). Otherwise, entries are removed from the end while their epoch is {@code >= epoch} or their
     * start offset {@code >= startOffset}, and the new entry is appended. So a lower start for the latest epoch
     * replaces it, a new epoch starting at or below older entries removes them, and, as in Kafka, an epoch below
     * the latest removes every entry from its own epoch upward rather than being ignored.
     *
     * @return whether the history changed (and was written)
     * @throws IllegalArgumentException if either argument is negative
     */
    public boolean assign(final int epoch, final long startOffset) {
        if (epoch < 0 || startOffset < 0) {
            throw new IllegalArgumentException("Invalid leader epoch entry " + epoch + " " + startOffset);
        }
        if (!apply(epoch, startOffset)) {
            return false;
        }
        flush();
        return true;
    }

    private boolean apply(final int epoch, final long startOffset) {
        final Entry latest = latestEntry();
        if (latest != null && latest.epoch() == epoch && startOffset >= latest.startOffset()) {
            return false;
        }
        for (int i = entries.size() - 1; i >= 0; i--) {
            final Entry entry = entries.get(i);
            if (entry.epoch() < epoch && entry.startOffset() < startOffset) {
                break;
            }
            entries.remove(i);
        }
        entries.add(new Entry(epoch, startOffset));
        return true;
    }

    /** @return the latest epoch, or {@link #UNDEFINED_EPOCH} if none was assigned */
    public int latestEpoch() {
        final Entry latest = latestEntry();
        return latest == null ? UNDEFINED_EPOCH : latest.epoch();
    }

    /** @return the epoch of the last entry starting at or before {@code offset}, or {@link #UNDEFINED_EPOCH} */
    public int epochForOffset(final long offset) {
        int epoch = UNDEFINED_EPOCH;
        for (final Entry entry : entries) {
            if (entry.startOffset() > offset) {
                break;
            }
            epoch = entry.epoch();
        }
        return epoch;
    }

    /**
     * Kafka's OffsetsForLeaderEpoch answer for {@code requestedEpoch}: the largest known epoch {@code <=} it, ending
     * where the next higher epoch starts, or at {@code logEndOffset} if the requested epoch is the latest. When the
     * requested epoch is below every entry, Kafka answers the requested epoch itself with the first entry's start
     * offset (the history below it was removed from the log). {@link EpochEndOffset#UNDEFINED} when the cache is
     * empty, the requested epoch is {@link #UNDEFINED_EPOCH}, or it is above the latest epoch.
     */
    public EpochEndOffset endOffsetFor(final int requestedEpoch, final long logEndOffset) {
        if (requestedEpoch == UNDEFINED_EPOCH) {
            return EpochEndOffset.UNDEFINED;
        }
        final Entry latest = latestEntry();
        if (latest != null && latest.epoch() == requestedEpoch) {
            return new EpochEndOffset(requestedEpoch, logEndOffset);
        }
        Entry floor = null;
        for (final Entry entry : entries) {
            if (entry.epoch() > requestedEpoch) {
                return floor == null
                    ? new EpochEndOffset(requestedEpoch, entry.startOffset())
                    : new EpochEndOffset(floor.epoch(), entry.startOffset());
            }
            floor = entry;
        }
        return EpochEndOffset.UNDEFINED;
    }

    /**
     * After the log was truncated to {@code endOffset}: removes the entries starting at or after it. A negative
     * {@code endOffset} (Kafka passes {@link #UNDEFINED_EPOCH_OFFSET}) changes nothing.
     */
    public void truncateFromEnd(final long endOffset) {
        if (endOffset < 0) {
            return;
        }
        boolean removed = false;
        while (!entries.isEmpty() && latestEntry().startOffset() >= endOffset) {
            entries.remove(entries.size() - 1);
            removed = true;
        }
        if (removed) {
            flush();
        }
    }

    /**
     * After the log start offset moved up to {@code startOffset}: the epoch covering it now starts there, and the
     * entries before it are removed. An entry starting exactly there is kept as it is.
     */
    public void truncateFromStart(final long startOffset) {
        int covering = -1;
        while (covering + 1 < entries.size() && entries.get(covering + 1).startOffset() <= startOffset) {
            covering++;
        }
        if (covering < 0) {
            return; // every entry starts after startOffset
        }
        if (covering == 0 && entries.get(0).startOffset() == startOffset) {
            return; // the first entry already starts there
        }
        final int epoch = entries.get(covering).epoch();
        entries.subList(0, covering + 1).clear();
        entries.add(0, new Entry(epoch, startOffset));
        flush();
    }

    /** @return a copy of the history, oldest epoch first */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    public Path file() {
        return checkpoint.file();
    }

    private Entry latestEntry() {
        return entries.isEmpty() ? null : entries.get(entries.size() - 1);
    }

    private void flush() {
        checkpoint.write(entries);
    }
}
