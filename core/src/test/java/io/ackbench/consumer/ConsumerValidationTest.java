package io.ackbench.consumer;

import io.ackbench.record.CorruptRecordBatchException;
import io.ackbench.transport.ErrorCode;
import io.ackbench.transport.FetchRequest;
import io.ackbench.transport.FrameHeader;
import io.ackbench.transport.NodeIds;
import io.ackbench.transport.TopicLayout;
import org.agrona.concurrent.NanoClock;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the consumer makes of its answers, with the test playing the brokers ({@link FakeBrokers}) and holding the
 * clock: each {@code poll(0)} is one pass (send what is due, read what came). Partition 0 of a topic on two brokers,
 * led by broker 0 in epoch 0.
 */
class ConsumerValidationTest {
    private static final int BROKERS = 2;
    private static final long RETRY_BACKOFF_MS = 100;

    private final TopicLayout layout = TopicLayout.spread("t", 1, 2, BROKERS);
    private final FakeBrokers brokers = new FakeBrokers(NodeIds.firstClient(BROKERS));
    private final ConsumedRecords consumed = new ConsumedRecords();
    private final long[] nanos = {1_000_000_000L};
    private final NanoClock clock = () -> nanos[0];

    private Consumer consumer(final long startOffset) {
        return new Consumer(ConsumerConfig.of(Map.of(ConsumerConfig.RETRY_BACKOFF_MS,
            Long.toString(RETRY_BACKOFF_MS))), brokers, layout, new int[] {0}, new long[] {startOffset}, consumed,
            clock);
    }

    @Test
    void aBatchWithAFlippedByteIsAnErrorNamingPartitionAndOffset() {
        final Consumer consumer = consumer(0);
        consumer.poll(0);
        final FakeBrokers.Sent fetch = brokers.takeFetch();
        final byte[] good = FakeBrokers.batch(0, 0, 2);
        final byte[] corrupt = FakeBrokers.batch(2, 2, 3);
        corrupt[corrupt.length - 3] ^= 0x01; // inside the last record's value: only the CRC can tell
        brokers.answer(0, fetch.correlationId()).records(0, 5, good, corrupt).send();

        assertThatThrownBy(() -> consumer.poll(0)).isInstanceOf(CorruptRecordBatchException.class)
            .hasMessageContaining("partition 0: corrupt batch at fetch position 2 (its header names base offset 2)")
            .hasMessageContaining("CRC mismatch")
            .satisfies(e -> assertThat(((CorruptRecordBatchException) e).check())
                .isEqualTo(CorruptRecordBatchException.Check.CRC));
        // The good batch before it was handed over; nothing of the corrupt one was.
        assertThat(consumed.records).containsExactly("0@0=0", "0@1=1");
        assertThat(consumer.position(0)).isEqualTo(2);
    }

