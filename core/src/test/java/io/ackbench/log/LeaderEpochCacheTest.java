package io.ackbench.log;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.ackbench.log.LeaderEpochCache.EpochEndOffset;
import io.ackbench.log.LeaderEpochCache.Entry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cases of Kafka's {@code LeaderEpochFileCacheTest}, plus the file after every change. */
class LeaderEpochCacheTest {
    @TempDir
    Path dir;

    private String file() throws IOException {
        return Files.readString(dir.resolve("leader-epoch-checkpoint"), UTF_8);
    }

    private LeaderEpochCache cacheOf(final long... epochAndStart) {
        final LeaderEpochCache cache = LeaderEpochCache.open(dir);
        for (int i = 0; i < epochAndStart.length; i += 2) {
            assertThat(cache.assign((int) epochAndStart[i], epochAndStart[i + 1])).isTrue();
        }
        return cache;
    }

    private static EpochEndOffset answer(final int epoch, final long endOffset) {
        return new EpochEndOffset(epoch, endOffset);
    }

    @Test
    void anEmptyCacheKnowsNothingAndWritesNothing() {
        final LeaderEpochCache cache = LeaderEpochCache.open(dir);
        assertThat(cache.entries()).isEmpty();
        assertThat(cache.latestEpoch()).isEqualTo(-1);
        assertThat(cache.epochForOffset(0)).isEqualTo(-1);
        assertThat(cache.endOffsetFor(0, 0)).isEqualTo(answer(-1, -1));
        assertThat(cache.endOffsetFor(7, 0)).isEqualTo(EpochEndOffset.UNDEFINED);
        cache.truncateFromEnd(7);
        cache.truncateFromStart(7);
        assertThat(cache.entries()).isEmpty();
        assertThat(dir.resolve("leader-epoch-checkpoint")).doesNotExist();
    }

    @Test
    void assignAppendsAndWritesTheFile() throws IOException {
        final LeaderEpochCache cache = cacheOf(2, 10);
        assertThat(cache.latestEpoch()).isEqualTo(2);
        assertThat(cache.entries()).containsExactly(new Entry(2, 10));
        assertThat(cache.endOffsetFor(2, 11)).isEqualTo(answer(2, 11));
        assertThat(file()).isEqualTo("0\n1\n2 10\n");
        assertThat(cache.file()).isEqualTo(dir.resolve("leader-epoch-checkpoint").toAbsolutePath());
    }

    @Test
    void theSameEpochAtAHigherOffsetChangesNothing() throws IOException {
        final LeaderEpochCache cache = cacheOf(2, 6);
        assertThat(cache.assign(2, 10)).isFalse();
        assertThat(cache.assign(2, 6)).isFalse();
        assertThat(cache.entries()).containsExactly(new Entry(2, 6));
        assertThat(file()).isEqualTo("0\n1\n2 6\n");
    }

    @Test
    void theLatestEpochReassignedAtALowerOffsetReplacesItAndTruncatesThePrevious() throws IOException {
        final LeaderEpochCache cache = cacheOf(5, 11, 6, 12, 7, 13);
        assertThat(cache.assign(7, 12)).isTrue();
        assertThat(cache.entries()).containsExactly(new Entry(5, 11), new Entry(7, 12));
        assertThat(cache.endOffsetFor(5, 0)).isEqualTo(answer(5, 12));
        assertThat(cache.endOffsetFor(6, 0)).isEqualTo(answer(5, 12));
        assertThat(file()).isEqualTo("0\n2\n5 11\n7 12\n");
    }

    @Test
    void aNewEpochStartingAtOrBelowOlderEntriesRemovesThem() {
        assertThat(cacheOf(2, 9, 3, 9).entries()).containsExactly(new Entry(3, 9));
    }

    @Test
    void aNewEpochStartingBelowTheLatestStartRemovesIt() throws IOException {
        final LeaderEpochCache cache = cacheOf(1, 0, 2, 6);
        assertThat(cache.assign(3, 5)).isTrue();
        assertThat(cache.entries()).containsExactly(new Entry(1, 0), new Entry(3, 5));
        assertThat(file()).isEqualTo("0\n2\n1 0\n3 5\n");
    }

    @Test
    void anEpochBelowTheLatestRemovesEveryEntryFromItsOwnUpAsKafkaDoes() {
        final LeaderEpochCache cache = cacheOf(1, 5, 2, 6);
        assertThat(cache.assign(1, 7)).isTrue();
        assertThat(cache.entries()).containsExactly(new Entry(1, 7));
        assertThat(cache.latestEpoch()).isEqualTo(1);
        assertThat(cache.endOffsetFor(1, 8)).isEqualTo(answer(1, 8));
        assertThat(cache.endOffsetFor(2, 8)).isEqualTo(EpochEndOffset.UNDEFINED);
    }

