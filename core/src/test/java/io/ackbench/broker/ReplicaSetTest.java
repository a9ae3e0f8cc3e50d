package io.ackbench.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ackbench.testing.AllocationMeter;
import org.junit.jupiter.api.Test;

class ReplicaSetTest {
    private static final int LEADER = 1;
    private static final int F2 = 2;
    private static final int F3 = 3;
    private static final long LAG = 30_000;
    private static final long T0 = 1_000_000;

    private static ReplicaSet threeReplicas(final int effectiveMinIsr) {
        return new ReplicaSet(new int[] {LEADER, F2, F3}, LEADER, effectiveMinIsr, LAG, T0);
    }

    @Test
    void startsWithEveryReplicaInTheIsrAtOffsetZero() {
        final ReplicaSet replicas = threeReplicas(2);
        assertThat(replicas.replicaCount()).isEqualTo(3);
        assertThat(replicas.isrSize()).isEqualTo(3);
        assertThat(replicas.inIsr(LEADER)).isTrue();
        assertThat(replicas.inIsr(F2)).isTrue();
        assertThat(replicas.inIsr(F3)).isTrue();
        assertThat(replicas.inIsr(9)).isFalse();
        assertThat(replicas.logEndOffset(F3)).isEqualTo(0);
        assertThat(replicas.lastCaughtUpTimeMs(F3)).isEqualTo(T0);
        assertThat(replicas.highWatermark()).isEqualTo(0);
        assertThat(replicas.effectiveMinIsr()).isEqualTo(2);
        assertThat(replicas.isrBelowMin()).isFalse();
        assertThat(replicas.isrChanges()).isEqualTo(0);
    }

    @Test
    void aShrinkIsOnlyAProposalUntilCommittedAndTheHighWatermarkWaitsForIt() {
        final ReplicaSet replicas = threeReplicas(2);
        replicas.onLeaderAppend(10);
        replicas.onFollowerFetch(F2, 10, T0 + 200, 10);

        assertThat(replicas.maybeShrinkIsr(T0 + LAG + 1, 10)).isTrue();
        assertThat(replicas.hasUnsentProposal()).isTrue();
        assertThat(replicas.takeProposal()).containsExactly(LEADER, F2);
        assertThat(replicas.hasUnsentProposal()).isFalse();
        // Pending: F3 still counts, so the HW stays, and no second proposal is made.
        assertThat(replicas.inIsr(F3)).isTrue();
        assertThat(replicas.highWatermark()).isEqualTo(0);
        assertThat(replicas.maybeShrinkIsr(T0 + LAG + 2, 10)).isFalse();

        assertThat(replicas.applyCommitted(new int[] {LEADER, F2}, 1)).isTrue();
        assertThat(replicas.inIsr(F3)).isFalse();
        assertThat(replicas.isrSize()).isEqualTo(2);
        assertThat(replicas.partitionEpoch()).isEqualTo(1);
        assertThat(replicas.highWatermark()).isEqualTo(10);
        assertThat(replicas.proposalPending()).isFalse();
    }

    @Test
    void aPendingAdditionCountsForTheHighWatermarkButNotForMinInsync() {
        final ReplicaSet replicas = ReplicaSet.forLeaderEpoch(new int[] {LEADER, F2, F3}, LEADER,
            new int[] {LEADER, F2}, 4, 3, LAG, T0, 0, 0);
        assertThat(replicas.isrBelowMin()).isTrue();
        replicas.onLeaderAppend(10);
        replicas.onFollowerFetch(F2, 10, T0 + 1, 10);
        assertThat(replicas.onFollowerFetch(F3, 0, T0 + 1, 10)).isTrue(); // at the HW 0: proposed
        assertThat(replicas.takeProposal()).containsExactly(LEADER, F2, F3);
        assertThat(replicas.isrBelowMin()).isTrue();
        assertThat(replicas.inIsr(F3)).isFalse();

        assertThat(replicas.applyCommitted(new int[] {LEADER, F2, F3}, 5)).isFalse(); // F3 still at 0
        assertThat(replicas.isrBelowMin()).isFalse();
        replicas.onFollowerFetch(F3, 10, T0 + 2, 10);
        assertThat(replicas.highWatermark()).isEqualTo(10);
    }

