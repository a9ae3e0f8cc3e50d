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
import java.util.function.ToLongFunction;

/**
 * One broker's two offset checkpoints in its log directory (kafka-semantics.md §6.7): the high watermark of each
 * partition it hosts in {@value OffsetCheckpointFile#HIGH_WATERMARKS} (Kafka's {@code ReplicaManager} writes it every
 * {@code replica.high.watermark.checkpoint.interval.ms}) and each log's recovery point in
 * {@value OffsetCheckpointFile#RECOVERY_POINTS} ({@code LogManager}, every
 * {@code log.flush.offset.checkpoint.interval.ms}). Both are read once at start-up: the recovery point is what the log
 * opens from, the high watermark where the partition's starts (capped at its log end).
 *
 * <p>Owned by the broker's thread (built before it starts). Cold path: each write builds a map and a file.
 */
final class OffsetCheckpoints {
    // Constants, so their lambdas are linked when the broker is built rather than at its thread's first checkpoint.
    private static final ToLongFunction<PartitionReplica> HIGH_WATERMARK = PartitionReplica::highWatermark;
    private static final ToLongFunction<PartitionReplica> RECOVERY_POINT = replica -> replica.log().recoveryPoint();

    private final String topic;
    private final OffsetCheckpointFile highWatermarkFile;
    private final OffsetCheckpointFile recoveryPointFile;
    private final Map<TopicPartition, Long> startHighWatermarks;
    private final Map<TopicPartition, Long> startRecoveryPoints;

    /** Reads both files of {@code logDir} (created if missing); a missing file reads as empty. */
    OffsetCheckpoints(final Path logDir, final String topic) {
        this.topic = topic;
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

    void writeHighWatermarks(final PartitionReplica[] replicas) {
        highWatermarkFile.write(offsetsOf(replicas, HIGH_WATERMARK));
    }

    void writeRecoveryPoints(final PartitionReplica[] replicas) {
        recoveryPointFile.write(offsetsOf(replicas, RECOVERY_POINT));
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
