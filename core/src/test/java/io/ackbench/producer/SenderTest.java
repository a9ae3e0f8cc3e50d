package io.ackbench.producer;

import io.ackbench.producer.DeliveryLog.Delivery;
import io.ackbench.producer.DeliveryLog.Outcome;
import io.ackbench.producer.ScriptedEndpoint.MetadataCall;
import io.ackbench.producer.ScriptedEndpoint.ProduceAnswer;
import io.ackbench.producer.ScriptedEndpoint.ProduceCall;
import io.ackbench.producer.ScriptedEndpoint.SentBatch;
import io.ackbench.record.RecordBatchLayout;
import io.ackbench.transport.ErrorCode;
import io.ackbench.transport.ExponentialBackoff;
import io.ackbench.transport.TopicLayout;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sender on its own: a {@link ScriptedEndpoint} stands in for the brokers and a {@link ManualNanoClock} for
 * time, and each test turns the sender's duty cycle by hand, so every request, answer and timeout happens at a
 * time the test chose.
 */
class SenderTest {
    /** The producer's node id, from which the sender seeds its retry jitter. */
    private static final int CLIENT = 7;
    private static final int BROKER_0 = 0;
    private static final int BROKER_1 = 1;
    private static final int P0 = 0;
    private static final int P1 = 1;
    private static final String TOPIC = "orders";
    private static final long START_NANOS = 5_000_000_000L;
    private static final long TIMESTAMP = 1_700_000_000_000L;

    private static final long RETRY_BACKOFF_MS = 100;
    private static final long RETRY_BACKOFF_MAX_MS = 1000;
    private static final long REQUEST_TIMEOUT_MS = 1000;
    /** How long a broker takes to answer, where the time does not matter but should not be zero. */
    private static final long ANSWER_DELAY_MS = 3;
    /** Long enough for any backoff to have passed several times over. */
    private static final long MUCH_LATER_MS = 10 * RETRY_BACKOFF_MAX_MS;
    /** Past a constant retry.backoff.ms, and still short of request.timeout.ms. */
    private static final long PAST_BACKOFF_MS = 2 * RETRY_BACKOFF_MS;

    /** Batches small enough that a thousand of them cost little memory. */
    private static final int SMALL_BATCH_BYTES = 1024;

    private static final long PRODUCER_ID = 4242;
    private static final short PRODUCER_EPOCH = 3;
    private static final long NO_OFFSET = -1;

    private static final long R1 = 101;
    private static final long R2 = 102;
    private static final long R3 = 103;
    private static final long R4 = 104;
    private static final long R5 = 105;
    private static final long R6 = 106;

    private final ManualNanoClock clock = new ManualNanoClock(START_NANOS);
    private final ScriptedEndpoint endpoint = new ScriptedEndpoint(CLIENT, clock);
    private final DeliveryLog deliveries = new DeliveryLog(clock);
    private final UnsafeBuffer value = new UnsafeBuffer(new byte[Long.BYTES]);
    private RecordAccumulator accumulator;
    private Sender sender;

    // ---- retries and their backoff ----

    @Test
    void retriableErrorIsRetriedExactlyWhenExponentialBackoffMsHasPassed() {
        start(topic(1, 1));
        send(P0, R1, R2);
        cycle();
        final ProduceCall first = endpoint.produceCall(0);
        assertThat(first.batch()).isEqualTo(plainBatch(P0, R1, R2));

        clock.advance(ms(ANSWER_DELAY_MS));
        answer(first.answer().failed(P0, ErrorCode.NOT_ENOUGH_REPLICAS));
        final long failedAt = clock.nanoTime();
        assertThat(deliveries.all()).isEmpty();

        // retry.backoff.max.ms = retry.backoff.ms: Kafka's constant backoff, without jitter
        final ProduceCall retry = onlyRequestGoingOutAt(failedAt + ms(RETRY_BACKOFF_MS));
        assertThat(retry.batch()).isEqualTo(first.batch());
        assertThat(retry.correlationId()).isNotEqualTo(first.correlationId());

        clock.advance(ms(ANSWER_DELAY_MS));
        answer(retry.answer().appended(P0, 42));
        assertThat(deliveries.all()).containsExactly(
            new Delivery(R1, P0, 42, ErrorCode.NONE, clock.nanoTime()),
            new Delivery(R2, P0, 43, ErrorCode.NONE, clock.nanoTime()));
    }

    @Test
    void retryBackoffGrowsExponentiallyWithJitterUpToExponentialBackoffMaxMs() {
        final int attempts = 10;
        start(topic(1, 1), ProducerConfig.RETRY_BACKOFF_MAX_MS, Long.toString(RETRY_BACKOFF_MAX_MS));
        final long[] backoffMs = expectedBackoffs(attempts);
        send(P0, R1);
        cycle();
        ProduceCall call = endpoint.produceCall(0);
        for (int attempt = 0; attempt < attempts; attempt++) {
            assertThat(backoffMs[attempt]).as("backoff before retry %d", attempt + 1)
                .isBetween(kafkaShortestBackoffMs(attempt), kafkaLongestBackoffMs(attempt));
            clock.advance(ms(ANSWER_DELAY_MS));
            answer(call.answer().failed(P0, ErrorCode.NOT_LEADER_OR_FOLLOWER));
            call = onlyRequestGoingOutAt(clock.nanoTime() + ms(backoffMs[attempt]));
            assertThat(call.batch().recordIds()).containsExactly(R1);
        }
        answer(call.answer().appended(P0, 7));
        assertThat(deliveries.outcomes()).containsExactly(new Outcome(R1, P0, 7, ErrorCode.NONE));
    }

    @Test
    void requestWithoutAnswerTimesOutAfterRequestTimeoutMsAndIsRetried() {
        start(topic(1, 1));
        send(P0, R1);
        cycle();
        final ProduceCall first = endpoint.produceCall(0);

        clock.advanceTo(first.sentNanos() + ms(REQUEST_TIMEOUT_MS) - 1);
        cycle();
        clock.advance(1);
        cycle();
        final long timedOutAt = clock.nanoTime();
        assertThat(deliveries.all()).isEmpty();
        // Timed out 1 ns earlier, the retry would go out 1 ns earlier, which this checks.
        final ProduceCall retry = onlyRequestGoingOutAt(timedOutAt + ms(RETRY_BACKOFF_MS));
        assertThat(retry.batch()).isEqualTo(first.batch());

        // The first answer comes after the sender gave up on it: ignored.
        answer(first.answer().appended(P0, 10));
        assertThat(deliveries.all()).isEmpty();
        answer(retry.answer().appended(P0, 11));
        assertThat(deliveries.outcomes()).containsExactly(new Outcome(R1, P0, 11, ErrorCode.NONE));
    }

