package io.ackbench.broker;

import io.ackbench.record.Crc32c;
import io.ackbench.record.RecordBatchLayout;
import io.ackbench.record.RecordBatchSealer;
import io.ackbench.record.RecordBatchWriter;
import io.ackbench.testing.Await;
import io.ackbench.transport.Endpoint;
import io.ackbench.transport.ErrorCode;
import io.ackbench.transport.ErrorResponse;
import io.ackbench.transport.FrameHandler;
import io.ackbench.transport.FrameHeader;
import io.ackbench.transport.InitProducerId;
import io.ackbench.transport.ProduceRequest;
import io.ackbench.transport.ProduceResponse;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real in-process cluster driven by hand-built Produce frames from a raw client endpoint, so that each of the
 * broker's answers (kafka-semantics.md §1.6, §4.1, §4.5, §5.3) is checked on the wire: the exact error code and base
 * offset of every entry, the order of responses, and, read back from the leader's log after the cluster closed,
 * exactly what was appended. Error codes are written as Kafka's numbers, not through {@link ErrorCode}, so a wrong
 * constant there would show here too. Partition 0 is led by broker 0 with followers 1 and 2.
 */
class BrokerRequestTest {
    private static final int LEADER = 0;
    private static final String TOPIC = "ackbench";
    private static final int VALUE_BYTES = 100;
    /** How long to wait for anything that should happen: generous, the machine is shared and loaded. */
    private static final long WAIT_MS = 10_000;
    private static final int LONG_TIMEOUT_MS = 30_000;
    private static final short ACKS_ALL = -1;
    private static final short ACKS_LEADER = 1;

    private static final int NONE = 0;
    private static final int CORRUPT_MESSAGE = 2;
    private static final int UNKNOWN_TOPIC_OR_PARTITION = 3;
    private static final int NOT_LEADER_OR_FOLLOWER = 6;
    private static final int REQUEST_TIMED_OUT = 7;
    private static final int MESSAGE_TOO_LARGE = 10;
    private static final int INVALID_REQUIRED_ACKS = 21;
    private static final int OUT_OF_ORDER_SEQUENCE_NUMBER = 45;
    private static final int INVALID_PRODUCER_EPOCH = 47;
    private static final int INVALID_RECORD = 87;

    @TempDir
    Path dataDir;

    /** One partition, quick replication fetches, plus {@code overrides} as key, value pairs. */
    private static Map<String, String> settings(final String... overrides) {
        final Map<String, String> settings = new HashMap<>();
        settings.put(BrokerConfig.NUM_PARTITIONS, "1");
        settings.put(BrokerConfig.REPLICA_FETCH_WAIT_MAX_MS, "20");
        for (int i = 0; i < overrides.length; i += 2) {
            settings.put(overrides[i], overrides[i + 1]);
        }
        return settings;
    }

    // ---------------------------------------------------------------------------------------------------------
    // acks=1 and validation

    @Test
    void acksOneAnswersEachBatchWithItsBaseOffset() {
        try (InProcessCluster cluster = InProcessCluster.start(settings(), dataDir)) {
            final RawClient client = new RawClient(cluster.connectClient());

            final int first = client.produce(ACKS_LEADER, LONG_TIMEOUT_MS, 0, Batch.of(0, 10));
            final ProduceResponse firstAnswer = client.awaitProduceResponse(first);
            assertThat(firstAnswer.entryCount()).isEqualTo(1);
            assertEntry(firstAnswer, 0, 0, NONE, 0);

            final int second = client.produce(ACKS_LEADER, LONG_TIMEOUT_MS, 0, Batch.of(10, 5));
            assertEntry(client.awaitProduceResponse(second), 0, 0, NONE, 10);

            final int third = client.produce(ACKS_LEADER, LONG_TIMEOUT_MS, 0, Batch.of(15, 3));
            assertEntry(client.awaitProduceResponse(third), 0, 0, NONE, 15);
        }
        assertThat(leaderLog(0)).containsExactlyElementsOf(records(0, 0, 18));
    }

    @Test
    void batchWithAFlippedByteAfterTheCrcIsCorruptAndNotAppended() {
        try (InProcessCluster cluster = InProcessCluster.start(settings(), dataDir)) {
            final RawClient client = new RawClient(cluster.connectClient());
            final Batch valid = Batch.of(0, 10);
            // Attributes, producer id, the first record's length varint, the last value byte: all CRC-covered.
            for (final int at : new int[] {RecordBatchLayout.ATTRIBUTES_OFFSET, RecordBatchLayout.PRODUCER_ID_OFFSET,
                RecordBatchLayout.RECORDS_OFFSET, valid.length - 1}) {
                final Batch corrupt = valid.copy();
                corrupt.buffer.putByte(at, (byte) (corrupt.buffer.getByte(at) ^ 0x01));

                final int correlationId = client.produce(ACKS_LEADER, LONG_TIMEOUT_MS, 0, corrupt);
                assertThat(client.awaitProduceResponse(correlationId).errorCode(0))
                    .as("flipped byte %d", at).isEqualTo((short) CORRUPT_MESSAGE);
            }
            final int correlationId = client.produce(ACKS_ALL, LONG_TIMEOUT_MS, 0, Batch.of(100, 2));
            assertEntry(client.awaitProduceResponse(correlationId), 0, 0, NONE, 0);
        }
        assertThat(leaderLog(0)).containsExactlyElementsOf(records(0, 100, 2));
    }

