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
 *   <li><b>Shrink:</b> {@link #maybeShrinkIsr} drops every ISR follower that is not caught up. The caller runs it
 *       periodically: {@link Broker} every half of the smaller of {@code replicaLagTimeMaxMs} and
 *       broker.session.timeout.ms, since the same check fences dead followers (Kafka checks every
 *       {@code replicaLagTimeMaxMs / 2}).</li>
 *   <li><b>Expand:</b> a follower outside the ISR joins on the fetch that brings its LEO to the HW or beyond.</li>
 * </ul>
 *
 * <p>Differences from Kafka, which runs ISR changes through the controller (AlterPartition): here they take effect
 * at once, so Kafka's "maximal ISR" (committed ISR plus pending additions) is simply the ISR. Kafka also holds the HW
 * for a follower outside the ISR that is caught up by the time rule, whose addition may be in flight; this class
 * does not (its ISR has no in-flight additions, and {@link #onLeaderAppend} gets no clock). The expansion condition
 * includes Kafka's "LEO at least the leader epoch's start offset": a set is made for each leader epoch
 * ({@link #forLeaderEpoch}), starting from the HW the new leader had and the ISR it was given.
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
     * @param isr the replicas in sync, the leader among them
     */
    public static ReplicaSet forLeaderEpoch(final int[] replicaIds, final int leaderId, final int[] isr,
        final int effectiveMinIsr, final long replicaLagTimeMaxMs, final long nowMs, final long leaderLogEndOffset,
        final long highWatermark) {
        final ReplicaSet set = new ReplicaSet(replicaIds, leaderId, effectiveMinIsr, replicaLagTimeMaxMs, nowMs);
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
     * time; else unchanged), remembers this fetch's time and leader LEO for next time, adds the follower to the ISR if
     * it is outside and its LEO reached the HW, and advances the HW.
     *
     * @param followerId         a replica's broker id other than the leader's
     * @param fetchOffset        the fetch offset, 0 to {@code leaderLogEndOffset}
     * @param nowMs              the fetch time
     * @param leaderLogEndOffset the leader's LEO now, not below the last one reported
     * @return true if the HW or the ISR changed
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

        boolean isrChanged = false;
        if (!inIsr[position] && fetchOffset >= highWatermark && fetchOffset >= leaderEpochStartOffset) {
            IN_ISR.setRelease(inIsr, position, true);
            ISR_SIZE.setRelease(this, isrSize + 1);
            isrChanges++;
            isrChanged = true;
        }
        return maybeAdvanceHighWatermark() | isrChanged;
    }

    /**
     * Removes every ISR follower that is not caught up: its LEO differs from the leader's and more than
     * {@code replicaLagTimeMaxMs} passed since it was last caught up. Call it periodically: a follower leaves at most
     * one period after it stopped being caught up. The HW is recomputed after a shrink and may advance (it can only
     * change when this returns true).
     *
     * @param nowMs              the check time
     * @param leaderLogEndOffset the leader's LEO now, not below the last one reported
     * @return true if the ISR shrank
     */
    public boolean maybeShrinkIsr(final long nowMs, final long leaderLogEndOffset) {
        updateLeaderLogEndOffset(leaderLogEndOffset);
        boolean shrank = false;
        for (int position = 0; position < replicaIds.length; position++) {
            if (position != leaderPosition && inIsr[position] && !isCaughtUp(position, nowMs)) {
                IN_ISR.setRelease(inIsr, position, false);
                ISR_SIZE.setRelease(this, isrSize - 1);
                shrank = true;
            }
        }
        if (shrank) {
            // One change however many followers left, as Kafka sends one AlterPartition for them.
            isrChanges++;
            maybeAdvanceHighWatermark();
        }
        return shrank;
    }

    /**
     * Removes a fenced follower from the ISR whatever its LEO: Kafka's controller does this when a broker's session
     * expires, which is how a dead follower leaves even while nothing is produced (the lag rule alone keeps a
     * caught-up follower forever). It rejoins by the usual expansion once it fetches again.
     *
     * @return true if the ISR shrank
     */
    public boolean fence(final int followerId) {
        final int position = followerPosition(followerId);
        if (!inIsr[position]) {
            return false;
        }
        IN_ISR.setRelease(inIsr, position, false);
        ISR_SIZE.setRelease(this, isrSize - 1);
        isrChanges++;
        maybeAdvanceHighWatermark();
        return true;
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

    /** @return how many times the ISR changed: each expansion counts one, each shrink one however many it removed */
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
            if (inIsr[position]) {
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