    @Test
    void requestTimeoutClosesTheConnectionAndRetriesEveryRequestInFlightOnIt() {
        start(topic(2, 1), ProducerConfig.MAX_IN_FLIGHT, "2");
        send(P0, R1);
        cycle();
        clock.advance(ms(ANSWER_DELAY_MS));
        send(P1, R2);
        cycle();
        final ProduceCall first = endpoint.produceCall(0);
        assertThat(endpoint.produceCalls()).hasSize(2);

        clock.advanceTo(first.sentNanos() + ms(REQUEST_TIMEOUT_MS) - 1);
        cycle();
        assertThat(endpoint.disconnects()).isEmpty();
        clock.advance(1);
        cycle();
        final long timedOutAt = clock.nanoTime();
        assertThat(endpoint.disconnects()).singleElement().satisfies(disconnect -> {
            assertThat(disconnect.broker()).isEqualTo(BROKER_0);
            assertThat(disconnect.atNanos()).isEqualTo(timedOutAt);
        });
        // The second request had not timed out, but its connection is gone: it is retried with the first.
        final List<ProduceCall> retries = requestsGoingOutAt(timedOutAt + ms(RETRY_BACKOFF_MS));
        assertThat(retries).flatMap(ProduceCall::batches).containsExactlyInAnyOrder(plainBatch(P0, R1),
            plainBatch(P1, R2));
        for (final ProduceCall retry : retries) {
            final ProduceAnswer answer = retry.answer();
            retry.batches().forEach(batch -> answer.appended(batch.partition(), batch.partition() == P0 ? 5 : 6));
            endpoint.deliver(answer);
        }
        cycle();
        assertThat(deliveries.outcomes()).containsExactlyInAnyOrder(new Outcome(R1, P0, 5, ErrorCode.NONE),
            new Outcome(R2, P1, 6, ErrorCode.NONE));
        assertThat(endpoint.disconnects()).hasSize(1);
        assertCompletedOnceAndReleased(R1, R2);
    }

    @Test
    void aLostConnectionFailsWhatWasInFlightAtOnceAndNothingGoesToABrokerInBackoff() {
        start(topic(2, 1), ProducerConfig.MAX_IN_FLIGHT, "2");
        send(P0, R1);
        cycle();
        final ProduceCall first = endpoint.produceCall(0);

        clock.advance(ms(ANSWER_DELAY_MS));
        endpoint.loseConnection(BROKER_0);
        endpoint.backOff(BROKER_0, true);
        cycle();
        final long lostAt = clock.nanoTime();
        // Failed with the connection, long before request.timeout.ms; the leaders are asked for after retry.backoff.ms.
        clock.advanceTo(lostAt + ms(PAST_BACKOFF_MS));
        send(P0, R2);
        cycle();
        assertThat(endpoint.metadataCalls()).hasSize(1);
        assertThat(endpoint.produceCalls()).containsExactly(first); // broker 0 is in backoff: nothing more to it

        endpoint.backOff(BROKER_0, false);
        cycle();
        cycle();
        final List<ProduceCall> after = endpoint.produceCalls().subList(1, endpoint.produceCalls().size());
        assertThat(after).flatMap(ProduceCall::batches).extracting(SentBatch::recordIds)
            .containsExactly(List.of(R1), List.of(R2));
        assertThat(after.get(0).sentNanos() - first.sentNanos()).isLessThan(ms(REQUEST_TIMEOUT_MS));
        endpoint.deliver(after.get(0).answer().appended(P0, 0));
        endpoint.deliver(after.get(1).answer().appended(P0, 1));
        cycle();
        assertThat(deliveries.outcomes()).containsExactly(new Outcome(R1, P0, 0, ErrorCode.NONE),
            new Outcome(R2, P0, 1, ErrorCode.NONE));
        assertCompletedOnceAndReleased(R1, R2);
    }

    @Test
    void deliveryTimeoutFailsEachRecordOnceWithRequestTimedOutAndIgnoresLateAnswers() {
        // The second attempt's request timeout falls exactly on delivery.timeout.ms after the batch was created.
        final long deliveryTimeoutMs = REQUEST_TIMEOUT_MS + RETRY_BACKOFF_MS + REQUEST_TIMEOUT_MS;
        start(topic(1, 1), ProducerConfig.DELIVERY_TIMEOUT_MS, Long.toString(deliveryTimeoutMs));
        final long createdAt = clock.nanoTime();
        send(P0, R1, R2);
        cycle();
        final ProduceCall first = endpoint.produceCall(0);
        clock.advanceTo(createdAt + ms(REQUEST_TIMEOUT_MS));
        cycle();
        final ProduceCall second = onlyRequestGoingOutAt(createdAt + ms(REQUEST_TIMEOUT_MS + RETRY_BACKOFF_MS));

        clock.advanceTo(createdAt + ms(deliveryTimeoutMs) - 1);
        cycle();
        assertThat(deliveries.all()).isEmpty();
        clock.advance(1);
        cycle();
        final long expiredAt = clock.nanoTime();
        // Kafka fails such a batch with a TimeoutException, whose code is REQUEST_TIMED_OUT.
        assertThat(deliveries.all()).containsExactly(
            new Delivery(R1, P0, NO_OFFSET, ErrorCode.REQUEST_TIMED_OUT, expiredAt),
            new Delivery(R2, P0, NO_OFFSET, ErrorCode.REQUEST_TIMED_OUT, expiredAt));

        clock.advance(ms(MUCH_LATER_MS));
        cycle();
        assertThat(endpoint.produceCalls()).hasSize(2);
        endpoint.deliver(first.answer().appended(P0, 20));
        endpoint.deliver(second.answer().appended(P0, 20));
        cycle();
        assertCompletedOnceAndReleased(R1, R2);
    }

    @Test
    void inFlightBatchExpiresExactlyAtDeliveryTimeoutAndItsLateAnswerIsIgnored() {
        // The retry is in flight, half way to its request timeout, when the delivery deadline passes.
        final long deliveryTimeoutMs = REQUEST_TIMEOUT_MS + RETRY_BACKOFF_MS + REQUEST_TIMEOUT_MS / 2;
        start(topic(1, 1), ProducerConfig.DELIVERY_TIMEOUT_MS, Long.toString(deliveryTimeoutMs));
        final long createdAt = clock.nanoTime();
        send(P0, R1, R2);
        cycle();
        clock.advanceTo(endpoint.produceCall(0).sentNanos() + ms(REQUEST_TIMEOUT_MS));
        cycle();
        final ProduceCall retry = onlyRequestGoingOutAt(clock.nanoTime() + ms(RETRY_BACKOFF_MS));

        clock.advanceTo(createdAt + ms(deliveryTimeoutMs) - 1);
        cycle();
        assertThat(deliveries.all()).isEmpty();
        clock.advance(1);
        cycle();
        assertThat(deliveries.all()).containsExactly(
            new Delivery(R1, P0, NO_OFFSET, ErrorCode.REQUEST_TIMED_OUT, clock.nanoTime()),
            new Delivery(R2, P0, NO_OFFSET, ErrorCode.REQUEST_TIMED_OUT, clock.nanoTime()));

        clock.advance(ms(ANSWER_DELAY_MS));
        answer(retry.answer().appended(P0, 50));
        clock.advance(ms(MUCH_LATER_MS));
        cycle();
        assertThat(endpoint.produceCalls()).hasSize(2);
        assertCompletedOnceAndReleased(R1, R2);
    }

    @Test
    void batchWaitingForItsRetryExpiresAtDeliveryTimeoutBeforeTheRetryIsDue() {
        final long deliveryTimeoutMs = REQUEST_TIMEOUT_MS + RETRY_BACKOFF_MS / 2;
        start(topic(1, 1), ProducerConfig.DELIVERY_TIMEOUT_MS, Long.toString(deliveryTimeoutMs));
        final long createdAt = clock.nanoTime();
        send(P0, R1);
        cycle();
        clock.advanceTo(createdAt + ms(REQUEST_TIMEOUT_MS));
        cycle();
        assertThat(deliveries.all()).as("timed out and waiting for its retry").isEmpty();

        clock.advanceTo(createdAt + ms(deliveryTimeoutMs) - 1);
        cycle();
        assertThat(deliveries.all()).isEmpty();
        clock.advance(1);
        cycle();
        assertThat(deliveries.all()).containsExactly(
            new Delivery(R1, P0, NO_OFFSET, ErrorCode.REQUEST_TIMED_OUT, clock.nanoTime()));
        clock.advance(ms(MUCH_LATER_MS));
        cycle();
        assertThat(endpoint.produceCalls()).as("no retry after the batch expired").hasSize(1);
        assertCompletedOnceAndReleased(R1);
    }

