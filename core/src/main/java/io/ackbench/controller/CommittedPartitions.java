package io.ackbench.controller;

import io.ackbench.log.CheckpointFile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Each partition's leader and ISR as the controller last committed them, read from its partition-registrations
 * checkpoint (see {@link ControllerStore}) by anyone outside the controller: another thread, or another process than
 * the controller's. Read only. The controller replaces that file whole (written aside, then renamed over it), so a
 * read sees the registrations before a change or after it, never half of one, however it races the controller.
 * Cold path.
 */
public final class CommittedPartitions {
    /** One partition's committed leader ({@link PartitionRegistration#NO_LEADER} when offline) and ISR. */
    public record Partition(int partition, int leader, int leaderEpoch, int[] isr) {
        public Partition {
            isr = isr.clone();
        }

        public boolean hasLeader() {
            return leader != PartitionRegistration.NO_LEADER;
        }

        /** A copy of the committed ISR. */
        @Override
        public int[] isr() {
            return isr.clone();
        }

        public int isrSize() {
            return isr.length;
        }

        @Override
        public String toString() {
            return "partition " + partition + ": leader " + leader + " in epoch " + leaderEpoch + ", ISR "
                + Arrays.toString(isr);
        }
    }

    private CommittedPartitions() {
    }

    /**
     * @param controllerDir the controller's directory (the one its node was started on)
     * @return every partition's registration in partition order; empty before the controller first wrote them
     * @throws io.ackbench.log.CorruptCheckpointException if the file is not the controller's checkpoint
     * @throws java.io.UncheckedIOException if it cannot be read
     */
    public static List<Partition> read(final Path controllerDir) {
        final List<PartitionRegistration> read = new CheckpointFile<>(
            controllerDir.resolve(ControllerStore.PARTITIONS), ControllerStore.PARTITION_FORMAT).read();
        final List<Partition> partitions = new ArrayList<>(read.size());
        for (final PartitionRegistration registration : read) {
            partitions.add(new Partition(registration.partition(), registration.leader(), registration.leaderEpoch(),
                registration.isr()));
        }
        return partitions;
    }
}
