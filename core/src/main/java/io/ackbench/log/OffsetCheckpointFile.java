package io.ackbench.log;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A broker-wide offset checkpoint, Kafka's {@code OffsetCheckpointFile} (kafka-semantics.md §6.7): one offset per
 * partition, each line {@code topic partition offset}, in the log directory. Kafka keeps three:
 * {@value #HIGH_WATERMARKS} (high watermarks), {@value #RECOVERY_POINTS} (offsets below which the log is known to be
 * on disk) and {@value #LOG_START_OFFSETS}.
 *
 * <p>Owned by the broker's duty-cycle thread; see {@link CheckpointFile} for why a file has one writer. Used by
 * {@code io.ackbench.broker.OffsetCheckpoints} for the first two (§8.4).
 */
public final class OffsetCheckpointFile {
    public static final String HIGH_WATERMARKS = "replication-offset-checkpoint";
    public static final String RECOVERY_POINTS = "recovery-point-offset-checkpoint";
    public static final String LOG_START_OFFSETS = "log-start-offset-checkpoint";

    /** A partition of a topic; the topic must hold no whitespace, which Kafka's topic names never do (§7.1). */
    public record TopicPartition(String topic, int partition) {
        private static final Comparator<TopicPartition> ORDER =
            Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

        // equals and hashCode are written out because a record's generated ones are linked through invokedynamic on
        // first use: about 15 ms, paid by the broker's duty-cycle thread at its first high-watermark checkpoint,
        // inside a benchmark's measured iterations.
        @Override
        public boolean equals(final Object other) {
            return other instanceof TopicPartition that && partition == that.partition
                && Objects.equals(topic, that.topic);
        }

        @Override
        public int hashCode() {
            return 31 * Objects.hashCode(topic) + partition;
        }
    }

    private record Offset(TopicPartition partition, long offset) {
    }

    /** Built with this class, when the broker opens its files, not at the first write, which its thread makes. */
    private static final Comparator<Offset> WRITE_ORDER = Comparator.comparing(Offset::partition, TopicPartition.ORDER);

    private static final CheckpointFile.Format<Offset> FORMAT = new CheckpointFile.Format<>() {
        @Override
        public int fieldCount() {
            return 3;
        }

        @Override
        public String[] fields(final Offset entry) {
            return new String[] {entry.partition().topic(), Integer.toString(entry.partition().partition()),
                Long.toString(entry.offset())};
        }

        @Override
        public Offset parse(final CheckpointFile.Line line) {
            return new Offset(new TopicPartition(line.text(0), line.intField(1, "partition")),
                line.longField(2, "offset"));
        }
    };

    private final CheckpointFile<Offset> checkpoint;

    public OffsetCheckpointFile(final Path file) {
        this.checkpoint = new CheckpointFile<>(file, FORMAT);
    }

    /** @return the high-watermark checkpoint of the log directory {@code logDir} */
    public static OffsetCheckpointFile highWatermarks(final Path logDir) {
        return new OffsetCheckpointFile(logDir.resolve(HIGH_WATERMARKS));
    }

    /** @return the recovery-point checkpoint of the log directory {@code logDir} */
    public static OffsetCheckpointFile recoveryPoints(final Path logDir) {
        return new OffsetCheckpointFile(logDir.resolve(RECOVERY_POINTS));
    }

    public Path file() {
        return checkpoint.file();
    }

    /**
     * @return a new, mutable map of the offsets; empty if the file does not exist
     * @throws CorruptCheckpointException if the file is malformed or names a partition twice (Kafka keeps the
     *     last of duplicates; a file this class wrote never has one, so one is a sign of damage)
     */
    public Map<TopicPartition, Long> read() {
        final List<Offset> entries = checkpoint.read();
        final Map<TopicPartition, Long> offsets = new HashMap<>(entries.size() * 2);
        for (int i = 0; i < entries.size(); i++) {
            final Offset entry = entries.get(i);
            if (offsets.put(entry.partition(), entry.offset()) != null) {
                throw new CorruptCheckpointException(checkpoint.file(), CheckpointFile.FIRST_ENTRY_LINE + i,
                    "partition " + entry.partition().topic() + " " + entry.partition().partition() + " appears twice");
            }
        }
        return offsets;
    }

    /**
     * Replaces the file with {@code offsets}, sorted by topic and partition so equal maps give identical files
     * (Kafka writes in hash order).
     */
    public void write(final Map<TopicPartition, Long> offsets) {
        final List<Offset> entries = new ArrayList<>(offsets.size());
        for (final Map.Entry<TopicPartition, Long> offset : offsets.entrySet()) {
            entries.add(new Offset(offset.getKey(), offset.getValue()));
        }
        entries.sort(WRITE_ORDER);
        checkpoint.write(entries);
    }
}