    @Test
    void nonZeroBaseOffsetIsAnInvalidRecord() {
        try (InProcessCluster cluster = InProcessCluster.start(settings(), dataDir)) {
            final RawClient client = new RawClient(cluster.connectClient());
            final Batch batch = Batch.of(0, 3);
            // Not covered by the CRC (kafka-semantics.md §1.1): the batch is intact but claims an offset.
            batch.buffer.putLong(RecordBatchLayout.BASE_OFFSET_OFFSET, 5, ByteOrder.BIG_ENDIAN);

            final int correlationId = client.produce(ACKS_LEADER, LONG_TIMEOUT_MS, 0, batch);
            assertEntry(client.awaitProduceResponse(correlationId), 0, 0, INVALID_RECORD, -1);

            final int next = client.produce(ACKS_LEADER, LONG_TIMEOUT_MS, 0, Batch.of(50, 1));
            assertEntry(client.awaitProduceResponse(next), 0, 0, NONE, 0);
        }
        assertThat(leaderLog(0)).containsExactlyElementsOf(records(0, 50, 1));
    }

    @Test
    void recordCountDisagreeingWithLastOffsetDeltaIsAnInvalidRecord() {
        try (InProcessCluster cluster = InProcessCluster.start(settings(), dataDir)) {
            final RawClient client = new RawClient(cluster.connectClient());
            // Each with a correct CRC over the changed header, so only the count check can refuse it.
            final Batch deltaTooLarge = Batch.of(0, 4);
            deltaTooLarge.buffer.putInt(RecordBatchLayout.LAST_OFFSET_DELTA_OFFSET, 4, ByteOrder.BIG_ENDIAN);
            deltaTooLarge.reseal();
            final Batch countTooSmall = Batch.of(0, 4);
            countTooSmall.buffer.putInt(RecordBatchLayout.RECORDS_COUNT_OFFSET, 3, ByteOrder.BIG_ENDIAN);
            countTooSmall.reseal();
            final Batch noRecords = Batch.of(0, 1);
            noRecords.buffer.putInt(RecordBatchLayout.RECORDS_COUNT_OFFSET, 0, ByteOrder.BIG_ENDIAN);
            noRecords.buffer.putInt(RecordBatchLayout.LAST_OFFSET_DELTA_OFFSET, -1, ByteOrder.BIG_ENDIAN);
            noRecords.reseal();

            for (final Batch invalid : List.of(deltaTooLarge, countTooSmall, noRecords)) {
                final int correlationId = client.produce(ACKS_LEADER, LONG_TIMEOUT_MS, 0, invalid);
                assertEntry(client.awaitProduceResponse(correlationId), 0, 0, INVALID_RECORD, -1);
            }
            final int next = client.produce(ACKS_LEADER, LONG_TIMEOUT_MS, 0, Batch.of(50, 1));
            assertEntry(client.awaitProduceResponse(next), 0, 0, NONE, 0);
        }
        assertThat(leaderLog(0)).containsExactlyElementsOf(records(0, 50, 1));
    }

    @Test
    void controlBatchOrProducerIdWithoutSequenceIsAnInvalidRecord() {
        try (InProcessCluster cluster = InProcessCluster.start(settings(), dataDir)) {
            final RawClient client = new RawClient(cluster.connectClient());
            final Batch control = Batch.of(0, 1);
            control.buffer.putShort(RecordBatchLayout.ATTRIBUTES_OFFSET, RecordBatchLayout.CONTROL_FLAG_MASK,
                ByteOrder.BIG_ENDIAN);
            control.reseal();
            final Batch noSequence = Batch.idempotent(0, 1, 1000, (short) 0, RecordBatchLayout.NO_SEQUENCE);

            for (final Batch invalid : List.of(control, noSequence)) {
                final int correlationId = client.produce(ACKS_LEADER, LONG_TIMEOUT_MS, 0, invalid);
                assertEntry(client.awaitProduceResponse(correlationId), 0, 0, INVALID_RECORD, -1);
            }
        }
        assertThat(leaderLog(0)).isEmpty();
    }

    @Test
    void acksOtherThanMinusOneZeroOrOneIsRefusedForEveryEntry() {
        try (InProcessCluster cluster = InProcessCluster.start(settings(BrokerConfig.NUM_PARTITIONS, "3"), dataDir)) {
            final RawClient client = new RawClient(cluster.connectClient());

            final int correlationId = client.produce((short) 5, LONG_TIMEOUT_MS,
                new int[] {0, 2, 1}, Batch.of(0, 2), Batch.of(2, 2), Batch.of(4, 2));
            final ProduceResponse answer = client.awaitProduceResponse(correlationId);
            assertThat(answer.entryCount()).isEqualTo(3);
            assertEntry(answer, 0, 0, INVALID_REQUIRED_ACKS, -1);
            assertEntry(answer, 1, 2, INVALID_REQUIRED_ACKS, -1);
            assertEntry(answer, 2, 1, INVALID_REQUIRED_ACKS, -1);

            final int next = client.produce(ACKS_LEADER, LONG_TIMEOUT_MS, 0, Batch.of(50, 1));
            assertEntry(client.awaitProduceResponse(next), 0, 0, NONE, 0);
        }
        assertThat(leaderLog(0)).containsExactlyElementsOf(records(0, 50, 1));
    }

