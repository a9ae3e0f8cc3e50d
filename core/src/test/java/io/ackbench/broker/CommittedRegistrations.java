package io.ackbench.broker;

import io.ackbench.log.CheckpointFile;
import io.ackbench.testing.Await;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What the controller of a cluster under {@code dataDir} has committed, read from its partition-registrations
 * checkpoint: for tests of broker processes, which cannot ask the controller's thread. The controller replaces that
 * file whole on each change, so a read never sees half of one.
 */
public final class CommittedRegistrations {
    /** One partition's line: its leader, leader epoch and committed ISR. */
    public record Registration(int leader, int leaderEpoch, int[] isr) {
        private static final CheckpointFile.Format<Registration> FORMAT = new CheckpointFile.Format<>() {
            @Override
            public int fieldCount() {
                return 5;
            }

            @Override
            public String[] fields(final Registration entry) {
                throw new UnsupportedOperationException("read only");
            }

            @Override
            public Registration parse(final CheckpointFile.Line line) {
                final int[] isr = Arrays.stream(line.text(4).split(",")).mapToInt(Integer::parseInt).toArray();
                return new Registration(line.intField(1, "leader"), line.intField(2, "leader epoch"), isr);
            }
        };

        @Override
        public String toString() {
            return "leader " + leader + " in epoch " + leaderEpoch + ", ISR " + Arrays.toString(isr);
        }
    }

    private CommittedRegistrations() {
    }

    /** The partition's committed registration, or null before the controller first wrote its file. */
    public static Registration read(final Path dataDir, final int partition) {
        final List<Registration> registrations = new CheckpointFile<>(
            dataDir.resolve(InProcessCluster.CONTROLLER_DIR).resolve("partition-registrations"), Registration.FORMAT)
            .read();
        return registrations.size() <= partition ? null : registrations.get(partition);
    }

    /** Until the partition's committed ISR holds {@code brokers} members. */
    public static void awaitFullIsr(final Path dataDir, final int partition, final int brokers) {
        Await.until("all " + brokers + " brokers in the committed ISR of partition " + partition, () -> {
            final Registration registration = read(dataDir, partition);
            return registration != null && registration.isr().length == brokers;
        }, () -> String.valueOf(read(dataDir, partition)));
    }
}