    @Test
    void withNoBrokerReachableEveryBatchExpiresAtItsOwnDeliveryTimeoutWhereverItWaits() {
        final long deliveryTimeoutMs = 2 * REQUEST_TIMEOUT_MS;
        start(topic(1, 1), ProducerConfig.DELIVERY_TIMEOUT_MS, Long.toString(deliveryTimeoutMs));
        endpoint.refuseEverything();
        // R1's batch ends in a request the connection never takes, R2's staged behind it, R3's in the accumulator.
        final long[] records = {R1, R2, R3};
        final long[] createdAt = new long[records.length];
        for (int i = 0; i < records.length; i++) {
            createdAt[i] = clock.nanoTime();
            send(P0, records[i]);
            cycle();
            clock.advance(ms(ANSWER_DELAY_MS));
        }
        for (int i = 0; i < records.length; i++) {
            clock.advanceTo(createdAt[i] + ms(deliveryTimeoutMs) - 1);
            cycle();
            assertThat(deliveries.all()).as("1 ns before record %d's deadline", records[i]).hasSize(i);
            clock.advance(1);
            cycle();
            assertThat(deliveries.all()).as("at record %d's deadline", records[i]).hasSize(i + 1)
                .last().isEqualTo(new Delivery(records[i], P0, NO_OFFSET, ErrorCode.REQUEST_TIMED_OUT,
                    clock.nanoTime()));
        }
        clock.advance(ms(MUCH_LATER_MS));
        assertThat(sender.doWork()).as("the sender has nothing left to do").isZero();
        assertThat(endpoint.produceCalls()).isEmpty();
        assertCompletedOnceAndReleased(R1, R2, R3);
    }

    @Test
    void idempotentProducerWithoutAProducerIdStillExpiresItsBatches() {
        final long deliveryTimeoutMs = 2 * REQUEST_TIMEOUT_MS;
        start(topic(1, 1), ProducerConfig.ENABLE_IDEMPOTENCE, "true",
            ProducerConfig.DELIVERY_TIMEOUT_MS, Long.toString(deliveryTimeoutMs));
        endpoint.refuseEverything();
        final long createdAt = clock.nanoTime();
        send(P0, R1, R2);
        cycle();
        clock.advanceTo(createdAt + ms(deliveryTimeoutMs) - 1);
        cycle();
        assertThat(deliveries.all()).isEmpty();
        clock.advance(1);
        cycle();
        assertThat(deliveries.all()).containsExactly(
            new Delivery(R1, P0, NO_OFFSET, ErrorCode.REQUEST_TIMED_OUT, clock.nanoTime()),
            new Delivery(R2, P0, NO_OFFSET, ErrorCode.REQUEST_TIMED_OUT, clock.nanoTime()));
        assertCompletedOnceAndReleased(R1, R2);
    }

    @Test
    void exhaustedRetryBudgetFailsEachRecordOnceWithTheLastErrorAndIgnoresTheLateAnswer() {
        start(topic(1, 1), ProducerConfig.RETRIES, "2");
        send(P0, R1, R2);
        cycle();
        clock.advance(ms(ANSWER_DELAY_MS));
        answer(endpoint.produceCall(0).answer().failed(P0, ErrorCode.NOT_ENOUGH_REPLICAS));
        final ProduceCall second = onlyRequestGoingOutAt(clock.nanoTime() + ms(RETRY_BACKOFF_MS));
        clock.advanceTo(second.sentNanos() + ms(REQUEST_TIMEOUT_MS));
        cycle();
        final ProduceCall third = onlyRequestGoingOutAt(clock.nanoTime() + ms(RETRY_BACKOFF_MS));

        clock.advance(ms(ANSWER_DELAY_MS));
        answer(third.answer().failed(P0, ErrorCode.NOT_LEADER_OR_FOLLOWER));
        assertThat(deliveries.outcomes()).containsExactly(
            new Outcome(R1, P0, NO_OFFSET, ErrorCode.NOT_LEADER_OR_FOLLOWER),
            new Outcome(R2, P0, NO_OFFSET, ErrorCode.NOT_LEADER_OR_FOLLOWER));

        clock.advance(ms(MUCH_LATER_MS));
        cycle();
        assertThat(endpoint.produceCalls()).as("the first send and retries=2").hasSize(3);
        answer(second.answer().appended(P0, 30));
        assertCompletedOnceAndReleased(R1, R2);
    }

    @Test
    void nonRetriableErrorFailsEachRecordOnceAndIsNeverRetried() {
        start(topic(1, 1));
        send(P0, R1, R2);
        cycle();
        final ProduceCall call = endpoint.produceCall(0);
        clock.advance(ms(ANSWER_DELAY_MS));
        answer(call.answer().failed(P0, ErrorCode.INVALID_RECORD));
        assertThat(deliveries.outcomes()).containsExactly(
            new Outcome(R1, P0, NO_OFFSET, ErrorCode.INVALID_RECORD),
            new Outcome(R2, P0, NO_OFFSET, ErrorCode.INVALID_RECORD));

        clock.advance(ms(MUCH_LATER_MS));
        cycle();
        assertThat(endpoint.produceCalls()).hasSize(1);
        // A second answer to the same request, as a duplicating network would bring it.
        answer(call.answer().appended(P0, 40));
        assertCompletedOnceAndReleased(R1, R2);
    }

    // ---- answers out of the expected order ----

    @Test
    void answerOvertakingAnOlderRequestRetriesBothAndEachBatchGetsItsOwnOffsets() {
        start(topic(1, 1));
        send(P0, R1);
        cycle();
        send(P0, R2);
        cycle();
        final ProduceCall older = endpoint.produceCall(0);
        final ProduceCall newer = endpoint.produceCall(1);

        // A broker answers a connection in request order, so an answer that overtakes tells the sender the older
        // answer was lost: it fails everything in flight to that broker as a broken connection and retries it.
        clock.advance(ms(ANSWER_DELAY_MS));
        endpoint.deliver(newer.answer().appended(P0, 11));
        endpoint.deliver(older.answer().appended(P0, 10));
        cycle();
        assertThat(deliveries.all()).isEmpty();

        final List<ProduceCall> retries = requestsGoingOutAt(clock.nanoTime() + ms(RETRY_BACKOFF_MS));
        assertThat(retries).extracting(ProduceCall::batch).containsExactly(older.batch(), newer.batch());
        endpoint.deliver(retries.get(0).answer().appended(P0, 12));
        endpoint.deliver(retries.get(1).answer().appended(P0, 13));
        cycle();
        assertThat(deliveries.outcomes()).containsExactly(
            new Outcome(R1, P0, 12, ErrorCode.NONE),
            new Outcome(R2, P0, 13, ErrorCode.NONE));
        assertCompletedOnceAndReleased(R1, R2);
    }