    @Test
    void aStaleCommitIsIgnoredAndAFailedProposalCanBeMadeAgain() {
        final ReplicaSet replicas = threeReplicas(1);
        replicas.onLeaderAppend(10);
        assertThat(replicas.maybeShrinkIsr(T0 + LAG + 1, 10)).isTrue();
        replicas.takeProposal();
        assertThat(replicas.applyCommitted(new int[] {LEADER}, 0)).isFalse();
        assertThat(replicas.proposalPending()).isTrue();
        assertThat(replicas.isrSize()).isEqualTo(3);

        replicas.proposalFailed();
        assertThat(replicas.maybeShrinkIsr(T0 + LAG + 2, 10)).isTrue();
        assertThat(replicas.takeProposal()).containsExactly(LEADER);
        assertThatThrownBy(() -> replicas.applyCommitted(new int[] {F2}, 1))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without the leader");
    }

    @Test
    void highWatermarkIsTheMinimumLogEndOffsetOverTheIsr() {
        final ReplicaSet replicas = threeReplicas(2);
        assertThat(replicas.onLeaderAppend(100)).isFalse();
        assertThat(replicas.highWatermark()).isEqualTo(0);

        assertThat(fetchAndCommit(replicas, F2, 100, T0 + 10, 100)).isFalse();
        assertThat(replicas.highWatermark()).isEqualTo(0);
        assertThat(fetchAndCommit(replicas, F3, 60, T0 + 20, 100)).isTrue();
        assertThat(replicas.highWatermark()).isEqualTo(60);
        assertThat(fetchAndCommit(replicas, F3, 100, T0 + 30, 100)).isTrue();
        assertThat(replicas.highWatermark()).isEqualTo(100);

        assertThat(replicas.onLeaderAppend(150)).isFalse();
        assertThat(fetchAndCommit(replicas, F2, 150, T0 + 40, 150)).isFalse();
        assertThat(replicas.highWatermark()).isEqualTo(100);
        assertThat(fetchAndCommit(replicas, F3, 130, T0 + 50, 150)).isTrue();
        assertThat(replicas.highWatermark()).isEqualTo(130);
        assertThat(replicas.logEndOffset(LEADER)).isEqualTo(150);
        assertThat(replicas.logEndOffset(F2)).isEqualTo(150);
        assertThat(replicas.logEndOffset(F3)).isEqualTo(130);
    }

    @Test
    void followerThatStopsFetchingLeavesAfterReplicaLagTimeMaxNotOneMillisecondBefore() {
        final ReplicaSet replicas = threeReplicas(2);
        replicas.onLeaderAppend(10);
        fetchAndCommit(replicas, F2, 10, T0 + 200, 10);
        assertThat(replicas.highWatermark()).isEqualTo(0);

        assertThat(shrinkAndCommit(replicas, T0 + LAG, 10)).isFalse();
        assertThat(replicas.inIsr(F3)).isTrue();
        assertThat(replicas.highWatermark()).isEqualTo(0);

        assertThat(shrinkAndCommit(replicas, T0 + LAG + 1, 10)).isTrue();
        assertThat(replicas.inIsr(F3)).isFalse();
        assertThat(replicas.inIsr(F2)).isTrue();
        assertThat(replicas.isrSize()).isEqualTo(2);
        assertThat(replicas.isrChanges()).isEqualTo(1);
        assertThat(replicas.highWatermark()).isEqualTo(10);
        assertThat(replicas.isrBelowMin()).isFalse();
    }

