package io.ackbench.controller;

import java.util.function.IntPredicate;

/**
 * One change to a partition's registration: a target ISR, then a leader election, as Kafka's
 * {@code PartitionChangeBuilder} does it without eligible leader replicas.
 * <ul>
 *   <li><b>ISR:</b> the target ISR becomes the ISR, unless it is empty: then the ISR stays as it was, so the last
 *       member of an ISR is never removed (with the partition offline when that member is fenced).</li>
 *   <li><b>Election:</b> the current leader stays if it is in the target ISR and active. Otherwise the new leader is
 *       the first replica, in assignment order, that is in the target ISR and active. If there is none and unclean
 *       election is enabled, it is the first active replica in assignment order, and the ISR becomes that replica
 *       alone; that election is unclean. Otherwise the leader is {@link PartitionRegistration#NO_LEADER}.</li>
 *   <li><b>Epochs:</b> a leader change (to or from NO_LEADER too) adds one to the leader epoch; any change adds one
 *       to the partition epoch. No change, no new registration.</li>
 * </ul>
 * Stateless; any thread.
 */
final class PartitionChange {
    private final PartitionRegistration next;
    private final boolean unclean;

    private PartitionChange(final PartitionRegistration next, final boolean unclean) {
        this.next = next;
        this.unclean = unclean;
    }

    /**
     * @param current   the committed registration
     * @param targetIsr the ISR wanted (members are replicas, no duplicates)
     * @param isActive  which brokers may lead: registered and unfenced
     * @param uncleanElectionEnabled unclean.leader.election.enable
     */
    static PartitionChange build(final PartitionRegistration current, final int[] targetIsr,
                                 final IntPredicate isActive, final boolean uncleanElectionEnabled) {
        int[] isr = targetIsr.length == 0 ? current.isrView() : targetIsr;
        int leader = electClean(current, isr, isActive);
        boolean unclean = false;
        if (leader == PartitionRegistration.NO_LEADER && uncleanElectionEnabled) {
            leader = firstActiveReplica(current, isActive);
            if (leader != PartitionRegistration.NO_LEADER) {
                unclean = true;
                isr = new int[] {leader};
            }
        }
        final boolean leaderChanged = leader != current.leader();
        final boolean isrChanged = !java.util.Arrays.equals(isr, current.isrView());
        if (!leaderChanged && !isrChanged) {
            return new PartitionChange(current, false);
        }
        final PartitionRegistration next = new PartitionRegistration(current.partition(), current.replicas(), isr,
            leader, leaderChanged ? current.leaderEpoch() + 1 : current.leaderEpoch(), current.partitionEpoch() + 1);
        return new PartitionChange(next, unclean);
    }

    private static int electClean(final PartitionRegistration current, final int[] isr, final IntPredicate isActive) {
        if (current.hasLeader() && PartitionRegistration.contains(isr, current.leader())
            && isActive.test(current.leader())) {
            return current.leader();
        }
        for (int r = 0; r < current.replicaCount(); r++) {
            final int replica = current.replicaAt(r);
            if (PartitionRegistration.contains(isr, replica) && isActive.test(replica)) {
                return replica;
            }
        }
        return PartitionRegistration.NO_LEADER;
    }

    private static int firstActiveReplica(final PartitionRegistration current, final IntPredicate isActive) {
        for (int r = 0; r < current.replicaCount(); r++) {
            if (isActive.test(current.replicaAt(r))) {
                return current.replicaAt(r);
            }
        }
        return PartitionRegistration.NO_LEADER;
    }

    /** The registration after the change; the current one itself when nothing changed. */
    PartitionRegistration next() {
        return next;
    }

    boolean changed(final PartitionRegistration current) {
        return next != current;
    }

    /** Whether the new leader came from outside the ISR. */
    boolean unclean() {
        return unclean;
    }
}