    @Test
    void negativeEpochsAndOffsetsAreRefused() {
        final LeaderEpochCache cache = LeaderEpochCache.open(dir);
        assertThatThrownBy(() -> cache.assign(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.assign(0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(cache.entries()).isEmpty();
    }

    @Test
    void endOffsetForAcrossEpochGapsAnswersTheLargestEpochNotAboveTheRequest() {
        final LeaderEpochCache cache = cacheOf(0, 10, 2, 13, 4, 17);
        assertThat(cache.endOffsetFor(0, 20)).isEqualTo(answer(0, 13));
        assertThat(cache.endOffsetFor(1, 20)).isEqualTo(answer(0, 13));
        assertThat(cache.endOffsetFor(2, 20)).isEqualTo(answer(2, 17));
        assertThat(cache.endOffsetFor(3, 20)).isEqualTo(answer(2, 17));
        assertThat(cache.endOffsetFor(4, 20)).isEqualTo(answer(4, 20));
        assertThat(cache.endOffsetFor(5, 20)).isEqualTo(EpochEndOffset.UNDEFINED);
        assertThat(cache.endOffsetFor(-1, 20)).isEqualTo(EpochEndOffset.UNDEFINED);
    }

    @Test
    void endOffsetForAnEpochBelowTheFirstAnswersThatEpochWithTheFirstStart() {
        final LeaderEpochCache cache = cacheOf(5, 11, 6, 12, 7, 13);
        assertThat(cache.endOffsetFor(4, 0)).isEqualTo(answer(4, 11));
        assertThat(cache.endOffsetFor(0, 0)).isEqualTo(answer(0, 11));
    }

    @Test
    void epochsTrackedAsLeadersChange() {
        final LeaderEpochCache cache = cacheOf(0, 0, 1, 0);
        assertThat(cache.entries()).containsExactly(new Entry(1, 0));
        assertThat(cache.endOffsetFor(1, 0)).isEqualTo(answer(1, 0));
        assertThat(cache.endOffsetFor(0, 0)).isEqualTo(answer(0, 0));
        assertThat(cache.endOffsetFor(1, 5)).isEqualTo(answer(1, 5));
        assertThat(cache.assign(2, 5)).isTrue();
        assertThat(cache.endOffsetFor(2, 10)).isEqualTo(answer(2, 10));
        assertThat(cache.endOffsetFor(1, 10)).isEqualTo(answer(1, 5));
        assertThat(cache.endOffsetFor(0, 10)).isEqualTo(answer(0, 0));
    }

    @Test
    void epochsTrackedAsAFollowerAppends() {
        final LeaderEpochCache cache = LeaderEpochCache.open(dir);
        for (long offset = 0; offset < 9; offset++) {
            cache.assign((int) (offset / 3), offset);
        }
        assertThat(cache.entries()).containsExactly(new Entry(0, 0), new Entry(1, 3), new Entry(2, 6));
        assertThat(cache.endOffsetFor(2, 9)).isEqualTo(answer(2, 9));
        assertThat(cache.endOffsetFor(1, 9)).isEqualTo(answer(1, 6));
        assertThat(cache.endOffsetFor(0, 9)).isEqualTo(answer(0, 3));
    }

    @Test
    void epochForOffsetIsTheLastEpochStartingAtOrBeforeIt() {
        final LeaderEpochCache cache = cacheOf(2, 6, 3, 8, 4, 11);
        assertThat(cache.epochForOffset(5)).isEqualTo(-1);
        assertThat(cache.epochForOffset(6)).isEqualTo(2);
        assertThat(cache.epochForOffset(7)).isEqualTo(2);
        assertThat(cache.epochForOffset(8)).isEqualTo(3);
        assertThat(cache.epochForOffset(10)).isEqualTo(3);
        assertThat(cache.epochForOffset(11)).isEqualTo(4);
        assertThat(cache.epochForOffset(100)).isEqualTo(4);
    }

    @Test
    void truncateFromEndDropsEntriesStartingAtOrAfterTheEnd() throws IOException {
        final LeaderEpochCache onBoundary = cacheOf(2, 6, 3, 8, 4, 11);
        onBoundary.truncateFromEnd(8);
        assertThat(onBoundary.entries()).containsExactly(new Entry(2, 6));
        assertThat(onBoundary.latestEpoch()).isEqualTo(2);
        assertThat(file()).isEqualTo("0\n1\n2 6\n");

        final LeaderEpochCache between = cacheOf(3, 8, 4, 11);
        between.truncateFromEnd(9);
        assertThat(between.entries()).containsExactly(new Entry(2, 6), new Entry(3, 8));
        assertThat(between.latestEpoch()).isEqualTo(3);
        assertThat(file()).isEqualTo("0\n2\n2 6\n3 8\n");

        between.truncateFromEnd(-1);
        between.truncateFromEnd(100);
        assertThat(between.entries()).containsExactly(new Entry(2, 6), new Entry(3, 8));
        between.truncateFromEnd(0);
        assertThat(between.entries()).isEmpty();
        assertThat(file()).isEqualTo("0\n0\n");
    }

    @Test
    void truncateFromStartMovesTheCoveringEpochUpToTheNewStart() throws IOException {
        assertTruncatedFromStart(8, new Entry(3, 8), new Entry(4, 11));
        assertTruncatedFromStart(9, new Entry(3, 9), new Entry(4, 11));
        assertTruncatedFromStart(11, new Entry(4, 11));
        assertTruncatedFromStart(15, new Entry(4, 15));
        assertThat(file()).isEqualTo("0\n1\n4 15\n");
    }

    @Test
    void truncateFromStartAtOrBeforeTheFirstEntryChangesNothing() {
        assertTruncatedFromStart(1, new Entry(2, 6), new Entry(3, 8), new Entry(4, 11));
        assertTruncatedFromStart(6, new Entry(2, 6), new Entry(3, 8), new Entry(4, 11));
        assertTruncatedFromStart(-1, new Entry(2, 6), new Entry(3, 8), new Entry(4, 11));
    }

    @Test
    void truncateFromStartBetweenTheFirstTwoEntries() {
        final LeaderEpochCache cache = cacheOf(0, 0, 1, 7, 2, 10);
        cache.truncateFromStart(5);
        assertThat(cache.entries()).containsExactly(new Entry(0, 5), new Entry(1, 7), new Entry(2, 10));
    }

    private void assertTruncatedFromStart(final long startOffset, final Entry... expected) {
        final LeaderEpochCache cache = LeaderEpochCache.open(dir);
        cache.truncateFromEnd(0);
        cache.assign(2, 6);
        cache.assign(3, 8);
        cache.assign(4, 11);
        cache.truncateFromStart(startOffset);
        assertThat(cache.entries()).containsExactly(expected);
        assertThat(LeaderEpochCache.open(dir).entries()).containsExactly(expected);
    }

    @Test
    void reopeningReadsTheHistoryBack() {
        final LeaderEpochCache cache = cacheOf(0, 0, 3, 100, 7, 250);
        cache.truncateFromEnd(200);
        final LeaderEpochCache reopened = LeaderEpochCache.open(dir);
        assertThat(reopened.entries()).containsExactly(new Entry(0, 0), new Entry(3, 100));
        assertThat(reopened.latestEpoch()).isEqualTo(3);
    }

    @Test
    void aFileWhoseEntriesDoNotAscendLoadsAsKafkasAssignsLeaveItAndIsRewritten() throws IOException {
        Files.writeString(dir.resolve("leader-epoch-checkpoint"), "0\n3\n1 5\n2 6\n1 7\n", UTF_8);
        assertThat(LeaderEpochCache.open(dir).entries()).containsExactly(new Entry(1, 7));
        assertThat(file()).isEqualTo("0\n1\n1 7\n");
    }

    @Test
    void aCorruptFileFailsTheOpenNamingTheLine() throws IOException {
        final Path path = dir.resolve("leader-epoch-checkpoint");
        Files.writeString(path, "0\n2\n0 0\n1\n", UTF_8);
        assertThatThrownBy(() -> LeaderEpochCache.open(dir)).isInstanceOf(CorruptCheckpointException.class)
            .hasMessage("Corrupt checkpoint file " + path.toAbsolutePath()
                + ", line 4: expected 2 fields separated by a space, found 1 in '1'");
        Files.writeString(path, "0\n1\n-1 0\n", UTF_8);
        assertThatThrownBy(() -> LeaderEpochCache.open(dir)).isInstanceOf(CorruptCheckpointException.class)
            .hasMessage("Corrupt checkpoint file " + path.toAbsolutePath()
                + ", line 3: negative leader epoch or start offset: -1 0");
        Files.writeString(path, "0\n1\n0 x\n", UTF_8);
        assertThatThrownBy(() -> LeaderEpochCache.open(dir)).isInstanceOf(CorruptCheckpointException.class)
            .hasMessage("Corrupt checkpoint file " + path.toAbsolutePath()
                + ", line 3: start offset 'x' is not a 64-bit integer");
    }
}