    @Test
    void sequenceGapsAndDuplicatesAreCountedAndEveryRecordStillHandedOver() {
        final Consumer consumer = consumer(0);
        consumer.poll(0);
        final short epoch0 = 0;
        final short epoch1 = 1;
        brokers.answer(0, brokers.takeFetch().correlationId()).records(0, 8,
            FakeBrokers.batch(0, 0, 2, 7, epoch0, 0),   // sequences 0-1: the first seen
            FakeBrokers.batch(2, 2, 1, 7, epoch0, 2),   // 2: follows on
            FakeBrokers.batch(3, 3, 1, 7, epoch0, 5),   // 5: a gap (3 and 4 missing)
            FakeBrokers.batch(4, 4, 1, 7, epoch0, 4),   // 4 after 5: a duplicate
            FakeBrokers.batch(5, 5, 1, 9, epoch0, 40),  // another producer's first batch
            FakeBrokers.batch(6, 6, 1, 7, epoch1, 0),   // a new epoch restarts at 0
            FakeBrokers.batch(7, 7, 1, 7, epoch1, 2)).send(); // 2 after 0: a gap
        assertThat(consumer.poll(0)).isEqualTo(8);
        assertThat(consumer.sequenceGaps()).isEqualTo(2);
        assertThat(consumer.sequenceDuplicates()).isEqualTo(1);
        assertThat(consumed.numbers).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void sequencesWrapPastIntegerMaxValue() {
        final Consumer consumer = consumer(0);
        consumer.poll(0);
        brokers.answer(0, brokers.takeFetch().correlationId()).records(0, 4,
            FakeBrokers.batch(0, 0, 2, 7, (short) 0, Integer.MAX_VALUE - 1),
            FakeBrokers.batch(2, 2, 2, 7, (short) 0, 0)).send();
        assertThat(consumer.poll(0)).isEqualTo(4);
        assertThat(consumer.sequenceGaps()).isZero();
        assertThat(consumer.sequenceDuplicates()).isZero();
    }

    @Test
    void recordsBelowThePositionAreSkippedWholeBatchesAndWithinABatch() {
        final Consumer consumer = consumer(3);
        consumer.poll(0);
        final FakeBrokers.Sent fetch = brokers.takeFetch();
        assertThat(fetch.fetch().fetchOffset(0)).isEqualTo(3);
        brokers.answer(0, fetch.correlationId()).records(0, 6, FakeBrokers.batch(0, 0, 2),
            FakeBrokers.batch(2, 2, 3), FakeBrokers.batch(5, 5, 1)).send();
        assertThat(consumer.poll(0)).isEqualTo(3);
        assertThat(consumed.records).containsExactly("0@3=3", "0@4=4", "0@5=5");
        assertThat(consumer.position(0)).isEqualTo(6);
        assertThat(consumer.atEnd()).isTrue();
        // Each batch that handed records ends after them, under its own base offset and the fetch's time; the
        // batch wholly below the position handed none.
        assertThat(consumed.heard).containsExactly("0@3=3", "0@4=4", "end of 0@2 fetched at 1000000000", "0@5=5",
            "end of 0@5 fetched at 1000000000");
    }

    @Test
    void outOfRangeAboveTheHighWatermarkKeepsThePositionAndAsksAgainAfterTheBackoff() {
        final Consumer consumer = consumer(10);
        consumer.poll(0);
        brokers.answer(0, brokers.takeFetch().correlationId()).error(0, ErrorCode.OFFSET_OUT_OF_RANGE, 4).send();
        consumer.poll(0);
        assertThat(consumer.offsetOutOfRange()).isEqualTo(1);
        assertThat(consumer.position(0)).isEqualTo(10);
        assertThat(brokers.takeSent()).as("frames sent within the backoff").isEmpty();

        nanos[0] += RETRY_BACKOFF_MS * 1_000_000L;
        consumer.poll(0);
        assertThat(brokers.takeFetch().fetch().fetchOffset(0)).isEqualTo(10);
    }

    @Test
    void outOfRangeAtOrBelowTheHighWatermarkResetsToTheLogStart() {
        final Consumer consumer = consumer(2);
        consumer.poll(0);
        brokers.answer(0, brokers.takeFetch().correlationId()).error(0, ErrorCode.OFFSET_OUT_OF_RANGE, 4).send();
        consumer.poll(0);
        assertThat(consumer.position(0)).isZero();
        assertThat(consumer.offsetOutOfRange()).isZero();
        consumer.poll(0);
        assertThat(brokers.takeFetch().fetch().fetchOffset(0)).isZero();
    }

    @Test
    void notLeaderMakesItAskForMetadataAndFetchFromTheNewLeaderFromTheSamePosition() {
        final Consumer consumer = consumer(0);
        consumer.poll(0);
        brokers.answer(0, brokers.takeFetch().correlationId()).records(0, 2, FakeBrokers.batch(0, 0, 2)).send();
        assertThat(consumer.poll(0)).isEqualTo(2);
        final FakeBrokers.Sent second = brokers.takeFetch(); // sent before the records were returned
        brokers.answer(0, second.correlationId()).error(0, ErrorCode.NOT_LEADER_OR_FOLLOWER, -1).send();
        consumer.poll(0); // reads the refusal
        assertThat(brokers.takeSent()).as("frames sent with the refusal just read").isEmpty();
        consumer.poll(0); // asks where the leader is, and fetches nothing meanwhile
        final List<FakeBrokers.Sent> sent = brokers.takeSent();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).type()).isEqualTo(FrameHeader.METADATA_REQUEST);

        brokers.metadataAnswer(sent.get(0).destination(), sent.get(0).correlationId(), layout.withLeader(0, 1, 1));
        consumer.poll(0); // takes the answer
        consumer.poll(0); // fetches
        final FakeBrokers.Sent third = brokers.takeFetch();
        assertThat(third.destination()).isEqualTo(1);
        final FetchRequest request = third.fetch();
        assertThat(request.fetchOffset(0)).isEqualTo(2);
        assertThat(request.currentLeaderEpoch(0)).isEqualTo(1);
        assertThat(consumer.metadataRefreshes()).isEqualTo(1);
    }

    @Test
    void aLostConnectionFailsTheFetchInFlightAndRefreshesMetadata() {
        final Consumer consumer = consumer(0);
        consumer.poll(0);
        final FakeBrokers.Sent lost = brokers.takeFetch();
        brokers.loseConnections();
        consumer.poll(0);
        // The metadata request goes to the broker after the one that failed; the fetch is sent again at once.
        final List<FakeBrokers.Sent> sent = brokers.takeSent();
        assertThat(sent).extracting(FakeBrokers.Sent::type)
            .containsExactlyInAnyOrder(FrameHeader.METADATA_REQUEST, FrameHeader.FETCH_REQUEST);
        // An answer to the lost fetch is not taken.
        brokers.answer(0, lost.correlationId()).records(0, 2, FakeBrokers.batch(0, 0, 2)).send();
        assertThat(consumer.poll(0)).isZero();
        assertThat(consumed.records).isEmpty();
    }

    @Test
    void atEndNeedsAnAnswerForEveryPartition() {
        final Consumer consumer = consumer(0);
        assertThat(consumer.atEnd()).isFalse();
        consumer.poll(0);
        brokers.answer(0, brokers.takeFetch().correlationId()).records(0, 0).send();
        consumer.poll(0);
        assertThat(consumer.atEnd()).isTrue();
        assertThat(consumer.highWatermark(0)).isZero();
    }

    @Test
    void unknownPartitionsAreRefused() {
        assertThatThrownBy(() -> new Consumer(ConsumerConfig.defaults(), brokers, layout, new int[] {1}, null,
            consumed)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Partition 1");
        assertThatThrownBy(() -> consumer(0).position(3)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Partition 3 is not assigned to this consumer");
    }
}