    @Test
    void partitionBeyondTheTopicIsUnknown() {
        try (InProcessCluster cluster = InProcessCluster.start(settings(), dataDir)) {
            final RawClient client = new RawClient(cluster.connectClient());

            final int correlationId = client.produce(ACKS_LEADER, LONG_TIMEOUT_MS, 7, Batch.of(0, 2));
            assertEntry(client.awaitProduceResponse(correlationId), 0, 7, UNKNOWN_TOPIC_OR_PARTITION, -1);

            final int negative = client.produce(ACKS_ALL, LONG_TIMEOUT_MS, -1, Batch.of(0, 2));
            assertEntry(client.awaitProduceResponse(negative), 0, -1, UNKNOWN_TOPIC_OR_PARTITION, -1);
        }
        assertThat(leaderLog(0)).isEmpty();
    }

    @Test
    void partitionTheBrokerFollowsButDoesNotLeadIsNotLeaderOrFollower() {
        try (InProcessCluster cluster = InProcessCluster.start(settings(BrokerConfig.NUM_PARTITIONS, "3"), dataDir)) {
            assertThat(cluster.layout().preferredLeader(1)).isEqualTo(1);
            assertThat(cluster.layout().preferredLeader(2)).isEqualTo(2);
            assertThat(cluster.layout().hosts(LEADER, 1)).isTrue();
            assertThat(cluster.layout().hosts(LEADER, 2)).isTrue();
            final RawClient client = new RawClient(cluster.connectClient());

            final int correlationId = client.produce(ACKS_LEADER, LONG_TIMEOUT_MS,
                new int[] {1, 0, 2}, Batch.of(0, 2), Batch.of(10, 3), Batch.of(20, 4));
            final ProduceResponse answer = client.awaitProduceResponse(correlationId);
            assertThat(answer.entryCount()).isEqualTo(3);
            assertEntry(answer, 0, 1, NOT_LEADER_OR_FOLLOWER, -1);
            assertEntry(answer, 1, 0, NONE, 0);
            assertEntry(answer, 2, 2, NOT_LEADER_OR_FOLLOWER, -1);
        }
        assertThat(leaderLog(0)).containsExactlyElementsOf(records(0, 10, 3));
        // Broker 0's follower replicas of partitions 1 and 2 got nothing from the refused batches.
        assertThat(LogContents.read(LogContents.partitionDir(dataDir, LEADER, TOPIC, 1))).isEmpty();
        assertThat(LogContents.read(LogContents.partitionDir(dataDir, LEADER, TOPIC, 2))).isEmpty();
    }

    @Test
    void batchLargerThanMessageMaxBytesIsTooLarge() {
        final Batch fits = Batch.of(0, 1, 1000);
        final Batch oneByteOver = Batch.of(1, 1, 1001);
        assertThat(oneByteOver.length).isEqualTo(fits.length + 1);
        final String limit = Integer.toString(fits.length);
        try (InProcessCluster cluster = InProcessCluster.start(
            settings(BrokerConfig.MESSAGE_MAX_BYTES, limit), dataDir)) {
            final RawClient client = new RawClient(cluster.connectClient());

            final int atLimit = client.produce(ACKS_LEADER, LONG_TIMEOUT_MS, 0, fits);
            assertEntry(client.awaitProduceResponse(atLimit), 0, 0, NONE, 0);

            final int over = client.produce(ACKS_LEADER, LONG_TIMEOUT_MS, 0, oneByteOver);
            assertEntry(client.awaitProduceResponse(over), 0, 0, MESSAGE_TOO_LARGE, -1);

            final int farOver = client.produce(ACKS_ALL, LONG_TIMEOUT_MS, 0, Batch.of(2, 30));
            assertEntry(client.awaitProduceResponse(farOver), 0, 0, MESSAGE_TOO_LARGE, -1);

            final int next = client.produce(ACKS_LEADER, LONG_TIMEOUT_MS, 0, Batch.of(3, 1, 1000));
            assertEntry(client.awaitProduceResponse(next), 0, 0, NONE, 1);
        }
        assertThat(leaderLog(0)).containsExactly(new LogContents.Entry(0, 0), new LogContents.Entry(1, 3));
    }

    // ---------------------------------------------------------------------------------------------------------
    // acks=all