    @Test
    void stoppedFollowerStaysWhileTheLeaderHasNotAdvanced() {
        final ReplicaSet replicas = threeReplicas(2);
        assertThat(shrinkAndCommit(replicas, T0 + 10 * LAG, 0)).isFalse();
        assertThat(replicas.isrSize()).isEqualTo(3);
    }

    @Test
    void followerThatAlwaysFetchesBelowTheLeaderEndAtItsPreviousFetchLeaves() {
        final ReplicaSet replicas = threeReplicas(2);
        for (int k = 1; k <= 30; k++) {
            stepFallingBehind(replicas, k);
            assertThat(shrinkAndCommit(replicas, T0 + 1_000L * k, 1_000L * k)).as("second %d", k).isFalse();
        }
        assertThat(replicas.lastCaughtUpTimeMs(F2)).isEqualTo(T0);
        assertThat(replicas.highWatermark()).isEqualTo(28_999);

        stepFallingBehind(replicas, 31);
        assertThat(replicas.highWatermark()).isEqualTo(29_999);
        assertThat(shrinkAndCommit(replicas, T0 + 31_000, 31_000)).isTrue();
        assertThat(replicas.inIsr(F2)).isFalse();
        assertThat(replicas.inIsr(F3)).isTrue();
        assertThat(replicas.highWatermark()).isEqualTo(31_000);
    }

    /** Second k: the leader is at 1000 k; F3 fetches all of it; F2 fetches one below the leader end at its last fetch. */
    private static void stepFallingBehind(final ReplicaSet replicas, final int k) {
        final long now = T0 + 1_000L * k;
        final long leaderEnd = 1_000L * k;
        replicas.onLeaderAppend(leaderEnd);
        fetchAndCommit(replicas, F3, leaderEnd, now, leaderEnd);
        fetchAndCommit(replicas, F2, k == 1 ? 0 : 1_000L * (k - 1) - 1, now, leaderEnd);
    }

    @Test
    void followerThatKeepsPaceOneFetchBehindStays() {
        final ReplicaSet replicas = threeReplicas(2);
        for (int k = 1; k <= 100; k++) {
            final long now = T0 + 1_000L * k;
            final long leaderEnd = 1_000L * k;
            replicas.onLeaderAppend(leaderEnd);
            fetchAndCommit(replicas, F3, leaderEnd, now, leaderEnd);
            // Exactly the leader's end at its previous fetch: caught up as of that fetch.
            fetchAndCommit(replicas, F2, 1_000L * (k - 1), now, leaderEnd);
            assertThat(shrinkAndCommit(replicas, now, leaderEnd)).as("second %d", k).isFalse();
        }
        assertThat(replicas.lastCaughtUpTimeMs(F2)).isEqualTo(T0 + 99_000);
        assertThat(replicas.lastCaughtUpTimeMs(F3)).isEqualTo(T0 + 100_000);
        assertThat(replicas.highWatermark()).isEqualTo(99_000);
        assertThat(replicas.isrSize()).isEqualTo(3);
    }

    @Test
    void caughtUpFollowerNeverLeavesEvenIfIdle() {
        final ReplicaSet replicas = threeReplicas(2);
        replicas.onLeaderAppend(10);
        fetchAndCommit(replicas, F2, 10, T0 + 5, 10);
        fetchAndCommit(replicas, F3, 10, T0 + 5, 10);
        assertThat(replicas.highWatermark()).isEqualTo(10);
        assertThat(shrinkAndCommit(replicas, T0 + 100 * LAG, 10)).isFalse();
        assertThat(replicas.isrSize()).isEqualTo(3);
        assertThat(replicas.isrChanges()).isEqualTo(0);
    }