    @Test
    void errorResponseFailsEveryRequestInFlightToThatBrokerAndRetriesThem() {
        start(topic(2, 2));
        send(P0, R1);
        cycle();
        send(P0, R2);
        send(P1, R3);
        cycle();
        final ProduceCall refused = endpoint.produceCallsTo(BROKER_0).get(1);

        clock.advance(ms(ANSWER_DELAY_MS));
        endpoint.deliverRefusal(refused, ErrorCode.INVALID_REQUEST);
        cycle();
        final List<ProduceCall> retries = requestsGoingOutAt(clock.nanoTime() + ms(RETRY_BACKOFF_MS));
        assertThat(retries).extracting(ProduceCall::broker).containsOnly(BROKER_0);
        assertThat(retries).extracting(call -> call.batch().recordIds()).containsExactly(List.of(R1), List.of(R2));

        answer(endpoint.produceCallsTo(BROKER_1).get(0).answer().appended(P1, 0));
        endpoint.deliver(retries.get(0).answer().appended(P0, 5));
        endpoint.deliver(retries.get(1).answer().appended(P0, 6));
        cycle();
        assertThat(deliveries.outcomes()).containsExactly(
            new Outcome(R3, P1, 0, ErrorCode.NONE),
            new Outcome(R1, P0, 5, ErrorCode.NONE),
            new Outcome(R2, P0, 6, ErrorCode.NONE));
    }

    // ---- the idempotent producer ----

    @Test
    void idempotentRetriesGoOutOneAtATimeInSequenceOrderWithTheirOriginalSequences() {
        startIdempotent(topic(1, 1));
        send(P0, R1, R2);
        cycle();
        send(P0, R3);
        cycle();
        send(P0, R4, R5, R6);
        cycle();
        final List<ProduceCall> sent = endpoint.produceCalls();
        assertThat(sent).extracting(ProduceCall::batch).containsExactly(
            idempotentBatch(0, R1, R2), idempotentBatch(2, R3), idempotentBatch(3, R4, R5, R6));

        clock.advance(ms(ANSWER_DELAY_MS));
        answer(sent.get(0).answer().failed(P0, ErrorCode.NOT_ENOUGH_REPLICAS));
        clock.advance(ms(RETRY_BACKOFF_MS));
        cycle();
        assertThat(endpoint.produceCalls()).as("a due retry while later batches are in flight").hasSize(3);

        // Missing sequence 0, the broker refuses the later batches as out of order; they queue behind it.
        answer(sent.get(1).answer().failed(P0, ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER));
        assertThat(endpoint.produceCalls()).hasSize(3);
        clock.advance(ms(ANSWER_DELAY_MS));
        answer(sent.get(2).answer().failed(P0, ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER));
        assertThat(endpoint.produceCalls()).as("the first retry, once nothing else is in flight").hasSize(4);
        final ProduceCall firstRetry = endpoint.produceCall(3);
        assertThat(firstRetry.sentNanos()).isEqualTo(clock.nanoTime());

        clock.advance(ms(PAST_BACKOFF_MS));
        cycle();
        assertThat(endpoint.produceCalls()).as("due retries while the first is in flight").hasSize(4);
        // The retry fails too. It goes back ahead of the later batches, which are due and still wait for it.
        answer(firstRetry.answer().failed(P0, ErrorCode.NOT_ENOUGH_REPLICAS));
        final ProduceCall secondRetry = onlyRequestGoingOutAt(clock.nanoTime() + ms(RETRY_BACKOFF_MS));
        answer(secondRetry.answer().appended(P0, 100));
        assertThat(endpoint.produceCalls()).hasSize(6);
        clock.advance(ms(ANSWER_DELAY_MS));
        answer(endpoint.produceCall(5).answer().appended(P0, 102));
        assertThat(endpoint.produceCalls()).hasSize(7);
        clock.advance(ms(ANSWER_DELAY_MS));
        answer(endpoint.produceCall(6).answer().appended(P0, 103));

        assertThat(endpoint.produceCalls().subList(3, 7)).extracting(ProduceCall::batch).containsExactly(
            sent.get(0).batch(), sent.get(0).batch(), sent.get(1).batch(), sent.get(2).batch());
        assertThat(deliveries.outcomes()).containsExactly(
            new Outcome(R1, P0, 100, ErrorCode.NONE), new Outcome(R2, P0, 101, ErrorCode.NONE),
            new Outcome(R3, P0, 102, ErrorCode.NONE),
            new Outcome(R4, P0, 103, ErrorCode.NONE), new Outcome(R5, P0, 104, ErrorCode.NONE),
            new Outcome(R6, P0, 105, ErrorCode.NONE));
    }

    @Test
    void idempotentBatchesTimedOutTogetherAreRetriedInSequenceOrderOneAtATime() {
        startIdempotent(topic(1, 1));
        send(P0, R1);
        cycle();
        send(P0, R2);
        cycle();
        send(P0, R3);
        cycle();
        final List<ProduceCall> sent = endpoint.produceCalls();
        assertThat(sent).extracting(call -> call.batch().baseSequence()).containsExactly(0, 1, 2);

        clock.advanceTo(sent.get(0).sentNanos() + ms(REQUEST_TIMEOUT_MS));
        cycle();
        // All three are due at once; only the lowest sequence goes.
        ProduceCall retry = onlyRequestGoingOutAt(clock.nanoTime() + ms(RETRY_BACKOFF_MS));
        for (int i = 0; i < sent.size(); i++) {
            assertThat(retry.batch()).isEqualTo(sent.get(i).batch());
            clock.advance(ms(ANSWER_DELAY_MS));
            answer(retry.answer().appended(P0, 200 + i));
            final List<ProduceCall> calls = endpoint.produceCalls();
            assertThat(calls).hasSize(sent.size() + Math.min(i + 2, sent.size()));
            retry = calls.get(calls.size() - 1);
        }
        assertThat(deliveries.outcomes()).containsExactly(
            new Outcome(R1, P0, 200, ErrorCode.NONE),
            new Outcome(R2, P0, 201, ErrorCode.NONE),
            new Outcome(R3, P0, 202, ErrorCode.NONE));
    }

    // ---- max.in.flight.requests.per.connection ----

    @Test
    void neverMoreThanMaxInFlightRequestsToOneBrokerAndTheNextGoesOutWhenOneCompletes() {
        start(topic(2, 2), ProducerConfig.MAX_IN_FLIGHT, "2");
        send(P0, R1);
        cycle();
        send(P0, R2);
        cycle();
        send(P0, R3);
        cycle();
        send(P0, R4);
        cycle();
        assertThat(endpoint.produceCallsTo(BROKER_0)).as("requests to broker 0, 2 unanswered").hasSize(2);
        // The limit is per broker.
        send(P1, R5);
        cycle();
        assertThat(endpoint.produceCallsTo(BROKER_1)).hasSize(1);

        clock.advance(ms(ANSWER_DELAY_MS));
        answer(endpoint.produceCallsTo(BROKER_0).get(0).answer().appended(P0, 0));
        final List<ProduceCall> toBroker0 = endpoint.produceCallsTo(BROKER_0);
        assertThat(toBroker0).hasSize(3);
        // The batch kept filling while its broker had no request slot free.
        assertThat(toBroker0.get(2).batch().recordIds()).containsExactly(R3, R4);
        assertThat(toBroker0.get(2).sentNanos()).isEqualTo(clock.nanoTime());

        send(P0, R6);
        cycle();
        assertThat(endpoint.produceCallsTo(BROKER_0)).hasSize(3);
        answer(toBroker0.get(1).answer().appended(P0, 1));
        assertThat(endpoint.produceCallsTo(BROKER_0)).hasSize(4);
        assertThat(deliveries.outcomes()).containsExactly(
            new Outcome(R1, P0, 0, ErrorCode.NONE), new Outcome(R2, P0, 1, ErrorCode.NONE));
    }

