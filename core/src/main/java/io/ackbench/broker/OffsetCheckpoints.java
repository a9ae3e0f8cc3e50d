package io.ackbench.broker;

import io.ackbench.log.OffsetCheckpointFile;
import io.ackbench.log.OffsetCheckpointFile.TopicPartition;
import io.ackbench.log.PartitionLog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToLongFunction;

/**
 * One broker's two offset checkpoints in its log directory (kafka-semantics.md §6.7): the high watermark of each
 * partition it hosts in {@value OffsetCheckpointFile#HIGH_WATERMARKS} (Kafka's {@code ReplicaManager} writes it every
 * {@code replica.high.watermark.checkpoint.interval.ms}) and each log's recovery point in
 * {@value OffsetCheckpointFile#RECOVERY_POINTS} ({@code LogManager}, every
 * {@code log.flush.offset.checkpoint.interval.ms}). Both are read once at start-up: the recovery point is what the log
 * opens from, the high watermark where the partition's starts (capped at its log end).
 *
 * <p>The periodic writes run on a thread of their own, as Kafka's scheduler runs them beside its request handlers: the
 * broker's thread takes the offsets (they are its state) and hands the file write to the checkpoint thread, since an
 * fsync on a journalling file system can wait tens of milliseconds behind the page cache's other dirty data, and the
 * broker's thread answers every request. The writes at shutdown run on the broker's thread, after any in progress.
 *
 * <p>Owned by the broker's thread (built before it starts); the checkpoint thread sees only the maps handed to it.
 * Cold path: each write builds a map and a file.
 */
final class OffsetCheckpoints implements AutoCloseable {
    private static final System.Logger LOGGER = System.getLogger(OffsetCheckpoints.class.getName());
    // Constants, so their lambdas are linked when the broker is built rather than at its thread's first checkpoint.
    private static final ToLongFunction<PartitionReplica> HIGH_WATERMARK = PartitionReplica::highWatermark;
    private static final ToLongFunction<PartitionReplica> RECOVERY_POINT = replica -> replica.log().recoveryPoint();

    private final String topic;
    private final OffsetCheckpointFile highWatermarkFile;
    private final OffsetCheckpointFile recoveryPointFile;
    private final Map<TopicPartition, Long> startHighWatermarks;
    private final Map<TopicPartition, Long> startRecoveryPoints;
    /** Names the checkpoint thread and its warnings. */
    private final String owner;
    /** Started on the first periodic write; the broker's thread only. */
    private ExecutorService writer;
    /** Each file's write in progress on the checkpoint thread, or null; the broker's thread only. */
    private Future<?> highWatermarksWrite;
    private Future<?> recoveryPointsWrite;

    /** Reads both files of {@code logDir} (created if missing); a missing file reads as empty. */
    OffsetCheckpoints(final Path logDir, final String topic, final String owner) {
        this.topic = topic;
        this.owner = owner;
        try {
            Files.createDirectories(logDir); // a broker hosting no partition has no log to create it
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot create log directory " + logDir, e);
        }
        this.highWatermarkFile = OffsetCheckpointFile.highWatermarks(logDir);
        this.recoveryPointFile = OffsetCheckpointFile.recoveryPoints(logDir);
        this.startHighWatermarks = highWatermarkFile.read();
        this.startRecoveryPoints = recoveryPointFile.read();
    }

    /** The checkpointed recovery point of {@code partition}, or {@link PartitionLog#UNKNOWN_RECOVERY_POINT}. */
    long recoveryPoint(final int partition) {
        return Math.max(PartitionLog.UNKNOWN_RECOVERY_POINT,
            startRecoveryPoints.getOrDefault(new TopicPartition(topic, partition), PartitionLog.UNKNOWN_RECOVERY_POINT));
    }

    /** The checkpointed high watermark of {@code partition}, or 0. */
    long highWatermark(final int partition) {
        return startHighWatermarks.getOrDefault(new TopicPartition(topic, partition), 0L);
    }

    /** Writes the high watermarks now, on this thread, after any write of them in progress. */
    void writeHighWatermarks(final PartitionReplica[] replicas) {
        awaitQuietly(highWatermarksWrite);
        highWatermarkFile.write(offsetsOf(replicas, HIGH_WATERMARK));
    }

    /** Writes the recovery points now, on this thread, after any write of them in progress. */
    void writeRecoveryPoints(final PartitionReplica[] replicas) {
        awaitQuietly(recoveryPointsWrite);
        recoveryPointFile.write(offsetsOf(replicas, RECOVERY_POINT));
    }

    /**
     * Takes the high watermarks now and writes them on the checkpoint thread; does nothing while the last such write
     * is still in progress (the next interval writes newer ones). Returns whether a write was handed over.
     */
    boolean writeHighWatermarksInBackground(final PartitionReplica[] replicas) {
        if (inProgress(highWatermarksWrite)) {
            return false;
        }
        final Map<TopicPartition, Long> offsets = offsetsOf(replicas, HIGH_WATERMARK);
        highWatermarksWrite = writer().submit(() -> write(highWatermarkFile, offsets, "high-watermark"));
        return true;
    }

    /** As {@link #writeHighWatermarksInBackground}, for the recovery points. */
    boolean writeRecoveryPointsInBackground(final PartitionReplica[] replicas) {
        if (inProgress(recoveryPointsWrite)) {
            return false;
        }
        final Map<TopicPartition, Long> offsets = offsetsOf(replicas, RECOVERY_POINT);
        recoveryPointsWrite = writer().submit(() -> write(recoveryPointFile, offsets, "recovery-point"));
        return true;
    }

    /** Lets the writes in progress finish, then stops the checkpoint thread. */
    @Override
    public void close() {
        awaitQuietly(highWatermarksWrite);
        awaitQuietly(recoveryPointsWrite);
        if (writer != null) {
            writer.shutdown();
        }
    }

    private void write(final OffsetCheckpointFile file, final Map<TopicPartition, Long> offsets, final String what) {
        try {
            file.write(offsets);
        } catch (final RuntimeException e) {
            // Tried again at the next interval, as a write on the broker's thread was.
            LOGGER.log(System.Logger.Level.WARNING, owner + ": cannot write the " + what + " checkpoint", e);
        }
    }

    private ExecutorService writer() {
        if (writer == null) {
            writer = Executors.newSingleThreadExecutor(runnable -> {
                final Thread thread = new Thread(runnable, owner + "-checkpoints");
                thread.setDaemon(true);
                return thread;
            });
        }
        return writer;
    }

    private static boolean inProgress(final Future<?> write) {
        return write != null && !write.isDone();
    }

    private static void awaitQuietly(final Future<?> write) {
        if (write == null) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                write.get();
                break;
            } catch (final InterruptedException e) {
                interrupted = true; // the file must not be written twice at once: wait, then restore the flag
            } catch (final ExecutionException e) {
                break; // logged by the write itself
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private Map<TopicPartition, Long> offsetsOf(final PartitionReplica[] replicas,
                                                final ToLongFunction<PartitionReplica> offset) {
        final Map<TopicPartition, Long> offsets = new HashMap<>();
        for (final PartitionReplica replica : replicas) {
            if (replica != null) {
                offsets.put(new TopicPartition(topic, replica.partition()), offset.applyAsLong(replica));
            }
        }
        return offsets;
    }
}