    @Test
    void acksAllTimesOutAfterTheRequestTimeoutWhileFollowersAreStuckAndTheBatchStaysInTheLeadersLog() {
        final Broker leader;
        // A long replica.lag.time.max.ms keeps the paused followers in the ISR, so the leader must wait for them.
        try (InProcessCluster cluster = InProcessCluster.start(
            settings(BrokerConfig.REPLICA_LAG_TIME_MAX_MS, "600000"), dataDir)) {
            leader = cluster.broker(LEADER);
            final RawClient client = new RawClient(cluster.connectClient());
            final int warmUp = client.produce(ACKS_ALL, LONG_TIMEOUT_MS, 0, Batch.of(0, 5));
            assertEntry(client.awaitProduceResponse(warmUp), 0, 0, NONE, 0);

            pauseFetchingAndAwaitItStopped(cluster, 1, 2);
            final long sentAt = System.nanoTime();
            final int correlationId = client.produce(ACKS_ALL, 200, 0, Batch.of(5, 5));
            final ProduceResponse answer = client.awaitProduceResponse(correlationId);
            final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt);

            assertEntry(answer, 0, 0, REQUEST_TIMED_OUT, -1);
            assertThat(elapsedMs).as("time to REQUEST_TIMED_OUT, ms").isBetween(150L, WAIT_MS);
        }
        assertThat(leader.isrSize(0)).isEqualTo(3);
        // A timed-out acks=all batch is not undone: it is in the leader's log (kafka-semantics.md §4.1).
        assertThat(leaderLog(0)).containsExactlyElementsOf(records(0, 0, 10));
    }

    @Test
    void responsesOnOneConnectionComeBackInRequestOrderWhileAnAcksAllRequestIsParked() {
        try (InProcessCluster cluster = InProcessCluster.start(
            settings(BrokerConfig.REPLICA_LAG_TIME_MAX_MS, "600000"), dataDir)) {
            final RawClient client = new RawClient(cluster.connectClient());
            pauseFetchingAndAwaitItStopped(cluster, 1, 2);

            final int first = client.produce(ACKS_ALL, LONG_TIMEOUT_MS, 0, Batch.of(0, 10));
            final int second = client.produce(ACKS_ALL, LONG_TIMEOUT_MS, 0, Batch.of(10, 5));
            // An acks=1 request would be answered at once if the broker read it: it must wait its turn.
            final int third = client.produce(ACKS_LEADER, LONG_TIMEOUT_MS, 0, Batch.of(15, 3));
            awaitWholeDutyCycle(cluster.broker(LEADER));
            client.assertNothingArrived();

            cluster.broker(1).resumeFetching();
            cluster.broker(2).resumeFetching();
            final ProduceResponse firstAnswer = client.awaitProduceResponse();
            assertThat(firstAnswer.correlationId()).isEqualTo(first);
            assertEntry(firstAnswer, 0, 0, NONE, 0);
            final ProduceResponse secondAnswer = client.awaitProduceResponse();
            assertThat(secondAnswer.correlationId()).isEqualTo(second);
            assertEntry(secondAnswer, 0, 0, NONE, 10);
            final ProduceResponse thirdAnswer = client.awaitProduceResponse();
            assertThat(thirdAnswer.correlationId()).isEqualTo(third);
            assertEntry(thirdAnswer, 0, 0, NONE, 15);
            awaitWholeDutyCycle(cluster.broker(LEADER));
            client.assertNothingArrived();
        }
        assertThat(leaderLog(0)).containsExactlyElementsOf(records(0, 0, 18));
    }

    // ---------------------------------------------------------------------------------------------------------
    // idempotence

    @Test
    void idempotentBatchesAreDeduplicatedAndSequenceAndEpochChecked() {
        final Broker leader;
        try (InProcessCluster cluster = InProcessCluster.start(settings(), dataDir)) {
            leader = cluster.broker(LEADER);
            final RawClient client = new RawClient(cluster.connectClient());
            // Until the controller has granted the broker a block of producer ids, the broker answers Kafka's
            // retriable COORDINATOR_LOAD_IN_PROGRESS, as a loaded machine showed once: ask again, as a client would.
            final long initDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
            UnsafeBuffer initAnswer;
            short initError;
            do {
                final int init = client.initProducerId();
                initAnswer = client.awaitFrame();
                assertThat(FrameHeader.type(initAnswer, 0)).isEqualTo(FrameHeader.INIT_PRODUCER_ID_RESPONSE);
                assertThat(FrameHeader.correlationId(initAnswer, 0)).isEqualTo(init);
                InitProducerId.checkResponse(initAnswer.capacity());
                initError = InitProducerId.errorCode(initAnswer, 0);
            } while (initError == ErrorCode.COORDINATOR_LOAD_IN_PROGRESS && System.nanoTime() - initDeadline < 0);
            assertThat(initError).isEqualTo((short) NONE);
            final long producerId = InitProducerId.producerId(initAnswer, 0);
            assertThat(producerId).isNotNegative();
            assertThat(InitProducerId.producerEpoch(initAnswer, 0)).isZero();

            final Batch first = Batch.idempotent(0, 10, producerId, (short) 0, 0);
            final int sent = client.produce(ACKS_LEADER, LONG_TIMEOUT_MS, 0, first);
            assertEntry(client.awaitProduceResponse(sent), 0, 0, NONE, 0);

            // A retry of the same bytes: answered with the original offset, appended once.
            final int resent = client.produce(ACKS_LEADER, LONG_TIMEOUT_MS, 0, first);
            assertEntry(client.awaitProduceResponse(resent), 0, 0, NONE, 0);

            final int gap = client.produce(ACKS_LEADER, LONG_TIMEOUT_MS, 0,
                Batch.idempotent(100, 5, producerId, (short) 0, 20));
            assertEntry(client.awaitProduceResponse(gap), 0, 0, OUT_OF_ORDER_SEQUENCE_NUMBER, -1);

            // The refused gap left the state alone: the true next sequence still goes in.
            final int inOrder = client.produce(ACKS_ALL, LONG_TIMEOUT_MS, 0,
                Batch.idempotent(10, 5, producerId, (short) 0, 10));
            assertEntry(client.awaitProduceResponse(inOrder), 0, 0, NONE, 10);

            final int bumped = client.produce(ACKS_LEADER, LONG_TIMEOUT_MS, 0,
                Batch.idempotent(20, 5, producerId, (short) 1, 0));
            assertEntry(client.awaitProduceResponse(bumped), 0, 0, NONE, 15);

            final int fenced = client.produce(ACKS_LEADER, LONG_TIMEOUT_MS, 0,
                Batch.idempotent(30, 5, producerId, (short) 0, 15));
            assertEntry(client.awaitProduceResponse(fenced), 0, 0, INVALID_PRODUCER_EPOCH, -1);
        }
        assertThat(leader.duplicateBatches()).isEqualTo(1);
        assertThat(leader.appendedBatches()).isEqualTo(3);
        final List<LogContents.Entry> expected = new ArrayList<>(records(0, 0, 10));
        expected.addAll(records(10, 10, 5));
        expected.addAll(records(15, 20, 5));
        assertThat(leaderLog(0)).containsExactlyElementsOf(expected);
    }

    @Test
    void duplicateUnderAcksAllIsAnsweredOnlyOnceTheHighWatermarkCoversTheOriginal() {
        final Broker leader;
        final long producerId = 1000;
        try (InProcessCluster cluster = InProcessCluster.start(
            settings(BrokerConfig.REPLICA_LAG_TIME_MAX_MS, "600000"), dataDir)) {
            leader = cluster.broker(LEADER);
            final RawClient client = new RawClient(cluster.connectClient());
            // The retry comes on a connection of its own, as a producer's does once its first one broke: on the
            // original's connection it would not even be read while the original is parked.
            final RawClient retrying = new RawClient(cluster.connectClient());
            pauseFetchingAndAwaitItStopped(cluster, 1, 2);

            final Batch batch = Batch.idempotent(0, 10, producerId, (short) 0, 0);
            final int sent = client.produce(ACKS_ALL, LONG_TIMEOUT_MS, 0, batch);
            awaitWholeDutyCycle(leader);
            final int resent = retrying.produce(ACKS_ALL, LONG_TIMEOUT_MS, 0, batch);
            awaitWholeDutyCycle(leader);
            // The original is on the leader alone: acknowledging its retry would be acknowledging that.
            client.assertNothingArrived();
            retrying.assertNothingArrived();

            cluster.broker(1).resumeFetching();
            cluster.broker(2).resumeFetching();
            assertEntry(client.awaitProduceResponse(sent), 0, 0, NONE, 0);
            assertEntry(retrying.awaitProduceResponse(resent), 0, 0, NONE, 0);

            // Under acks=1 the leader's copy is all that is asked for: the duplicate is answered at once.
            pauseFetchingAndAwaitItStopped(cluster, 1, 2);
            final Batch next = Batch.idempotent(10, 5, producerId, (short) 0, 10);
            final int nextSent = client.produce(ACKS_LEADER, LONG_TIMEOUT_MS, 0, next);
            assertEntry(client.awaitProduceResponse(nextSent), 0, 0, NONE, 10);
            final int nextResent = retrying.produce(ACKS_LEADER, LONG_TIMEOUT_MS, 0, next);
            assertEntry(retrying.awaitProduceResponse(nextResent), 0, 0, NONE, 10);
        }
        assertThat(leader.duplicateBatches()).isEqualTo(2);
        assertThat(leader.appendedBatches()).isEqualTo(2);
        final List<LogContents.Entry> expected = new ArrayList<>(records(0, 0, 10));
        expected.addAll(records(10, 10, 5));
        assertThat(leaderLog(0)).containsExactlyElementsOf(expected);
    }

    // ---------------------------------------------------------------------------------------------------------
    // malformed frames

    @Test
    void malformedProduceFrameIsRefusedWithInvalidRequestAndCountedAndTheNextRequestIsAnswered() {
        final Broker leader;
        try (InProcessCluster cluster = InProcessCluster.start(settings(), dataDir)) {
            leader = cluster.broker(LEADER);
            final RawClient client = new RawClient(cluster.connectClient());
            final Batch batch = Batch.of(0, 10);
            // One entry declaring the whole batch while the frame carries only its first 50 bytes.
            final UnsafeBuffer frame = new UnsafeBuffer(ByteBuffer.allocateDirect(256));
            new ProduceRequest().wrapForEncode(frame, 0, frame.capacity(), 99, client.nodeId(), ACKS_LEADER,
                LONG_TIMEOUT_MS);
            frame.putInt(ProduceRequest.ENTRY_COUNT_OFFSET, 1);
            frame.putInt(ProduceRequest.ENTRIES_OFFSET + ProduceRequest.ENTRY_PARTITION_OFFSET, 0);
            frame.putInt(ProduceRequest.ENTRIES_OFFSET + ProduceRequest.ENTRY_LENGTH_OFFSET, batch.length);
            frame.putBytes(ProduceRequest.ENTRIES_OFFSET + ProduceRequest.ENTRY_HEADER_LENGTH, batch.buffer, 0, 50);
            client.sendRaw(frame, ProduceRequest.ENTRIES_OFFSET + ProduceRequest.ENTRY_HEADER_LENGTH + 50);

            final int next = client.produce(ACKS_LEADER, LONG_TIMEOUT_MS, 0, Batch.of(50, 2));
            client.awaitErrorResponse(99, ErrorCode.INVALID_REQUEST, FrameHeader.PRODUCE_REQUEST);
            final ProduceResponse answer = client.awaitProduceResponse();
            // In process there is no connection to close, so the next request is served.
            assertThat(answer.correlationId()).isEqualTo(next);
            assertEntry(answer, 0, 0, NONE, 0);
            awaitWholeDutyCycle(leader);
            client.assertNothingArrived();
        }
        assertThat(leader.malformedFrames()).isEqualTo(1);
        assertThat(leaderLog(0)).containsExactlyElementsOf(records(0, 50, 2));
    }

    @Test
    void unknownFrameTypeAndVersionAreRefusedWithUnsupportedVersionAndAnErrorResponseIsNeverAnswered() {
        try (InProcessCluster cluster = InProcessCluster.start(settings(), dataDir)) {
            final RawClient client = new RawClient(cluster.connectClient());
            final UnsafeBuffer frame = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
            FrameHeader.write(frame, 0, (short) 77, 41, client.nodeId());
            client.sendRaw(frame, FrameHeader.LENGTH);
            client.awaitErrorResponse(41, ErrorCode.UNSUPPORTED_VERSION, (short) 77);

            final int correlationId = client.initProducerId();
            frame.putBytes(0, client.out, 0, InitProducerId.REQUEST_LENGTH);
            frame.putShort(FrameHeader.VERSION_OFFSET, (short) 4);
            client.sendRaw(frame, InitProducerId.REQUEST_LENGTH);
            assertThat(FrameHeader.correlationId(client.awaitFrame(), 0)).isEqualTo(correlationId);
            client.awaitErrorResponse(correlationId, ErrorCode.UNSUPPORTED_VERSION,
                FrameHeader.INIT_PRODUCER_ID_REQUEST);

            ErrorResponse.encode(frame, 0, frame, 0, client.nodeId(), ErrorCode.INVALID_REQUEST);
            client.sendRaw(frame, ErrorResponse.LENGTH);
            awaitWholeDutyCycle(cluster.broker(LEADER));
            client.assertNothingArrived();
            assertThat(cluster.broker(LEADER).malformedFrames()).isEqualTo(2);
        }
    }

    @Test
    void malformedProduceFrameAppendsNothingEvenFromItsWellFormedEntries() {
        final Broker leader;
        try (InProcessCluster cluster = InProcessCluster.start(settings(), dataDir)) {
            leader = cluster.broker(LEADER);
            final RawClient client = new RawClient(cluster.connectClient());
            final Batch valid = Batch.of(0, 10);
            final UnsafeBuffer frame = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));
            final ProduceRequest request = new ProduceRequest().wrapForEncode(frame, 0, frame.capacity(), 99,
                client.nodeId(), ACKS_LEADER, LONG_TIMEOUT_MS);
            request.addBatch(0, valid.buffer, 0, valid.length);
            request.addBatch(0, valid.buffer, 0, valid.length);
            // The second entry declares its whole batch, but the frame ends 10 bytes into it.
            client.sendRaw(frame, request.encodedLength() - valid.length + 10);

            final int next = client.produce(ACKS_LEADER, LONG_TIMEOUT_MS, 0, Batch.of(50, 2));
            client.awaitErrorResponse(99, ErrorCode.INVALID_REQUEST, FrameHeader.PRODUCE_REQUEST);
            final ProduceResponse answer = client.awaitProduceResponse();
            assertThat(answer.correlationId()).isEqualTo(next);
            assertEntry(answer, 0, 0, NONE, 0);
        }
        assertThat(leader.malformedFrames()).isEqualTo(1);
        assertThat(leaderLog(0)).containsExactlyElementsOf(records(0, 50, 2));
    }

    @Test
    void requestWithMoreEntriesThanTheTopicHasPartitionsIsAnsweredPerEntry() {
        try (InProcessCluster cluster = InProcessCluster.start(settings(), dataDir)) {
            final RawClient client = new RawClient(cluster.connectClient());

            final int correlationId = client.produce(ACKS_LEADER, LONG_TIMEOUT_MS,
                new int[] {0, 7}, Batch.of(0, 2), Batch.of(2, 2));
            final ProduceResponse answer = client.awaitProduceResponse(correlationId);
            assertThat(answer.entryCount()).isEqualTo(2);
            assertEntry(answer, 0, 0, NONE, 0);
            assertEntry(answer, 1, 7, UNKNOWN_TOPIC_OR_PARTITION, -1);
        }
        assertThat(leaderLog(0)).containsExactlyElementsOf(records(0, 0, 2));
    }

    // ---------------------------------------------------------------------------------------------------------
    // helpers

    /**
     * Pauses the followers' fetching and waits until it has stopped: each began a duty cycle after the pause, so it
     * sends no further fetch, and the fetch it had at the leader (parked there until data came or its wait ran out)
     * came back. From then on the leader hears nothing from them.
     */
    private static void pauseFetchingAndAwaitItStopped(final InProcessCluster cluster, final int... followers) {
        for (final int follower : followers) {
            cluster.broker(follower).pauseFetching();
        }
        final long pausedMs = clusterClockMs();
        for (final int follower : followers) {
            final Broker broker = cluster.broker(follower);
            Await.until("broker " + follower + " began a duty cycle after its fetching was paused at " + pausedMs
                + " ms", () -> broker.heartbeatMs() > pausedMs, () -> "a cycle begun at " + broker.heartbeatMs());
            Await.until("the fetch broker " + follower + " had at the leader came back",
                () -> !broker.awaitingFetchResponse(LEADER));
        }
    }

    /**
     * Waits until {@code broker} has run a whole duty cycle begun after this call. A cycle reads every connection, up
     * to 64 frames, so the few frames these tests sent it before the call have then been read and handled, and any
     * answer it made to them is already on the client's connection.
     */
    private static void awaitWholeDutyCycle(final Broker broker) {
        final long calledMs = clusterClockMs();
        Await.until("broker " + broker.id() + " began a duty cycle after " + calledMs + " ms",
            () -> broker.heartbeatMs() > calledMs, () -> "a cycle begun at " + broker.heartbeatMs());
        // That cycle is over once another has begun after it did.
        final long begunMs = clusterClockMs();
        Await.until("broker " + broker.id() + " began a duty cycle after " + begunMs + " ms",
            () -> broker.heartbeatMs() > begunMs, () -> "a cycle begun at " + broker.heartbeatMs());
    }

    /** Now in ms of the clock the cluster's brokers stamp their duty cycles with (InProcessCluster's SystemNanoClock). */
    private static long clusterClockMs() {
        return System.nanoTime() / 1_000_000L;
    }

    private List<LogContents.Entry> leaderLog(final int partition) {
        return LogContents.read(LogContents.partitionDir(dataDir, LEADER, TOPIC, partition));
    }

    /** {@code count} log entries from {@code offset} whose values are numbered from {@code firstValue}. */
    private static List<LogContents.Entry> records(final long offset, final long firstValue, final int count) {
        final List<LogContents.Entry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(new LogContents.Entry(offset + i, firstValue + i));
        }
        return entries;
    }

    private static void assertEntry(final ProduceResponse response, final int entry, final int partition,
                                    final int errorCode, final long baseOffset) {
        assertThat(response.partition(entry)).as("partition of entry %d", entry).isEqualTo(partition);
        assertThat(response.errorCode(entry))
            .as("error of entry %d: %s", entry, ErrorCode.name(response.errorCode(entry)))
            .isEqualTo((short) errorCode);
        assertThat(response.baseOffset(entry)).as("base offset of entry %d", entry).isEqualTo(baseOffset);
    }

    /**
     * A producer-built RecordBatch v2 whose records' values start with their number (big-endian), so
     * {@link LogContents} can tell them apart. Direct memory, as the producer uses.
     */
    private static final class Batch {
        final UnsafeBuffer buffer;
        final int length;

        private Batch(final UnsafeBuffer buffer, final int length) {
            this.buffer = buffer;
            this.length = length;
        }

        static Batch of(final long firstValue, final int count) {
            return of(firstValue, count, VALUE_BYTES);
        }

        static Batch of(final long firstValue, final int count, final int valueBytes) {
            return build(firstValue, count, valueBytes, RecordBatchLayout.NO_PRODUCER_ID,
                RecordBatchLayout.NO_PRODUCER_EPOCH, RecordBatchLayout.NO_SEQUENCE);
        }

        static Batch idempotent(final long firstValue, final int count, final long producerId, final short epoch,
                                final int baseSequence) {
            return build(firstValue, count, VALUE_BYTES, producerId, epoch, baseSequence);
        }

        private static Batch build(final long firstValue, final int count, final int valueBytes,
                                   final long producerId, final short epoch, final int baseSequence) {
            final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024));
            final UnsafeBuffer value = new UnsafeBuffer(ByteBuffer.allocateDirect(valueBytes));
            final RecordBatchWriter writer = new RecordBatchWriter().wrap(buffer, 0, buffer.capacity());
            writer.producerState(producerId, epoch, baseSequence);
            final long now = System.currentTimeMillis();
            for (int i = 0; i < count; i++) {
                value.putLong(0, firstValue + i, ByteOrder.BIG_ENDIAN);
                assertThat(writer.append(now, null, 0, -1, value, 0, valueBytes, null)).isTrue();
            }
            return new Batch(buffer, writer.seal());
        }

        Batch copy() {
            final UnsafeBuffer copy = new UnsafeBuffer(ByteBuffer.allocateDirect(buffer.capacity()));
            copy.putBytes(0, buffer, 0, length);
            return new Batch(copy, length);
        }

        /** Recomputes the CRC after a test changed a covered header field on purpose. */
        void reseal() {
            RecordBatchSealer.writeCrc(buffer, 0, length, new Crc32c());
        }
    }

    /**
     * A client that speaks frames directly: it sends requests to the leader and keeps a copy of every frame it
     * receives, in arrival order. Test thread only.
     */
    private static final class RawClient {
        private final Endpoint endpoint;
        private final UnsafeBuffer out = new UnsafeBuffer(ByteBuffer.allocateDirect(256 * 1024));
        private final ProduceRequest request = new ProduceRequest();
        private final ArrayDeque<UnsafeBuffer> inbox = new ArrayDeque<>();
        private final FrameHandler collect = (buffer, offset, length) -> {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            inbox.add(new UnsafeBuffer(copy));
        };
        private int nextCorrelationId = 1;

        RawClient(final Endpoint endpoint) {
            this.endpoint = endpoint;
        }

        int nodeId() {
            return endpoint.nodeId();
        }

        int produce(final short acks, final int timeoutMs, final int partition, final Batch batch) {
            return produce(acks, timeoutMs, new int[] {partition}, batch);
        }

        /** Sends one Produce request with {@code batches[i]} for {@code partitions[i]}; returns its correlation id. */
        int produce(final short acks, final int timeoutMs, final int[] partitions, final Batch... batches) {
            assertThat(partitions).hasSameSizeAs(batches);
            final int correlationId = nextCorrelationId++;
            request.wrapForEncode(out, 0, out.capacity(), correlationId, endpoint.nodeId(), acks, timeoutMs);
            for (int i = 0; i < batches.length; i++) {
                request.addBatch(partitions[i], batches[i].buffer, 0, batches[i].length);
            }
            sendRaw(out, request.encodedLength());
            return correlationId;
        }

        int initProducerId() {
            final int correlationId = nextCorrelationId++;
            sendRaw(out, InitProducerId.encodeRequest(out, 0, correlationId, endpoint.nodeId()));
            return correlationId;
        }

        void sendRaw(final UnsafeBuffer frame, final int length) {
            assertThat(endpoint.send(LEADER, frame, 0, length)).as("sent to the leader").isTrue();
        }

        /** The next frame to arrive, waiting up to {@link #WAIT_MS}. */
        UnsafeBuffer awaitFrame() {
            Await.until("a frame arrived from the leader", () -> !inbox.isEmpty() || endpoint.poll(collect, 16) > 0,
                null, WAIT_MS);
            return inbox.poll();
        }

        ProduceResponse awaitProduceResponse() {
            final UnsafeBuffer frame = awaitFrame();
            assertThat(FrameHeader.type(frame, 0)).isEqualTo(FrameHeader.PRODUCE_RESPONSE);
            assertThat(FrameHeader.source(frame, 0)).isEqualTo(LEADER);
            return new ProduceResponse().wrapForDecode(frame, 0, frame.capacity());
        }

        /** The next frame, which must be an error response refusing the request {@code correlationId}. */
        void awaitErrorResponse(final int correlationId, final short errorCode, final short requestType) {
            final UnsafeBuffer frame = awaitFrame();
            assertThat(FrameHeader.type(frame, 0)).isEqualTo(FrameHeader.ERROR_RESPONSE);
            assertThat(FrameHeader.source(frame, 0)).isEqualTo(LEADER);
            assertThat(FrameHeader.correlationId(frame, 0)).isEqualTo(correlationId);
            assertThat(ErrorResponse.errorCode(frame, 0)).isEqualTo(errorCode);
            assertThat(ErrorResponse.requestType(frame, 0)).isEqualTo(requestType);
        }

        /** The next frame, which must be the answer to {@code correlationId}. */
        ProduceResponse awaitProduceResponse(final int correlationId) {
            final ProduceResponse response = awaitProduceResponse();
            assertThat(response.correlationId()).isEqualTo(correlationId);
            return response;
        }

        /** Reads whatever has arrived, which must be nothing: call once the broker handled what could be answered. */
        void assertNothingArrived() {
            while (endpoint.poll(collect, 16) > 0) {
                // read everything on the connection
            }
            assertThat(inbox).as("frames received").isEmpty();
        }
    }
}
