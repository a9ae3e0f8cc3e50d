package io.ackbench.controller;

import io.ackbench.log.CheckpointFile;
import io.ackbench.transport.TopicLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The controller's durable state, in its own directory: every partition's committed registration
 * ({@value #PARTITIONS}) and the next producer id it may hand out ({@value #PRODUCER_IDS}). Kafka's controller keeps
 * both in its metadata log; ackbench rewrites two small checkpoint files (crash-safe: written aside, forced, renamed,
 * directory forced) before a change is told to anyone, so a cluster restarted on the same data resumes its leader
 * epochs, and a restarted controller never hands out a producer id twice.
 *
 * <p>Owned by the controller's thread. Cold path: written on each committed change and each id block.
 */
final class ControllerStore {
    static final String PARTITIONS = "partition-registrations";
    static final String PRODUCER_IDS = "producer-id-block";
    private static final String ISR_SEPARATOR = ",";

    /** Read by {@link CommittedPartitions} too. */
    static final CheckpointFile.Format<PartitionRegistration> PARTITION_FORMAT = new CheckpointFile.Format<>() {
        @Override
        public int fieldCount() {
            return 5;
        }

        @Override
        public String[] fields(final PartitionRegistration entry) {
            final StringBuilder isr = new StringBuilder();
            for (final int member : entry.isrView()) {
                isr.append(isr.length() == 0 ? "" : ISR_SEPARATOR).append(member);
            }
            // An empty ISR cannot happen (the last member stays when fenced), but a field must not be empty.
            return new String[] {Integer.toString(entry.partition()), Integer.toString(entry.leader()),
                Integer.toString(entry.leaderEpoch()), Integer.toString(entry.partitionEpoch()),
                isr.length() == 0 ? "-" : isr.toString()};
        }

        @Override
        public PartitionRegistration parse(final CheckpointFile.Line line) {
            final String isrText = line.text(4);
            final int[] isr;
            try {
                isr = "-".equals(isrText) ? new int[0]
                    : Arrays.stream(isrText.split(ISR_SEPARATOR)).mapToInt(Integer::parseInt).toArray();
            } catch (final NumberFormatException e) {
                throw line.corrupt("ISR '" + isrText + "' is not a comma-separated list of broker ids");
            }
            // The replicas come from the layout; restore() checks them.
            return new PartitionRegistration(line.intField(0, "partition"), new int[0], isr,
                line.intField(1, "leader"), line.intField(2, "leader epoch"), line.intField(3, "partition epoch"));
        }
    };

    private static final CheckpointFile.Format<Long> ID_FORMAT = new CheckpointFile.Format<>() {
        @Override
        public int fieldCount() {
            return 1;
        }

        @Override
        public String[] fields(final Long entry) {
            return new String[] {Long.toString(entry)};
        }

        @Override
        public Long parse(final CheckpointFile.Line line) {
            return line.longField(0, "next producer id");
        }
    };

    private final CheckpointFile<PartitionRegistration> partitions;
    private final CheckpointFile<Long> producerIds;

    ControllerStore(final Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot create the controller's directory " + dir, e);
        }
        this.partitions = new CheckpointFile<>(dir.resolve(PARTITIONS), PARTITION_FORMAT);
        this.producerIds = new CheckpointFile<>(dir.resolve(PRODUCER_IDS), ID_FORMAT);
    }

    /**
     * The registrations last written, with their replicas from {@code layout}; empty for a new cluster.
     *
     * @throws IllegalStateException if the file describes another topic shape than {@code layout}
     */
    List<PartitionRegistration> readPartitions(final TopicLayout layout) {
        final List<PartitionRegistration> read = partitions.read();
        if (read.isEmpty()) {
            return read;
        }
        if (read.size() != layout.partitionCount()) {
            throw new IllegalStateException(partitions.file() + " holds " + read.size() + " partitions; the topic has "
                + layout.partitionCount() + ". Start the cluster on an empty data directory to change its shape.");
        }
        final List<PartitionRegistration> restored = new ArrayList<>(read.size());
        for (int p = 0; p < read.size(); p++) {
            final PartitionRegistration entry = read.get(p);
            final int[] replicas = layout.replicas(p);
            final boolean membersAreReplicas = Arrays.stream(entry.isrView())
                .allMatch(id -> PartitionRegistration.contains(replicas, id));
            if (entry.partition() != p || !membersAreReplicas
                || entry.hasLeader() && !PartitionRegistration.contains(replicas, entry.leader())) {
                throw new IllegalStateException(partitions.file() + ": " + entry + " does not fit partition " + p
                    + " with replicas " + Arrays.toString(replicas));
            }
            restored.add(new PartitionRegistration(p, replicas, entry.isrView(), entry.leader(), entry.leaderEpoch(),
                entry.partitionEpoch()));
        }
        return restored;
    }

    void writePartitions(final PartitionRegistration[] registrations) {
        partitions.write(Arrays.asList(registrations));
    }

    /** The next producer id not yet handed out: 0 for a new cluster. */
    long readNextProducerId() {
        final List<Long> read = producerIds.read();
        return read.isEmpty() ? 0 : read.get(0);
    }

    void writeNextProducerId(final long next) {
        producerIds.write(List.of(next));
    }
}
