package io.ackbench.broker;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The leader's view of one partition's replicas (kafka-semantics.md §4.2-4.3, Kafka's {@code Partition}): each
 * replica's log end offset (LEO), which followers are in sync (the ISR), and the high watermark (HW) that acks=all
 * waits for.
 *
 * <p>All replicas start in the ISR with LEO 0, caught up at the creation time. Then:
 * <ul>
 *   <li><b>HW:</b> the minimum of the leader's LEO and every ISR member's LEO; it never moves back, and it does not
 *       move at all while the ISR is smaller than {@code effectiveMinIsr} (KIP-966, Kafka 3.7+).</li>
 *   <li><b>Caught up:</b> a follower whose LEO equals the leader's, or that was caught up within the last
 *       {@code replicaLagTimeMaxMs}. A fetch at or past the leader's LEO makes it caught up now; a fetch at or past
 *       the leader's LEO as of the follower's previous fetch makes it caught up as of that previous fetch.</li>
 *   <li><b>Shrink:</b> {@link #maybeShrinkIsr} proposes the ISR without every follower that is not caught up. The
 *       caller runs it every half of {@code replicaLagTimeMaxMs}, as Kafka does.</li>
 *   <li><b>Expand:</b> a follower outside the ISR is proposed for it on the fetch that brings its LEO to the HW and to
 *       the leader epoch's start offset.</li>
 *   <li><b>Commit:</b> a change is only a proposal until the controller commits it (Kafka's AlterPartition, KIP-497):
 *       one proposal is pending at a time; {@link #applyCommitted} installs the ISR the controller committed (from its
 *       answer, or from a LeaderAndIsr) and {@link #proposalFailed} drops a refused or unanswered one. While an
 *       addition is pending the follower already counts for the HW (Kafka's "maximal ISR"), so a member the
 *       controller adds never lacks a record below the HW; while a removal is pending it still counts, so the HW
 *       waits for the commit. min.insync.replicas counts the committed ISR only.</li>
 * </ul>
 *
 * <p>Kafka also holds the HW for a follower outside the ISR that is caught up by the time rule, whose addition may be
 * in flight; this class does not ({@link #onLeaderAppend} gets no clock). A set is made for each leader epoch
 * ({@link #forLeaderEpoch}), starting from the HW the new leader had and the ISR the controller gave it.
 *
 * <p>Single-threaded: the broker's duty-cycle thread that leads the partition owns it and calls every method but
 * {@link #isrSize()} and {@link #inIsr(int)}, which any thread may call (see the ISR's fields). Everything lives in
 * primitive arrays indexed by replica position; no method allocates, except to build the message of an exception for
 * bad arguments.
 */
public final class ReplicaSet {
    private static final VarHandle IN_ISR = MethodHandles.arrayElementVarHandle(boolean[].class);
    private static final VarHandle ISR_SIZE;

    static {
        try {
            ISR_SIZE = MethodHandles.lookup().findVarHandle(ReplicaSet.class, "isrSize", int.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int[] replicaIds;
    private final int leaderPosition;
    private final int effectiveMinIsr;
    private final long replicaLagTimeMaxMs;

    private final long[] logEndOffsets;
    private final long[] lastCaughtUpTimesMs;
    /** Time of each follower's previous fetch. */
    private final long[] lastFetchTimesMs;
    /** The leader's LEO at each follower's previous fetch (the largest seen, as in Kafka). */
    private final long[] lastFetchLeaderLogEndOffsets;

    // The ISR, which Broker.isrSize and Broker.inIsr report to other threads (tests poll them): changed by the owner
    // thread with release stores (setRelease), membership first and then the size; read plainly on that thread, and
    // with acquire loads (getAcquire) by isrSize() and inIsr(int), so a thread that sees a new size also sees the
    // membership change that made it.
    private final boolean[] inIsr;
    private int isrSize;

    /** Per replica position: proposed for the ISR by a pending addition, and so counted for the HW. Owner thread. */
    private final boolean[] pendingAddition;
    /** The ISR of the pending proposal, by position; meaningful while {@link #proposalPending}. Owner thread. */
    private final boolean[] proposed;
    private boolean proposalPending;
    private boolean proposalUnsent;
    /** The partition epoch of the committed ISR: what a proposal names, so the controller can refuse a stale one. */
    private int partitionEpoch;

    private long highWatermark;
    private long isrChanges;
    /** The leader's LEO when its epoch began: a follower joins the ISR only once it has reached it (Kafka's rule). */
    private long leaderEpochStartOffset;

    /**
     * @param replicaIds          the partition's replica broker ids (the assignment, leader normally first); distinct,
     *                            non-negative
     * @param leaderId            the leader's broker id, one of {@code replicaIds}
     * @param effectiveMinIsr     {@code min(min.insync.replicas, replication factor)}, 1 to {@code replicaIds.length}
     * @param replicaLagTimeMaxMs {@code replica.lag.time.max.ms}, positive
     * @param nowMs               the creation time: every replica counts as caught up at it
     */
    public ReplicaSet(final int[] replicaIds, final int leaderId, final int effectiveMinIsr,
        final long replicaLagTimeMaxMs, final long nowMs) {
        if (replicaIds == null || replicaIds.length == 0) {
            throw new IllegalArgumentException("A partition needs at least one replica, got "
                + Arrays.toString(replicaIds));
        }
        for (int i = 0; i < replicaIds.length; i++) {
            if (replicaIds[i] < 0) {
                throw new IllegalArgumentException("Replica broker ids must be non-negative, got "
                    + Arrays.toString(replicaIds));
            }
            for (int j = 0; j < i; j++) {
                if (replicaIds[j] == replicaIds[i]) {
                    throw new IllegalArgumentException("Replica broker id " + replicaIds[i] + " appears twice in "
                        + Arrays.toString(replicaIds));
                }
            }
        }
        this.replicaIds = replicaIds.clone();
        this.leaderPosition = find(leaderId);
        if (leaderPosition < 0) {
            throw new IllegalArgumentException("Leader " + leaderId + " is not one of the replicas "
                + Arrays.toString(replicaIds));
        }
        if (effectiveMinIsr < 1 || effectiveMinIsr > replicaIds.length) {
            throw new IllegalArgumentException("effectiveMinIsr must be between 1 and the replication factor "
                + replicaIds.length + ", got " + effectiveMinIsr);
        }
        if (replicaLagTimeMaxMs <= 0) {
            throw new IllegalArgumentException("replica.lag.time.max.ms must be positive, got " + replicaLagTimeMaxMs);
        }
        this.effectiveMinIsr = effectiveMinIsr;
        this.replicaLagTimeMaxMs = replicaLagTimeMaxMs;

        final int count = replicaIds.length;
        logEndOffsets = new long[count];
        lastCaughtUpTimesMs = new long[count];
        lastFetchTimesMs = new long[count];
        lastFetchLeaderLogEndOffsets = new long[count];
        inIsr = new boolean[count];
        pendingAddition = new boolean[count];
        proposed = new boolean[count];
        // As if every follower fetched offset 0 at creation, when the leader's LEO was 0 too.
        Arrays.fill(lastCaughtUpTimesMs, nowMs);
        Arrays.fill(lastFetchTimesMs, nowMs);
        Arrays.fill(inIsr, true);
        isrSize = count;
    }

    /**
     * The set of a leader starting a leader epoch (Kafka's {@code Partition.makeLeader}): the followers' LEOs are
     * unknown (0 here, so they hold the HW back until they fetch), the ISR members count as caught up now, and the HW
     * starts at {@code highWatermark} (the one the new leader had as a follower, capped at its LEO) and never goes
     * back below it. A follower outside {@code isr} joins once its LEO reaches both the HW and
     * {@code leaderEpochStartOffset}.
     *
     * @param isr            the committed ISR, the leader among them
     * @param partitionEpoch the partition epoch that ISR was committed in
     */
    public static ReplicaSet forLeaderEpoch(final int[] replicaIds, final int leaderId, final int[] isr,
        final int partitionEpoch, final int effectiveMinIsr, final long replicaLagTimeMaxMs, final long nowMs,
        final long leaderLogEndOffset, final long highWatermark) {
        final ReplicaSet set = new ReplicaSet(replicaIds, leaderId, effectiveMinIsr, replicaLagTimeMaxMs, nowMs);
        set.partitionEpoch = partitionEpoch;
        int size = 0;
        for (int position = 0; position < set.replicaIds.length; position++) {
            boolean member = position == set.leaderPosition;
            for (final int id : isr) {
                member |= id == set.replicaIds[position];
            }
            set.inIsr[position] = member;
            size += member ? 1 : 0;
        }
        for (final int id : isr) {
            set.replicaPosition(id); // every ISR member must be a replica
        }
        set.isrSize = size;
        set.logEndOffsets[set.leaderPosition] = leaderLogEndOffset;
        set.leaderEpochStartOffset = leaderLogEndOffset;
        set.highWatermark = Math.max(0, Math.min(highWatermark, leaderLogEndOffset));
        return set;
    }

    /**
     * The leader appended: its LEO moved.
     *
     * @param leaderLogEndOffset the leader's new LEO, not below the previous one
     * @return true if the HW advanced
     */
    public boolean onLeaderAppend(final long leaderLogEndOffset) {
        updateLeaderLogEndOffset(leaderLogEndOffset);
        return maybeAdvanceHighWatermark();
    }

    /**
     * A follower fetched at {@code fetchOffset}, which is its LEO. Updates its LEO and last caught-up time (§4.3: a
     * fetch at or past the leader's LEO → now; else at or past the leader's LEO at its previous fetch → that fetch's
     * time; else unchanged), remembers this fetch's time and leader LEO for next time, proposes the follower for the
     * ISR if it is outside, no proposal is pending and its LEO reached the HW, and advances the HW.
     *
     * @param followerId         a replica's broker id other than the leader's
     * @param fetchOffset        the fetch offset, 0 to {@code leaderLogEndOffset}
     * @param nowMs              the fetch time
     * @param leaderLogEndOffset the leader's LEO now, not below the last one reported
     * @return true if the HW advanced or an addition was proposed
     */
    public boolean onFollowerFetch(final int followerId, final long fetchOffset, final long nowMs,
        final long leaderLogEndOffset) {
        final int position = followerPosition(followerId);
        updateLeaderLogEndOffset(leaderLogEndOffset);
        if (fetchOffset < 0 || fetchOffset > leaderLogEndOffset) {
            throw new IllegalArgumentException("Follower " + followerId + " fetched at offset " + fetchOffset
                + ", outside the leader's log [0, " + leaderLogEndOffset + "]");
        }
        // max(): a late or repeated fetch never moves the caught-up time back (Kafka does the same).
        if (fetchOffset >= leaderLogEndOffset) {
            lastCaughtUpTimesMs[position] = Math.max(lastCaughtUpTimesMs[position], nowMs);
        } else if (fetchOffset >= lastFetchLeaderLogEndOffsets[position]) {
            lastCaughtUpTimesMs[position] = Math.max(lastCaughtUpTimesMs[position], lastFetchTimesMs[position]);
        }
        logEndOffsets[position] = fetchOffset;
        lastFetchTimesMs[position] = nowMs;
        lastFetchLeaderLogEndOffsets[position] = Math.max(lastFetchLeaderLogEndOffsets[position], leaderLogEndOffset);

        boolean proposedAddition = false;
        if (!inIsr[position] && !proposalPending && fetchOffset >= highWatermark
            && fetchOffset >= leaderEpochStartOffset) {
            System.arraycopy(inIsr, 0, proposed, 0, inIsr.length);
            proposed[position] = true;
            pendingAddition[position] = true;
            propose();
            proposedAddition = true;
        }
        return maybeAdvanceHighWatermark() | proposedAddition;
    }

    /**
     * Proposes the ISR without every ISR follower that is not caught up: its LEO differs from the leader's and more
     * than {@code replicaLagTimeMaxMs} passed since it was last caught up. Nothing is proposed while a proposal is
     * pending. Call it periodically: a follower is proposed for removal at most one period after it stopped being
     * caught up.
     *
     * @param nowMs              the check time
     * @param leaderLogEndOffset the leader's LEO now, not below the last one reported
     * @return true if a removal was proposed
     */
    public boolean maybeShrinkIsr(final long nowMs, final long leaderLogEndOffset) {
        updateLeaderLogEndOffset(leaderLogEndOffset);
        if (proposalPending) {
            return false;
        }
        boolean shrink = false;
        for (int position = 0; position < replicaIds.length; position++) {
            final boolean lagging = position != leaderPosition && inIsr[position] && !isCaughtUp(position, nowMs);
            proposed[position] = inIsr[position] && !lagging;
            shrink |= lagging;
        }
        if (shrink) {
            // One proposal however many followers leave, as Kafka sends one AlterPartition for them.
            propose();
        }
        return shrink;
    }

    private void propose() {
        proposalPending = true;
        proposalUnsent = true;
    }

    /** Whether a proposal waits to be sent to the controller: {@link #takeProposal} sends it. */
    public boolean hasUnsentProposal() {
        return proposalUnsent;
    }

    /** Whether a proposal was made and neither committed nor failed yet. */
    public boolean proposalPending() {
        return proposalPending;
    }

    /** The pending proposal's ISR, broker ids in replica order, marked sent. Cold path: allocates. */
    public int[] takeProposal() {
        if (!proposalPending) {
            throw new IllegalStateException("No ISR proposal is pending");
        }
        proposalUnsent = false;
        return members(proposed);
    }

    /**
     * Installs an ISR the controller committed in {@code committedPartitionEpoch} (its answer to a proposal, or a
     * LeaderAndIsr for this leader epoch), ending any pending proposal, and recomputes the HW. An epoch not above the
     * current one is stale and ignored.
     *
     * @return true if the HW advanced
     * @throws IllegalArgumentException if {@code isr} names a non-replica or leaves out the leader
     */
    public boolean applyCommitted(final int[] isr, final int committedPartitionEpoch) {
        if (committedPartitionEpoch <= partitionEpoch) {
            return false;
        }
        final boolean[] next = new boolean[replicaIds.length];
        for (final int id : isr) {
            next[replicaPosition(id)] = true;
        }
        if (!next[leaderPosition]) {
            throw new IllegalArgumentException("A committed ISR " + Arrays.toString(isr) + " without the leader "
                + replicaIds[leaderPosition]);
        }
        partitionEpoch = committedPartitionEpoch;
        proposalPending = false;
        proposalUnsent = false;
        Arrays.fill(pendingAddition, false);
        if (!Arrays.equals(next, inIsr)) {
            int size = 0;
            for (int position = 0; position < next.length; position++) {
                IN_ISR.setRelease(inIsr, position, next[position]);
                size += next[position] ? 1 : 0;
            }
            ISR_SIZE.setRelease(this, size);
            isrChanges++;
        }
        return maybeAdvanceHighWatermark();
    }

    /** The controller refused the pending proposal, or never answered: drop it; the next check may propose again. */
    public void proposalFailed() {
        proposalPending = false;
        proposalUnsent = false;
        Arrays.fill(pendingAddition, false);
    }

    /** The partition epoch of the committed ISR. */
    public int partitionEpoch() {
        return partitionEpoch;
    }

    private int[] members(final boolean[] membership) {
        int count = 0;
        for (final boolean member : membership) {
            count += member ? 1 : 0;
        }
        final int[] ids = new int[count];
        for (int position = 0, i = 0; position < membership.length; position++) {
            if (membership[position]) {
                ids[i++] = replicaIds[position];
            }
        }
        return ids;
    }

    /** The offset below which every record is on every ISR member: what acks=all waits for, what consumers see. */
    public long highWatermark() {
        return highWatermark;
    }

    /** Any thread may call it: an acquire load. */
    public int isrSize() {
        return (int) ISR_SIZE.getAcquire(this);
    }

    /** Whether {@code replicaId} is one of this partition's followers (a replica other than the leader). */
    public boolean isFollower(final int replicaId) {
        final int position = find(replicaId);
        return position >= 0 && position != leaderPosition;
    }

    /** @return whether {@code replicaId} is in the ISR; false for an id that is not a replica. Any thread. */
    public boolean inIsr(final int replicaId) {
        final int position = find(replicaId);
        return position >= 0 && (boolean) IN_ISR.getAcquire(inIsr, position);
    }

    /** @return the replica's LEO as the leader knows it (a follower's last fetch offset) */
    public long logEndOffset(final int replicaId) {
        return logEndOffsets[replicaPosition(replicaId)];
    }

    /** @return when the replica was last caught up, by §4.3's rule (the leader: the creation time) */
    public long lastCaughtUpTimeMs(final int replicaId) {
        return lastCaughtUpTimesMs[replicaPosition(replicaId)];
    }

    public int effectiveMinIsr() {
        return effectiveMinIsr;
    }

    /** @return whether the ISR is smaller than effectiveMinIsr: acks=all is refused and the HW is frozen */
    public boolean isrBelowMin() {
        return isrSize < effectiveMinIsr;
    }

    public int replicaCount() {
        return replicaIds.length;
    }

    /** @return how many committed ISR changes this leader applied */
    public long isrChanges() {
        return isrChanges;
    }

    private boolean isCaughtUp(final int position, final long nowMs) {
        return logEndOffsets[position] == logEndOffsets[leaderPosition]
            || nowMs - lastCaughtUpTimesMs[position] <= replicaLagTimeMaxMs;
    }

    private boolean maybeAdvanceHighWatermark() {
        if (isrSize < effectiveMinIsr) {
            return false;
        }
        long candidate = logEndOffsets[leaderPosition];
        for (int position = 0; position < replicaIds.length; position++) {
            if (inIsr[position] || pendingAddition[position]) {
                candidate = Math.min(candidate, logEndOffsets[position]);
            }
        }
        if (candidate > highWatermark) {
            highWatermark = candidate;
            return true;
        }
        return false;
    }

    private void updateLeaderLogEndOffset(final long leaderLogEndOffset) {
        if (leaderLogEndOffset < logEndOffsets[leaderPosition]) {
            throw new IllegalArgumentException("The leader's log end offset cannot go back, from "
                + logEndOffsets[leaderPosition] + " to " + leaderLogEndOffset);
        }
        logEndOffsets[leaderPosition] = leaderLogEndOffset;
    }

    private int followerPosition(final int followerId) {
        final int position = replicaPosition(followerId);
        if (position == leaderPosition) {
            throw new IllegalArgumentException("Broker " + followerId + " is this partition's leader, not a follower");
        }
        return position;
    }

    private int replicaPosition(final int replicaId) {
        final int position = find(replicaId);
        if (position < 0) {
            throw new IllegalArgumentException("Broker " + replicaId + " is not a replica of this partition "
                + Arrays.toString(replicaIds));
        }
        return position;
    }

    /** Linear: replication factors are small (3 here), and a scan of a few ints beats any map. */
    private int find(final int replicaId) {
        for (int position = 0; position < replicaIds.length; position++) {
            if (replicaIds[position] == replicaId) {
                return position;
            }
        }
        return -1;
    }
}