    @Test
    void maxInFlightBeyondTheSendersPreallocatedRequestSlotsIsHonoured() {
        // The sender preallocates request slots for up to 1024 requests per broker; Kafka sets no such ceiling.
        final int maxInFlight = 1100;
        start(topic(1, 1), ProducerConfig.MAX_IN_FLIGHT, Integer.toString(maxInFlight),
            ProducerConfig.BATCH_SIZE, Integer.toString(SMALL_BATCH_BYTES));
        for (int i = 0; i <= maxInFlight; i++) {
            send(P0, R1 + i);
            cycle();
        }
        assertThat(endpoint.produceCalls()).hasSize(maxInFlight);

        answer(endpoint.produceCall(0).answer().appended(P0, 0));
        final List<ProduceCall> calls = endpoint.produceCalls();
        assertThat(calls).hasSize(maxInFlight + 1);
        assertThat(calls.get(maxInFlight).batch().recordIds()).containsExactly(R1 + maxInFlight);
    }

    // ---- the idempotent producer: KIP-360, starting a partition over under a new epoch ----

    @Test
    void outOfOrderForTheNextExpectedBatchBumpsTheEpochAndRestartsItsPartitionFromZero() {
        startIdempotent(topic(2, 1));
        send(P0, R1);
        send(P1, R2);
        cycle();
        answer(endpoint.produceCall(0).answer().appended(P0, 0).appended(P1, 0));
        send(P0, R3);
        cycle();
        final ProduceCall gap = endpoint.produceCall(1);
        assertThat(gap.batch()).isEqualTo(idempotentBatch(P0, PRODUCER_EPOCH, 1, R3));

        // Sequence 1 follows the acknowledged 0, so the broker lost what it had: a real gap.
        clock.advance(ms(ANSWER_DELAY_MS));
        answer(gap.answer().failed(P0, ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER));
        final short bumped = PRODUCER_EPOCH + 1;
        final ProduceCall retry = onlyRequestGoingOutAt(clock.nanoTime() + ms(RETRY_BACKOFF_MS));
        assertThat(retry.batch()).isEqualTo(idempotentBatch(P0, bumped, 0, R3));
        answer(retry.answer().appended(P0, 1));

        // P0 goes on from 1; P1, whose sequences belong to the old epoch, starts from 0 under the new one.
        send(P0, R4);
        send(P1, R5);
        cycle();
        assertThat(endpoint.produceCall(3).batches()).containsExactlyInAnyOrder(
            idempotentBatch(P0, bumped, 1, R4), idempotentBatch(P1, bumped, 0, R5));
        assertThat(deliveries.outcomes()).containsExactly(new Outcome(R1, P0, 0, ErrorCode.NONE),
            new Outcome(R2, P1, 0, ErrorCode.NONE), new Outcome(R3, P0, 1, ErrorCode.NONE));
    }

    @Test
    void batchExpiredInFlightLeavesAGapThatTheNextEpochRepairsOnceNothingIsInFlight() {
        final long deliveryTimeoutMs = REQUEST_TIMEOUT_MS + 5 * RETRY_BACKOFF_MS;
        startIdempotent(topic(1, 1), PRODUCER_EPOCH, ProducerConfig.DELIVERY_TIMEOUT_MS,
            Long.toString(deliveryTimeoutMs));
        final long createdAt = clock.nanoTime();
        send(P0, R1);
        cycle();
        clock.advance(ms(ANSWER_DELAY_MS));
        send(P0, R2);
        cycle();
        assertThat(endpoint.produceCalls()).extracting(ProduceCall::batch).containsExactly(
            idempotentBatch(P0, PRODUCER_EPOCH, 0, R1), idempotentBatch(P0, PRODUCER_EPOCH, 1, R2));

        // Both time out on one connection; R1, the lower sequence, is retried first while R2 waits for it.
        clock.advanceTo(createdAt + ms(REQUEST_TIMEOUT_MS));
        cycle();
        final ProduceCall firstRetry = onlyRequestGoingOutAt(clock.nanoTime() + ms(RETRY_BACKOFF_MS));
        assertThat(firstRetry.batch()).isEqualTo(idempotentBatch(P0, PRODUCER_EPOCH, 0, R1));

        // R1 expires in flight. Whether the broker has sequence 0 is unknown, so sequence 1 might never be accepted:
        // with nothing of the partition in flight any more, it starts over under a new epoch, and R2 goes at once.
        clock.advanceTo(createdAt + ms(deliveryTimeoutMs));
        cycle();
        assertThat(deliveries.outcomes()).containsExactly(new Outcome(R1, P0, NO_OFFSET, ErrorCode.REQUEST_TIMED_OUT));
        final ProduceCall restarted = endpoint.produceCall(3);
        assertThat(restarted.sentNanos()).isEqualTo(clock.nanoTime());
        assertThat(restarted.batch()).isEqualTo(idempotentBatch(P0, (short) (PRODUCER_EPOCH + 1), 0, R2));
        // The expired attempt's late answer completes nothing; the connection answers in order.
        answer(firstRetry.answer().appended(P0, 4));
        answer(restarted.answer().appended(P0, 5));
        send(P0, R3);
        cycle();
        assertThat(endpoint.produceCall(4).batch()).isEqualTo(idempotentBatch(P0, (short) (PRODUCER_EPOCH + 1), 1, R3));
        answer(endpoint.produceCall(4).answer().appended(P0, 6));
        assertThat(deliveries.outcomes()).containsExactly(new Outcome(R1, P0, NO_OFFSET, ErrorCode.REQUEST_TIMED_OUT),
            new Outcome(R2, P0, 5, ErrorCode.NONE), new Outcome(R3, P0, 6, ErrorCode.NONE));
        assertCompletedOnceAndReleased(R1, R2, R3);
    }

    @Test
    void nonRetriableErrorOnASequencedBatchRestartsTheBatchesBehindItUnderANewEpoch() {
        startIdempotent(topic(1, 1));
        send(P0, R1);
        cycle();
        send(P0, R2);
        cycle();
        clock.advance(ms(ANSWER_DELAY_MS));
        answer(endpoint.produceCall(0).answer().failed(P0, ErrorCode.INVALID_RECORD));
        assertThat(deliveries.outcomes()).containsExactly(new Outcome(R1, P0, NO_OFFSET, ErrorCode.INVALID_RECORD));
        // Without sequence 0 the broker refuses 1; R2 is not the next expected, so it is retried, and once nothing of
        // the partition is in flight, the unresolved gap makes the partition start over.
        answer(endpoint.produceCall(1).answer().failed(P0, ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER));
        final ProduceCall retry = onlyRequestGoingOutAt(clock.nanoTime() + ms(RETRY_BACKOFF_MS));
        assertThat(retry.batch()).isEqualTo(idempotentBatch(P0, (short) (PRODUCER_EPOCH + 1), 0, R2));
        answer(retry.answer().appended(P0, 8));
        assertThat(deliveries.outcomes()).last().isEqualTo(new Outcome(R2, P0, 8, ErrorCode.NONE));
    }

    @Test
    void unknownProducerIdRetriesTheBatchFromSequenceZeroUnderABumpedEpoch() {
        startIdempotent(topic(1, 1));
        send(P0, R1, R2);
        cycle();
        clock.advance(ms(ANSWER_DELAY_MS));
        answer(endpoint.produceCall(0).answer().failed(P0, ErrorCode.UNKNOWN_PRODUCER_ID));
        final ProduceCall retry = onlyRequestGoingOutAt(clock.nanoTime() + ms(RETRY_BACKOFF_MS));
        assertThat(retry.batch()).isEqualTo(idempotentBatch(P0, (short) (PRODUCER_EPOCH + 1), 0, R1, R2));
        answer(retry.answer().appended(P0, 3));
        assertThat(deliveries.outcomes()).containsExactly(new Outcome(R1, P0, 3, ErrorCode.NONE),
            new Outcome(R2, P0, 4, ErrorCode.NONE));
    }

