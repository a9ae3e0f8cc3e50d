package io.ackbench.producer;

import io.ackbench.record.RecordBatchLayout;
import io.ackbench.transport.TopicLayout;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The producer's stage stamps, on a {@link ManualNanoClock} with a {@link ScriptedEndpoint} for the leader: with a
 * {@link BatchStageListener} each batch reports exactly the times it was drained, written and completed, the leader's
 * times from its answer and each record's intended and send times; without one the producer reads its clock not once
 * more than before.
 */
class StageStampsTest {
    private static final int CLIENT = 7;
    private static final int BROKER = 0;
    private static final int P0 = 0;
    private static final long START = 5_000_000_000L;
    private static final long TIMESTAMP = 1_700_000_000_000L;

    private final ManualNanoClock manual = new ManualNanoClock(START);
    private final CountingClock clock = new CountingClock(manual);
    private final ScriptedEndpoint endpoint = new ScriptedEndpoint(CLIENT, clock);
    private final UnsafeBuffer value = new UnsafeBuffer(new byte[Long.BYTES]);
    private final List<long[]> batches = new ArrayList<>();
    /** Copies what the sender shows, which is valid only during the call. */
    private final BatchStageListener capture = stages -> batches.add(new long[] {stages.partition(),
        stages.recordCount(), stages.intendedNanos(0), stages.sendNanos(0), stages.intendedNanos(1),
        stages.sendNanos(1), stages.drainedNanos(), stages.requestWrittenNanos(), stages.hasLeaderTimes() ? 1 : 0,
        stages.leaderReadNanos(), stages.leaderAppendedNanos(), stages.leaderCommittedNanos(),
        stages.responseWrittenNanos(), stages.completedNanos()});

    @Test
    void eachAcknowledgedBatchReportsItsOwnAndTheLeadersTimesExactly() {
        final Sender sender = start("1", capture);
        cycleAt(START, sender); // drained, but the connection takes nothing yet
        endpoint.acceptAgain();
        cycleAt(START + 10_000, sender); // written
        endpoint.deliver(endpoint.produceCall(0).answer().leaderTimes(START + 20_000, START + 50_000)
            .appended(P0, 0, START + 30_000, START + 30_000));
        cycleAt(START + 60_000, sender); // answered

        assertThat(batches).hasSize(1);
        assertThat(batches.get(0)).containsExactly(P0, 2, START - 900, START - 800, START - 700, START - 600,
            START, START + 10_000, 1, START + 20_000, START + 30_000, START + 30_000, START + 50_000, START + 60_000);
    }

    @Test
    void acksZeroBatchesCompleteWhenWrittenWithoutLeaderTimes() {
        final Sender sender = start("0", capture);
        cycleAt(START, sender);
        endpoint.acceptAgain();
        cycleAt(START + 10_000, sender);

        assertThat(batches).hasSize(1);
        final long[] batch = batches.get(0);
        assertThat(batch[6]).as("drained").isEqualTo(START);
        assertThat(batch[7]).as("written").isEqualTo(START + 10_000);
        assertThat(batch[8]).as("has leader times").isZero();
        assertThat(batch[13]).as("completed").isEqualTo(START + 10_000);
    }

    @Test
    void withoutAListenerTheSenderTakesNoStageStamps() {
        final long withStages = clockReadsForOneAnsweredBatch(capture);
        final long without = clockReadsForOneAnsweredBatch(null);

        // With stages: one read when the batch is drained, one when its request is written, one at its callbacks.
        assertThat(withStages - without).isEqualTo(3);
        assertThat(batches).hasSize(1);
    }

    @Test
    void sendReadsTheClockOncePerRecordOnlyWithStages() {
        final Map<String, String> settings = Map.of(ProducerConfig.LINGER_MS, "1000");
        final CountingClock off = new CountingClock(manual);
        final CountingClock on = new CountingClock(manual);
        final Producer withoutStages = new Producer(settings, 1, off, false);
        final Producer withStages = new Producer(settings, 1, on, true);
        for (int i = 0; i < 5; i++) {
            withoutStages.send(null, 0, -1, value, 0, Long.BYTES, null, TIMESTAMP, START + i);
            withStages.send(null, 0, -1, value, 0, Long.BYTES, null, TIMESTAMP, START + i);
        }

        assertThat(off.reads).as("reads without stages: the batch's opening only").isEqualTo(1);
        assertThat(on.reads).as("reads with stages: and each record's send").isEqualTo(6);
    }

    private long clockReadsForOneAnsweredBatch(final BatchStageListener listener) {
        final ScriptedEndpoint scripted = new ScriptedEndpoint(CLIENT, manual);
        final CountingClock counting = new CountingClock(manual);
        final Sender sender = start("1", listener, scripted, counting);
        scripted.acceptAgain();
        sender.doWork();
        scripted.deliver(scripted.produceCall(0).answer().appended(P0, 0));
        sender.doWork();
        return counting.reads;
    }

    private Sender start(final String acks, final BatchStageListener listener) {
        return start(acks, listener, endpoint, clock);
    }

    /** A sender for one partition led by {@link #BROKER}, with two records appended and its connection refusing. */
    private Sender start(final String acks, final BatchStageListener listener, final ScriptedEndpoint network,
                         final NanoClock senderClock) {
        final Map<String, String> map = new HashMap<>(Map.of(ProducerConfig.LINGER_MS, "0",
            ProducerConfig.ACKS, acks, ProducerConfig.ENABLE_IDEMPOTENCE, "false"));
        final ProducerConfig config = ProducerConfig.of(map);
        final RecordAccumulator accumulator = new RecordAccumulator(config, 1, BatchSequencer.NONE, manual, true);
        accumulator.append(P0, TIMESTAMP, null, 0, RecordBatchLayout.NULL_LENGTH, value, 0, Long.BYTES, null,
            START - 900, START - 800);
        accumulator.append(P0, TIMESTAMP, null, 0, RecordBatchLayout.NULL_LENGTH, value, 0, Long.BYTES, null,
            START - 700, START - 600);
        network.refuseEverything();
        return new Sender(config, accumulator, TopicLayout.spread("orders", 1, 1, 1), network,
            (partition, offset, errorCode, appendNanos) -> { }, null, senderClock, listener);
    }

    private void cycleAt(final long nanos, final Sender sender) {
        manual.advanceTo(nanos);
        sender.doWork();
    }

    /** Counts the reads of the clock it wraps. */
    private static final class CountingClock implements NanoClock {
        private final NanoClock clock;
        private long reads;

        CountingClock(final NanoClock clock) {
            this.clock = clock;
        }

        @Override
        public long nanoTime() {
            reads++;
            return clock.nanoTime();
        }
    }
}