    @Test
    void rejoiningFollowerIsAddedWhenItsLogEndOffsetReachesTheHighWatermark() {
        final ReplicaSet replicas = threeReplicas(2);
        replicas.onLeaderAppend(10);
        fetchAndCommit(replicas, F2, 10, T0 + 200, 10);
        shrinkAndCommit(replicas, T0 + LAG + 1, 10);
        assertThat(replicas.inIsr(F3)).isFalse();

        replicas.onLeaderAppend(40);
        fetchAndCommit(replicas, F2, 40, T0 + LAG + 100, 40);
        replicas.onLeaderAppend(50);
        assertThat(replicas.highWatermark()).isEqualTo(40);

        assertThat(fetchAndCommit(replicas, F3, 5, T0 + LAG + 200, 50)).isFalse();
        assertThat(fetchAndCommit(replicas, F3, 39, T0 + LAG + 300, 50)).isFalse();
        assertThat(replicas.inIsr(F3)).isFalse();
        assertThat(replicas.logEndOffset(F3)).isEqualTo(39);

        assertThat(fetchAndCommit(replicas, F3, 40, T0 + LAG + 400, 50)).isTrue();
        assertThat(replicas.inIsr(F3)).isTrue();
        assertThat(replicas.isrSize()).isEqualTo(3);
        assertThat(replicas.isrChanges()).isEqualTo(2);
        assertThat(replicas.highWatermark()).isEqualTo(40);

        assertThat(fetchAndCommit(replicas, F2, 50, T0 + LAG + 500, 50)).isFalse();
        assertThat(replicas.highWatermark()).isEqualTo(40);
        assertThat(fetchAndCommit(replicas, F3, 50, T0 + LAG + 600, 50)).isTrue();
        assertThat(replicas.highWatermark()).isEqualTo(50);
    }

    @Test
    void highWatermarkStaysWhileIsrIsBelowMinAndMovesOnceItIsBack() {
        final ReplicaSet replicas = threeReplicas(2);
        replicas.onLeaderAppend(10);
        fetchAndCommit(replicas, F2, 10, T0 + 2, 10);
        fetchAndCommit(replicas, F3, 10, T0 + 2, 10);
        assertThat(replicas.highWatermark()).isEqualTo(10);
        replicas.onLeaderAppend(20);

        assertThat(shrinkAndCommit(replicas, T0 + 2 + LAG + 1, 20)).isTrue();
        assertThat(replicas.isrSize()).isEqualTo(1);
        assertThat(replicas.isrBelowMin()).isTrue();
        assertThat(replicas.isrChanges()).isEqualTo(1);
        assertThat(replicas.highWatermark()).isEqualTo(10);
        assertThat(replicas.onLeaderAppend(30)).isFalse();
        assertThat(replicas.highWatermark()).isEqualTo(10);

        assertThat(fetchAndCommit(replicas, F2, 10, T0 + LAG + 10, 30)).isTrue();
        assertThat(replicas.isrBelowMin()).isFalse();
        assertThat(replicas.highWatermark()).isEqualTo(10);
        assertThat(fetchAndCommit(replicas, F2, 30, T0 + LAG + 20, 30)).isTrue();
        assertThat(replicas.highWatermark()).isEqualTo(30);
    }

    @Test
    void withMinIsrThreeOneLostFollowerFreezesTheHighWatermark() {
        final ReplicaSet replicas = threeReplicas(3);
        replicas.onLeaderAppend(10);
        fetchAndCommit(replicas, F2, 10, T0 + 1, 10);
        shrinkAndCommit(replicas, T0 + LAG + 1, 10);
        assertThat(replicas.isrSize()).isEqualTo(2);
        assertThat(replicas.isrBelowMin()).isTrue();
        assertThat(replicas.highWatermark()).isEqualTo(0);
        assertThat(fetchAndCommit(replicas, F2, 10, T0 + LAG + 2, 10)).isFalse();
        assertThat(replicas.highWatermark()).isEqualTo(0);

        assertThat(fetchAndCommit(replicas, F3, 10, T0 + LAG + 3, 10)).isTrue();
        assertThat(replicas.highWatermark()).isEqualTo(10);
    }