    @Test
    void epochAtShortMaxValueTakesANewProducerIdInsteadOfABump() {
        final long newProducerId = PRODUCER_ID + 1;
        startIdempotent(topic(1, 1), Short.MAX_VALUE);
        send(P0, R1);
        cycle();
        clock.advance(ms(ANSWER_DELAY_MS));
        answer(endpoint.produceCall(0).answer().failed(P0, ErrorCode.UNKNOWN_PRODUCER_ID));
        cycle();
        endpoint.answerProducerIdRequest(newProducerId, (short) 0);
        final ProduceCall retry = onlyRequestGoingOutAt(endpoint.produceCall(0).sentNanos() + ms(ANSWER_DELAY_MS)
            + ms(RETRY_BACKOFF_MS));
        assertThat(retry.batch()).isEqualTo(new SentBatch(P0, newProducerId, (short) 0, 0, ids(R1)));
    }

    // ---- following the leaders: metadata refresh ----

    @Test
    void notLeaderAnswerAsksAnotherBrokerForMetadataAndTheRetryGoesToTheNewLeaderWithTheSameSequence() {
        final long startedAt = clock.nanoTime();
        startIdempotent(topic(1, 2));
        send(P0, R1, R2);
        cycle();
        final ProduceCall first = endpoint.produceCall(0);
        assertThat(first.broker()).isEqualTo(BROKER_0);
        assertThat(first.batch()).isEqualTo(idempotentBatch(0, R1, R2));

        clock.advance(ms(ANSWER_DELAY_MS));
        answer(first.answer().failed(P0, ErrorCode.NOT_LEADER_OR_FOLLOWER));
        // The connect-time layout counts as the last attempt: the refresh waits retry.backoff.ms from it, and goes to
        // the broker that did not just fail.
        final MetadataCall refresh = onlyMetadataRequestGoingOutAt(startedAt + ms(RETRY_BACKOFF_MS));
        assertThat(refresh.broker()).isEqualTo(BROKER_1);
        assertThat(endpoint.produceCalls()).as("the retry still backs off").hasSize(1);

        clock.advance(ms(ANSWER_DELAY_MS));
        endpoint.answerMetadata(refresh, leaders(BROKER_1));
        cycle();
        // The leader moved since the last attempt, so the backoff no longer applies: it goes at once, unchanged.
        final ProduceCall retry = endpoint.produceCall(1);
        assertThat(retry.broker()).isEqualTo(BROKER_1);
        assertThat(retry.sentNanos()).isEqualTo(clock.nanoTime());
        assertThat(retry.batch()).isEqualTo(first.batch());

        answer(retry.answer().appended(P0, 70));
        send(P0, R3);
        cycle();
        assertThat(endpoint.produceCall(2).broker()).isEqualTo(BROKER_1);
        assertThat(endpoint.produceCall(2).batch()).isEqualTo(idempotentBatch(2, R3));
        assertThat(deliveries.outcomes()).containsExactly(
            new Outcome(R1, P0, 70, ErrorCode.NONE), new Outcome(R2, P0, 71, ErrorCode.NONE));
        assertThat(endpoint.metadataCalls()).hasSize(1);
    }

    @Test
    void requestTimeoutAsksAnotherBrokerForMetadataAndTheRetryGoesToTheNewLeader() {
        startIdempotent(topic(2, 2));
        send(P0, R1);
        cycle();
        final ProduceCall first = endpoint.produceCall(0);
        assertThat(first.broker()).isEqualTo(BROKER_0);

        clock.advanceTo(first.sentNanos() + ms(REQUEST_TIMEOUT_MS));
        cycle();
        assertThat(endpoint.disconnects()).extracting(ScriptedEndpoint.Disconnect::broker).containsExactly(BROKER_0);
        final MetadataCall refresh = endpoint.metadataCalls().get(0);
        assertThat(refresh.broker()).isEqualTo(BROKER_1);
        assertThat(refresh.sentNanos()).isEqualTo(clock.nanoTime());

        clock.advance(ms(ANSWER_DELAY_MS));
        endpoint.answerMetadata(refresh, leaders(BROKER_1, BROKER_1));
        cycle();
        final ProduceCall retry = endpoint.produceCall(1);
        assertThat(retry.broker()).isEqualTo(BROKER_1);
        assertThat(retry.batch()).isEqualTo(first.batch());
        answer(retry.answer().appended(P0, 9));
        assertThat(deliveries.outcomes()).containsExactly(new Outcome(R1, P0, 9, ErrorCode.NONE));
        assertCompletedOnceAndReleased(R1);
    }

    @Test
    void oneMetadataRequestInFlightAtATimeAndEachAttemptWaitsRetryBackoffMs() {
        start(topic(2, 2));
        send(P0, R1);
        send(P1, R2);
        cycle();
        clock.advance(ms(PAST_BACKOFF_MS));
        // Both leaders fail at once; each failure asks for metadata, and one request goes.
        endpoint.deliver(endpoint.produceCallsTo(BROKER_0).get(0).answer().failed(P0, ErrorCode.NOT_LEADER_OR_FOLLOWER));
        endpoint.deliver(endpoint.produceCallsTo(BROKER_1).get(0).answer().failed(P1, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION));
        cycle();
        final MetadataCall first = endpoint.metadataCalls().get(0);
        assertThat(first.sentNanos()).isEqualTo(clock.nanoTime());
        for (int i = 0; i < 10; i++) {
            clock.advance(ms(REQUEST_TIMEOUT_MS / 10) - 1);
            cycle();
        }
        assertThat(endpoint.metadataCalls()).as("none while one is in flight").hasSize(1);

        // Unanswered for request.timeout.ms: its broker counts as failed, and the next goes elsewhere after the backoff.
        clock.advanceTo(first.sentNanos() + ms(REQUEST_TIMEOUT_MS));
        cycle();
        final MetadataCall second = onlyMetadataRequestGoingOutAt(clock.nanoTime() + ms(RETRY_BACKOFF_MS));
        assertThat(second.broker()).isNotEqualTo(first.broker());

        clock.advance(ms(ANSWER_DELAY_MS));
        endpoint.answerMetadataError(second, ErrorCode.LEADER_NOT_AVAILABLE);
        cycle();
        final MetadataCall third = onlyMetadataRequestGoingOutAt(clock.nanoTime() + ms(RETRY_BACKOFF_MS));
        assertThat(third.broker()).isEqualTo(first.broker());

        // The same leaders: the view is fresh again and no more requests follow.
        endpoint.answerMetadata(third, leaders(BROKER_0, BROKER_1));
        cycle();
        clock.advance(ms(REQUEST_TIMEOUT_MS) - 1);
        cycle();
        assertThat(endpoint.metadataCalls()).hasSize(3);
    }

