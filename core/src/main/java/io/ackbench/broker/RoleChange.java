package io.ackbench.broker;

import java.util.concurrent.CompletableFuture;

/**
 * One queued change of a partition's role on a broker: become its leader for an epoch with an ISR, or follow a
 * leader in an epoch. Made on a control thread, handed to the broker's thread through a concurrent queue (whose
 * offer and poll order everything the maker wrote before the offer), and completed there. Immutable but for
 * {@link #done}.
 */
final class RoleChange {
    final int partition;
    final boolean lead;
    /** The leader to follow, or {@link #NO_LEADER} while the partition has none; unused when {@link #lead}. */
    final int leaderId;
    final int leaderEpoch;
    /** The committed in-sync replicas when {@link #lead}; empty otherwise. */
    final int[] isr;
    /** The partition epoch {@link #isr} was committed in, when {@link #lead}. */
    final int partitionEpoch;
    /** Completed by the broker's thread once applied, or exceptionally if the change was refused. */
    final CompletableFuture<Void> done = new CompletableFuture<>();

    static final int NO_LEADER = -1;

    private RoleChange(final int partition, final boolean lead, final int leaderId, final int leaderEpoch,
                       final int[] isr, final int partitionEpoch) {
        this.partition = partition;
        this.lead = lead;
        this.leaderId = leaderId;
        this.leaderEpoch = leaderEpoch;
        this.isr = isr;
        this.partitionEpoch = partitionEpoch;
    }

    static RoleChange lead(final int partition, final int leaderEpoch, final int[] isr, final int partitionEpoch) {
        return new RoleChange(partition, true, -1, leaderEpoch, isr.clone(), partitionEpoch);
    }

    /** Follow {@code leaderId}, or, with {@link #NO_LEADER}, lead nothing and fetch from nobody until told. */
    static RoleChange follow(final int partition, final int leaderId, final int leaderEpoch) {
        return new RoleChange(partition, false, leaderId, leaderEpoch, new int[0], 0);
    }
}