    @Test
    void highWatermarkNeverDecreases() {
        final ReplicaSet replicas = threeReplicas(2);
        replicas.onLeaderAppend(50);
        fetchAndCommit(replicas, F2, 50, T0 + 1, 50);
        fetchAndCommit(replicas, F3, 50, T0 + 1, 50);
        assertThat(replicas.highWatermark()).isEqualTo(50);

        // A follower reporting a lower end (as after a truncation) does not pull the HW back.
        assertThat(fetchAndCommit(replicas, F2, 40, T0 + 2, 50)).isFalse();
        assertThat(replicas.logEndOffset(F2)).isEqualTo(40);
        assertThat(replicas.highWatermark()).isEqualTo(50);
        assertThat(replicas.onLeaderAppend(60)).isFalse();
        assertThat(replicas.highWatermark()).isEqualTo(50);

        assertThat(fetchAndCommit(replicas, F2, 60, T0 + 3, 60)).isFalse();
        assertThat(fetchAndCommit(replicas, F3, 60, T0 + 3, 60)).isTrue();
        assertThat(replicas.highWatermark()).isEqualTo(60);
    }

    @Test
    void isrOfOnlyTheLeaderWithMinIsrOneMovesTheHighWatermarkOnLeaderAppend() {
        final ReplicaSet single = new ReplicaSet(new int[] {7}, 7, 1, LAG, T0);
        assertThat(single.onLeaderAppend(5)).isTrue();
        assertThat(single.highWatermark()).isEqualTo(5);
        assertThat(single.onLeaderAppend(5)).isFalse();
        assertThat(shrinkAndCommit(single, T0 + 10 * LAG, 5)).isFalse();
        assertThat(single.isrSize()).isEqualTo(1);

        final ReplicaSet shrunk = threeReplicas(1);
        shrunk.onLeaderAppend(10);
        assertThat(shrinkAndCommit(shrunk, T0 + LAG + 1, 10)).isTrue();
        assertThat(shrunk.isrSize()).isEqualTo(1);
        assertThat(shrunk.isrChanges()).isEqualTo(1);
        assertThat(shrunk.highWatermark()).isEqualTo(10);
        assertThat(shrunk.onLeaderAppend(25)).isTrue();
        assertThat(shrunk.highWatermark()).isEqualTo(25);
    }

    @Test
    void leaderNeedNotBeFirstInTheAssignment() {
        final ReplicaSet replicas = new ReplicaSet(new int[] {F2, LEADER, F3}, LEADER, 2, LAG, T0);
        replicas.onLeaderAppend(10);
        fetchAndCommit(replicas, F2, 10, T0 + 1, 10);
        fetchAndCommit(replicas, F3, 7, T0 + 1, 10);
        assertThat(replicas.highWatermark()).isEqualTo(7);
        assertThat(replicas.logEndOffset(LEADER)).isEqualTo(10);
    }