    @Test
    void metadataIsAskedForEveryMetadataMaxAgeMsAndAMovedLeaderTakesTheNextBatch() {
        final long maxAgeMs = 5 * REQUEST_TIMEOUT_MS;
        final long startedAt = clock.nanoTime();
        start(topic(1, 2), ProducerConfig.METADATA_MAX_AGE_MS, Long.toString(maxAgeMs));
        final MetadataCall first = onlyMetadataRequestGoingOutAt(startedAt + ms(maxAgeMs));
        clock.advance(ms(ANSWER_DELAY_MS));
        endpoint.answerMetadata(first, leaders(BROKER_0));
        cycle();
        final long confirmedAt = clock.nanoTime();

        final MetadataCall second = onlyMetadataRequestGoingOutAt(confirmedAt + ms(maxAgeMs));
        endpoint.answerMetadata(second, leaders(BROKER_1));
        cycle();
        send(P0, R1);
        cycle();
        assertThat(endpoint.produceCall(0).broker()).isEqualTo(BROKER_1);
        assertThat(endpoint.metadataCalls()).hasSize(2);
    }

    @Test
    void partitionWithoutALeaderSendsNothingAndKeepsAskingUntilANewLeaderTakesItsBatches() {
        final long startedAt = clock.nanoTime();
        final TopicLayout created = TopicLayout.spread(TOPIC, 1, 2, 2);
        start(created);
        send(P0, R1);
        cycle();
        final ProduceCall first = endpoint.produceCall(0);
        assertThat(first.broker()).isEqualTo(BROKER_0);
        clock.advance(ms(ANSWER_DELAY_MS));
        answer(first.answer().failed(P0, ErrorCode.NOT_LEADER_OR_FOLLOWER));

        // The election is pending: the answer names no leader, so R1's retry and R2 go nowhere, and the sender asks
        // again every retry.backoff.ms for as long as they wait.
        final TopicLayout electing = created.withLeader(P0, TopicLayout.NO_LEADER, 1);
        MetadataCall refresh = onlyMetadataRequestGoingOutAt(startedAt + ms(RETRY_BACKOFF_MS));
        clock.advance(ms(ANSWER_DELAY_MS));
        endpoint.answerMetadata(refresh, electing);
        cycle();
        send(P0, R2);
        for (int i = 0; i < 3; i++) {
            refresh = onlyMetadataRequestGoingOutAt(clock.nanoTime() + ms(RETRY_BACKOFF_MS));
            clock.advance(ms(ANSWER_DELAY_MS));
            endpoint.answerMetadata(refresh, electing);
            cycle();
        }
        assertThat(endpoint.produceCalls()).as("nothing is sent while the partition has no leader").hasSize(1);
        assertThat(deliveries.all()).isEmpty();

        // Broker 1 is elected: the retry goes to it at once, then R2, and the sender stops asking.
        final MetadataCall elected = onlyMetadataRequestGoingOutAt(clock.nanoTime() + ms(RETRY_BACKOFF_MS));
        clock.advance(ms(ANSWER_DELAY_MS));
        endpoint.answerMetadata(elected, created.withLeader(P0, BROKER_1, 2));
        cycle();
        final ProduceCall retry = endpoint.produceCall(1);
        assertThat(retry.broker()).isEqualTo(BROKER_1);
        assertThat(retry.sentNanos()).isEqualTo(clock.nanoTime());
        assertThat(retry.batch()).isEqualTo(first.batch());
        answer(retry.answer().appended(P0, 30));
        final ProduceCall next = endpoint.produceCall(2);
        assertThat(next.broker()).isEqualTo(BROKER_1);
        assertThat(next.batch().recordIds()).containsExactly(R2);
        answer(next.answer().appended(P0, 31));
        assertThat(deliveries.outcomes()).containsExactly(
            new Outcome(R1, P0, 30, ErrorCode.NONE), new Outcome(R2, P0, 31, ErrorCode.NONE));
        clock.advance(ms(MUCH_LATER_MS));
        cycle();
        assertThat(endpoint.metadataCalls()).as("no more questions once every partition has a leader").hasSize(5);
        assertThat(endpoint.produceCalls()).hasSize(3);
        assertCompletedOnceAndReleased(R1, R2);
    }

    @Test
    void partitionLeaderlessAtConnectAsksForMetadataOnlyOnceItHasRecords() {
        final TopicLayout connected = TopicLayout.spread(TOPIC, 2, 2, 2).withLeader(P0, TopicLayout.NO_LEADER, 3);
        start(connected);
        send(P1, R1);
        cycle();
        assertThat(endpoint.produceCall(0).broker()).isEqualTo(BROKER_1);
        clock.advance(ms(ANSWER_DELAY_MS));
        answer(endpoint.produceCall(0).answer().appended(P1, 0));
        clock.advance(ms(MUCH_LATER_MS));
        cycle();
        assertThat(endpoint.metadataCalls()).as("the leaderless partition has nothing to send").isEmpty();

        send(P0, R2);
        cycle();
        final MetadataCall refresh = endpoint.metadataCalls().get(0);
        assertThat(refresh.sentNanos()).isEqualTo(clock.nanoTime());
        clock.advance(ms(ANSWER_DELAY_MS));
        endpoint.answerMetadata(refresh, connected.withLeader(P0, BROKER_0, 4));
        cycle();
        final ProduceCall toNewLeader = endpoint.produceCall(1);
        assertThat(toNewLeader.broker()).isEqualTo(BROKER_0);
        assertThat(toNewLeader.batch().recordIds()).containsExactly(R2);
    }

    @Test
    void batchesOfAPartitionWithoutALeaderExpireAtDeliveryTimeout() {
        final long deliveryTimeoutMs = 2 * REQUEST_TIMEOUT_MS;
        start(TopicLayout.spread(TOPIC, 1, 2, 2).withLeader(P0, TopicLayout.NO_LEADER, 1),
            ProducerConfig.DELIVERY_TIMEOUT_MS, Long.toString(deliveryTimeoutMs));
        final long createdAt = clock.nanoTime();
        send(P0, R1);
        clock.advanceTo(createdAt + ms(deliveryTimeoutMs) - 1);
        cycle();
        assertThat(deliveries.all()).isEmpty();
        clock.advance(1);
        cycle();
        assertThat(deliveries.all()).containsExactly(
            new Delivery(R1, P0, NO_OFFSET, ErrorCode.REQUEST_TIMED_OUT, clock.nanoTime()));
        assertThat(endpoint.produceCalls()).isEmpty();
        assertCompletedOnceAndReleased(R1);
    }

    @Test
    void newLeaderEpochOnTheSameLeaderCancelsTheRetryBackoff() {
        final TopicLayout created = TopicLayout.spread(TOPIC, 1, 2, 2);
        start(created);
        send(P0, R1);
        cycle();
        clock.advance(ms(PAST_BACKOFF_MS));
        answer(endpoint.produceCall(0).answer().failed(P0, ErrorCode.NOT_LEADER_OR_FOLLOWER));
        final MetadataCall refresh = endpoint.metadataCalls().get(0);
        assertThat(refresh.sentNanos()).isEqualTo(clock.nanoTime());
        clock.advance(ms(ANSWER_DELAY_MS));
        // Broker 0 lost and won the election again: the same leader in a new epoch is still a leader change.
        endpoint.answerMetadata(refresh, created.withLeader(P0, BROKER_0, 1));
        cycle();
        final ProduceCall retry = endpoint.produceCall(1);
        assertThat(retry.broker()).isEqualTo(BROKER_0);
        assertThat(retry.sentNanos()).isEqualTo(clock.nanoTime());
    }

    // ---- helpers ----

    private static TopicLayout topic(final int partitions, final int brokers) {
        return TopicLayout.spread(TOPIC, partitions, 1, brokers);
    }

