package io.ackbench.controller;

import io.ackbench.transport.ErrorCode;
import io.ackbench.transport.TopicLayout;

import java.util.List;

/**
 * The controller of one topic's partitions (Kafka's {@code ReplicationControlManager} with the fencing of
 * {@code BrokerHeartbeatManager}): it holds each partition's {@link PartitionRegistration} and each broker's
 * registration, and it alone changes them.
 * <ul>
 *   <li>{@link #heartbeat} keeps a broker's session alive, and unfences a fenced broker. An unfenced broker takes back
 *       no ISR place by itself: a leader adds it through {@link #alterPartition}. It may lead at once a partition
 *       that has no leader and whose ISR it is still in (the last member, kept when it was fenced).</li>
 *   <li>{@link #tick} fences every broker whose session expired; {@link #brokerStopped} fences one now (a controlled
 *       shutdown or a death known otherwise). Fencing removes the broker from every ISR it is in, except where it is
 *       the last member, and elects a new leader where it led.</li>
 *   <li>{@link #alterPartition} validates a leader's proposed ISR against the committed epochs and commits it,
 *       bumping the partition epoch.</li>
 * </ul>
 * The election rules are {@link PartitionChange}'s. Every committed change goes to the {@link LeaderAndIsrListener}.
 *
 * <p>Owned by the controller's thread: not thread-safe. Time is whatever the caller passes as {@code nowMs}, so a
 * test drives the clock by hand.
 */
public final class ClusterController {
    private final ControllerConfig config;
    private final BrokerRegistrations brokers;
    private final PartitionRegistration[] partitions;
    private final LeaderAndIsrListener listener;
    private long uncleanElections;

    /**
     * Registers every broker of the layout, unfenced and heartbeating at {@code nowMs}, and every partition with all
     * its replicas in the ISR and its first replica leading, at epochs 0. The listener hears nothing of this state.
     */
    public ClusterController(final TopicLayout layout, final ControllerConfig config, final LeaderAndIsrListener listener,
                             final long nowMs) {
        this(layout, config, listener, nowMs, List.of());
    }

    /**
     * As the other constructor, but with the partitions' registrations as {@code committed} holds them (one per
     * partition, in order: a restarted cluster's) unless it is empty, so leader epochs go on from where they were.
     */
    ClusterController(final TopicLayout layout, final ControllerConfig config, final LeaderAndIsrListener listener,
                      final long nowMs, final List<PartitionRegistration> committed) {
        this.config = config;
        this.listener = listener;
        this.brokers = new BrokerRegistrations(layout.brokerCount(), config.brokerSessionTimeoutMs(), nowMs);
        this.partitions = new PartitionRegistration[layout.partitionCount()];
        for (int p = 0; p < partitions.length; p++) {
            partitions[p] = committed.isEmpty() ? PartitionRegistration.created(p, layout.replicas(p))
                : committed.get(p);
            if (!partitions[p].hasLeader()) {
                // Left offline when the cluster stopped; every broker counts as alive at start, as in a new cluster,
                // so the election a returning broker's heartbeat would have made happens now (told to no listener:
                // the brokers hear every registration in answer to their first heartbeat).
                final PartitionChange change = PartitionChange.build(partitions[p], partitions[p].isrView(),
                    brokers::isActive, config.uncleanLeaderElectionEnable());
                partitions[p] = change.next();
                uncleanElections += change.unclean() ? 1 : 0;
            }
        }
    }

    /**
     * A broker's heartbeat at {@code nowMs}. If the broker was fenced it is unfenced, and elected leader of every
     * partition left without one that it may lead.
     *
     * @return {@link ErrorCode#NONE}, or {@link ControllerErrors#BROKER_ID_NOT_REGISTERED} for an unknown id
     */
    public short heartbeat(final int brokerId, final long nowMs) {
        if (!brokers.isRegistered(brokerId)) {
            return ControllerErrors.BROKER_ID_NOT_REGISTERED;
        }
        if (brokers.heartbeat(brokerId, nowMs)) {
            for (int p = 0; p < partitions.length; p++) {
                if (!partitions[p].hasLeader()) {
                    apply(p, partitions[p].isrView());
                }
            }
        }
        return ErrorCode.NONE;
    }

    /** Fences, in broker id order, every broker whose last heartbeat is more than broker.session.timeout.ms old. */
    public void tick(final long nowMs) {
        for (int b = 0; b < brokers.count(); b++) {
            if (brokers.sessionExpired(b, nowMs)) {
                fence(b);
            }
        }
    }