    @Test
    void badArgumentsAreRefusedWithTheirValues() {
        assertThatThrownBy(() -> new ReplicaSet(new int[0], 1, 1, LAG, T0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("A partition needs at least one replica, got []");
        assertThatThrownBy(() -> new ReplicaSet(new int[] {1, 2, 1}, 1, 1, LAG, T0))
            .hasMessage("Replica broker id 1 appears twice in [1, 2, 1]");
        assertThatThrownBy(() -> new ReplicaSet(new int[] {1, -2}, 1, 1, LAG, T0))
            .hasMessage("Replica broker ids must be non-negative, got [1, -2]");
        assertThatThrownBy(() -> new ReplicaSet(new int[] {1, 2, 3}, 4, 1, LAG, T0))
            .hasMessage("Leader 4 is not one of the replicas [1, 2, 3]");
        assertThatThrownBy(() -> new ReplicaSet(new int[] {1, 2, 3}, 1, 0, LAG, T0))
            .hasMessage("effectiveMinIsr must be between 1 and the replication factor 3, got 0");
        assertThatThrownBy(() -> new ReplicaSet(new int[] {1, 2, 3}, 1, 4, LAG, T0))
            .hasMessage("effectiveMinIsr must be between 1 and the replication factor 3, got 4");
        assertThatThrownBy(() -> new ReplicaSet(new int[] {1, 2, 3}, 1, 2, 0, T0))
            .hasMessage("replica.lag.time.max.ms must be positive, got 0");

        final ReplicaSet replicas = threeReplicas(2);
        replicas.onLeaderAppend(10);
        assertThatThrownBy(() -> fetchAndCommit(replicas, 4, 0, T0, 10))
            .hasMessage("Broker 4 is not a replica of this partition [1, 2, 3]");
        assertThatThrownBy(() -> fetchAndCommit(replicas, LEADER, 0, T0, 10))
            .hasMessage("Broker 1 is this partition's leader, not a follower");
        assertThatThrownBy(() -> fetchAndCommit(replicas, F2, 11, T0, 10))
            .hasMessage("Follower 2 fetched at offset 11, outside the leader's log [0, 10]");
        assertThatThrownBy(() -> fetchAndCommit(replicas, F2, -1, T0, 10))
            .hasMessage("Follower 2 fetched at offset -1, outside the leader's log [0, 10]");
        assertThatThrownBy(() -> replicas.onLeaderAppend(9))
            .hasMessage("The leader's log end offset cannot go back, from 10 to 9");
        assertThatThrownBy(() -> replicas.logEndOffset(4))
            .hasMessage("Broker 4 is not a replica of this partition [1, 2, 3]");
    }

    @Test
    void steadyReplicationAllocatesNothing() {
        final ReplicaSet replicas = threeReplicas(2);
        long checksum = replicate(replicas, 0, 50_000);
        final long before = AllocationMeter.currentThreadAllocatedBytes();
        checksum += replicate(replicas, 50_000, 200_000);
        final long allocated = AllocationMeter.currentThreadAllocatedBytes() - before;
        assertThat(checksum).isEqualTo(250_000L);
        assertThat(replicas.highWatermark()).isEqualTo(250_000L * 10);
        assertThat(allocated).as("bytes allocated by 200000 rounds").isLessThan(1024);
    }

    /** Each round: the leader appends 10, both followers fetch it (only the last fetch moves the HW), a shrink check. */
    private static long replicate(final ReplicaSet replicas, final int from, final int rounds) {
        long changes = 0;
        for (int round = from + 1; round <= from + rounds; round++) {
            final long end = 10L * round;
            final long now = T0 + round;
            changes += replicas.onLeaderAppend(end) ? 1 : 0;
            changes += fetchAndCommit(replicas, F2, end - 10, now, end) ? 1 : 0;
            changes += fetchAndCommit(replicas, F3, end, now, end) ? 1 : 0;
            changes += fetchAndCommit(replicas, F2, end, now, end) ? 1 : 0;
            changes += shrinkAndCommit(replicas, now, end) ? 1 : 0;
        }
        return changes;
    }

    /** A shrink check whose proposal, if any, the controller commits at once: the ISR rules without the round trip. */
    private static boolean shrinkAndCommit(final ReplicaSet set, final long nowMs, final long leaderLogEndOffset) {
        final boolean proposed = set.maybeShrinkIsr(nowMs, leaderLogEndOffset);
        if (proposed) {
            set.applyCommitted(set.takeProposal(), set.partitionEpoch() + 1);
        }
        return proposed;
    }

    /** A follower's fetch whose addition proposal, if any, the controller commits at once. */
    private static boolean fetchAndCommit(final ReplicaSet set, final int followerId, final long fetchOffset,
                                          final long nowMs, final long leaderLogEndOffset) {
        final boolean changed = set.onFollowerFetch(followerId, fetchOffset, nowMs, leaderLogEndOffset);
        if (set.hasUnsentProposal()) {
            set.applyCommitted(set.takeProposal(), set.partitionEpoch() + 1);
        }
        return changed;
    }
}