    /**
     * Builds the sender as {@link Producer#connect} does, over the scripted endpoint and the manual clock. Batches
     * are ready at once (linger.ms=0), retries back off a constant retry.backoff.ms, and the producer is not
     * idempotent unless {@code settings} say otherwise.
     */
    private void start(final TopicLayout layout, final String... settings) {
        final Map<String, String> map = new HashMap<>(Map.of(
            ProducerConfig.LINGER_MS, "0",
            ProducerConfig.ENABLE_IDEMPOTENCE, "false",
            ProducerConfig.RETRY_BACKOFF_MS, Long.toString(RETRY_BACKOFF_MS),
            ProducerConfig.RETRY_BACKOFF_MAX_MS, Long.toString(RETRY_BACKOFF_MS),
            ProducerConfig.REQUEST_TIMEOUT_MS, Long.toString(REQUEST_TIMEOUT_MS)));
        for (int i = 0; i < settings.length; i += 2) {
            map.put(settings[i], settings[i + 1]);
        }
        final ProducerConfig config = ProducerConfig.of(map);
        final IdempotentSequencer sequencer = config.idempotence()
            ? new IdempotentSequencer(layout.partitionCount()) : null;
        accumulator = new RecordAccumulator(config, layout.partitionCount(),
            sequencer != null ? sequencer : BatchSequencer.NONE, clock);
        sender = new Sender(config, accumulator, layout, endpoint, deliveries, sequencer, clock);
    }

    /** An idempotent producer that has its producer id: nothing is produced before that. */
    private void startIdempotent(final TopicLayout layout) {
        startIdempotent(layout, PRODUCER_EPOCH);
    }

    private void startIdempotent(final TopicLayout layout, final short epoch, final String... settings) {
        final String[] all = Arrays.copyOf(settings, settings.length + 2);
        all[settings.length] = ProducerConfig.ENABLE_IDEMPOTENCE;
        all[settings.length + 1] = "true";
        start(layout, all);
        cycle();
        endpoint.answerProducerIdRequest(PRODUCER_ID, epoch);
        cycle();
    }

    /** Appends records, each with its id as its value and as its append time (which the listener hears). */
    private void send(final int partition, final long... recordIds) {
        for (final long recordId : recordIds) {
            value.putLong(0, recordId);
            accumulator.append(partition, TIMESTAMP, null, 0, RecordBatchLayout.NULL_LENGTH,
                value, 0, Long.BYTES, null, recordId);
        }
    }

    private void cycle() {
        sender.doWork();
    }

    private void answer(final ProduceAnswer answer) {
        endpoint.deliver(answer);
        cycle();
    }

    /**
     * Runs the duty cycle 1 ns before {@code dueNanos}, when nothing may go out, and at it, when something must.
     * Returns the requests sent at {@code dueNanos}.
     */
    private List<ProduceCall> requestsGoingOutAt(final long dueNanos) {
        final int sentBefore = endpoint.produceCalls().size();
        clock.advanceTo(dueNanos - 1);
        cycle();
        assertThat(endpoint.produceCalls()).as("requests sent 1 ns before they are due").hasSize(sentBefore);
        clock.advance(1);
        cycle();
        final List<ProduceCall> calls = endpoint.produceCalls();
        assertThat(calls).as("requests sent when due").hasSizeGreaterThan(sentBefore);
        return calls.subList(sentBefore, calls.size());
    }

    /** Runs the duty cycle 1 ns before {@code dueNanos} and at it; exactly one Metadata request goes, at it. */
    private MetadataCall onlyMetadataRequestGoingOutAt(final long dueNanos) {
        final int sentBefore = endpoint.metadataCalls().size();
        clock.advanceTo(dueNanos - 1);
        cycle();
        assertThat(endpoint.metadataCalls()).as("metadata requests 1 ns before due").hasSize(sentBefore);
        clock.advance(1);
        cycle();
        final List<MetadataCall> calls = endpoint.metadataCalls();
        assertThat(calls).as("metadata requests when due").hasSize(sentBefore + 1);
        return calls.get(sentBefore);
    }

    /** The topic with partition p led by {@code leaders[p]} alone (replication factor 1). */
    private static TopicLayout leaders(final int... leaders) {
        final int[][] replicas = new int[leaders.length][];
        for (int p = 0; p < leaders.length; p++) {
            replicas[p] = new int[] {leaders[p]};
        }
        return TopicLayout.of(TOPIC, 2, replicas);
    }

    private ProduceCall onlyRequestGoingOutAt(final long dueNanos) {
        final List<ProduceCall> calls = requestsGoingOutAt(dueNanos);
        assertThat(calls).hasSize(1);
        return calls.get(0);
    }

    /** Each record was reported exactly once, and its batch's memory went back to the pool exactly once. */
    private void assertCompletedOnceAndReleased(final long... recordIds) {
        for (final long recordId : recordIds) {
            assertThat(deliveries.countOf(recordId)).as("outcomes reported for record %d", recordId).isOne();
        }
        assertThat(accumulator.availableMemory()).isEqualTo(accumulator.totalMemory());
    }

    /**
     * The sender's backoff before each retry. Its jitter comes from a generator seeded with the producer's node id
     * plus one, so a twin generator gives the exact values; {@link #kafkaShortestBackoffMs} checks they follow
     * Kafka's rule.
     */
    private static long[] expectedBackoffs(final int attempts) {
        final ExponentialBackoff twin = new ExponentialBackoff(RETRY_BACKOFF_MS, RETRY_BACKOFF_MAX_MS, CLIENT + 1L);
        final long[] backoffs = new long[attempts];
        for (int attempt = 0; attempt < attempts; attempt++) {
            backoffs[attempt] = twin.backoffMs(attempt);
        }
        return backoffs;
    }

    /**
     * Kafka's ExponentialBackoff(retry.backoff.ms, 2, retry.backoff.max.ms, 0.2), which RecordAccumulator asks
     * with the batch's failed attempts so far minus one: the term {@code initial * 2^min(attempt, log2(max /
     * initial))}, with an exponent that is not rounded, times a factor drawn from [0.8, 1.2), truncated to whole
     * milliseconds and capped at the maximum.
     */
    private static double kafkaTermMs(final int attempt) {
        final double maxExponent = Math.log(RETRY_BACKOFF_MAX_MS / (double) RETRY_BACKOFF_MS) / Math.log(2);
        return RETRY_BACKOFF_MS * Math.pow(2, Math.min(attempt, maxExponent));
    }

    private static long kafkaShortestBackoffMs(final int attempt) {
        return Math.min(RETRY_BACKOFF_MAX_MS, (long) (0.8 * kafkaTermMs(attempt)));
    }

    private static long kafkaLongestBackoffMs(final int attempt) {
        return Math.min(RETRY_BACKOFF_MAX_MS, (long) (1.2 * kafkaTermMs(attempt)));
    }

    private static SentBatch plainBatch(final int partition, final long... recordIds) {
        return new SentBatch(partition, RecordBatchLayout.NO_PRODUCER_ID, RecordBatchLayout.NO_PRODUCER_EPOCH,
            RecordBatchLayout.NO_SEQUENCE, ids(recordIds));
    }

    private static SentBatch idempotentBatch(final int baseSequence, final long... recordIds) {
        return new SentBatch(P0, PRODUCER_ID, PRODUCER_EPOCH, baseSequence, ids(recordIds));
    }

    private static SentBatch idempotentBatch(final int partition, final short epoch, final int baseSequence,
                                             final long... recordIds) {
        return new SentBatch(partition, PRODUCER_ID, epoch, baseSequence, ids(recordIds));
    }

    private static List<Long> ids(final long... recordIds) {
        return Arrays.stream(recordIds).boxed().toList();
    }

    private static long ms(final long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