    /** The broker stopped (a controlled shutdown, or a death known without waiting for its session): fence it now. */
    public void brokerStopped(final int brokerId) {
        if (!brokers.isRegistered(brokerId)) {
            throw new IllegalArgumentException("Broker " + brokerId + " is not registered; brokers are 0 to "
                + (brokers.count() - 1));
        }
        if (!brokers.isFenced(brokerId)) {
            fence(brokerId);
        }
    }

    private void fence(final int brokerId) {
        brokers.fence(brokerId);
        for (int p = 0; p < partitions.length; p++) {
            final PartitionRegistration current = partitions[p];
            if (current.inIsr(brokerId) || current.leader() == brokerId) {
                apply(p, without(current.isrView(), brokerId));
            }
        }
    }

    /**
     * A leader's AlterPartition, validated in Kafka's order: unknown partition (UNKNOWN_TOPIC_OR_PARTITION); leader
     * or partition epoch newer than the committed one (NOT_CONTROLLER); older leader epoch (FENCED_LEADER_EPOCH); a
     * sender that is not the leader (INVALID_REQUEST); older partition epoch (INVALID_UPDATE_VERSION); an ISR with a
     * non-replica or a duplicate, or without the leader (INVALID_REQUEST); an ISR with a fenced broker
     * (INELIGIBLE_REPLICA). An accepted ISR equal to the committed one changes nothing and is answered with the
     * committed registration; any other is committed with the partition epoch plus one.
     *
     * @param proposedIsr the ISR the leader wants, kept in the order given
     */
    public AlterPartitionResult alterPartition(final int brokerId, final int partition, final int leaderEpoch,
                                               final int partitionEpoch, final int[] proposedIsr) {
        if (partition < 0 || partition >= partitions.length) {
            return AlterPartitionResult.refused(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
        }
        final PartitionRegistration current = partitions[partition];
        if (leaderEpoch > current.leaderEpoch() || partitionEpoch > current.partitionEpoch()) {
            return AlterPartitionResult.refused(ControllerErrors.NOT_CONTROLLER);
        }
        if (leaderEpoch < current.leaderEpoch()) {
            return AlterPartitionResult.refused(ControllerErrors.FENCED_LEADER_EPOCH);
        }
        if (brokerId != current.leader()) {
            return AlterPartitionResult.refused(ErrorCode.INVALID_REQUEST);
        }
        if (partitionEpoch < current.partitionEpoch()) {
            return AlterPartitionResult.refused(ControllerErrors.INVALID_UPDATE_VERSION);
        }
        if (!isValidIsr(current, proposedIsr) || !PartitionRegistration.contains(proposedIsr, current.leader())) {
            return AlterPartitionResult.refused(ErrorCode.INVALID_REQUEST);
        }
        for (final int member : proposedIsr) {
            if (!brokers.isActive(member)) {
                return AlterPartitionResult.refused(ControllerErrors.INELIGIBLE_REPLICA);
            }
        }
        final PartitionRegistration next = apply(partition, proposedIsr);
        if (next.leader() != brokerId) {
            return AlterPartitionResult.refused(ControllerErrors.NEW_LEADER_ELECTED);
        }
        return AlterPartitionResult.committed(next);
    }

    private static boolean isValidIsr(final PartitionRegistration current, final int[] isr) {
        for (int i = 0; i < isr.length; i++) {
            if (!current.isReplica(isr[i])) {
                return false;
            }
            for (int j = 0; j < i; j++) {
                if (isr[j] == isr[i]) {
                    return false;
                }
            }
        }
        return true;
    }

    private PartitionRegistration apply(final int partition, final int[] targetIsr) {
        final PartitionRegistration current = partitions[partition];
        final PartitionChange change = PartitionChange.build(current, targetIsr, brokers::isActive,
            config.uncleanLeaderElectionEnable());
        if (change.changed(current)) {
            partitions[partition] = change.next();
            if (change.unclean()) {
                uncleanElections++;
            }
            listener.onLeaderAndIsr(change.next(), change.unclean());
        }
        return partitions[partition];
    }

    private static int[] without(final int[] ids, final int id) {
        int count = 0;
        for (final int each : ids) {
            if (each != id) {
                count++;
            }
        }
        final int[] rest = new int[count];
        int i = 0;
        for (final int each : ids) {
            if (each != id) {
                rest[i++] = each;
            }
        }
        return rest;
    }

    /** The committed registration of a partition. */
    public PartitionRegistration partition(final int partition) {
        return partitions[partition];
    }

    public int partitionCount() {
        return partitions.length;
    }

    /** The brokers' registrations, to read (fenced or not, last heartbeat). */
    public BrokerRegistrations brokers() {
        return brokers;
    }

    /** How many leaders were elected from outside their ISR since the controller started. */
    public long uncleanElections() {
        return uncleanElections;
    }

    public ControllerConfig config() {
        return config;
    }
}
