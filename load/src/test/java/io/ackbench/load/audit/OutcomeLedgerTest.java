package io.ackbench.load.audit;

import io.ackbench.load.OpenLoopSchedule;
import io.ackbench.load.RecordId;
import io.ackbench.producer.DeliveryListener;
import io.ackbench.transport.ErrorCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutcomeLedgerTest {
    @Test
    void eachCompletionIsFiledUnderItsRecordAndGapsAreUnanswered() {
        final OutcomeLedger ledger = new OutcomeLedger(100, 1_000_000_000L);
        final OpenLoopSchedule zero = new OpenLoopSchedule(1_000, 5_000);
        final OpenLoopSchedule one = new OpenLoopSchedule(1_000, 5_500);
        final DeliveryListener t0 = ledger.forThread(0, zero);
        final DeliveryListener t1 = ledger.forThread(1, one);
        assertThat(ledger.originNanos()).isEqualTo(5_000);
        t0.onComplete(1, 10, ErrorCode.NONE, zero.intendedSendNanos(0));
        t0.onComplete(0, -1, ErrorCode.REQUEST_TIMED_OUT, zero.intendedSendNanos(2));
        t1.onComplete(0, 11, ErrorCode.NONE, one.intendedSendNanos(0));
        t1.onComplete(0, 12, ErrorCode.NONE, one.intendedSendNanos(0) + 1); // no record of thread 1 has that time

        final DeliveryHistory history = new DeliveryHistory();
        ledger.addSendsTo(history);
        history.read(1, 10, RecordId.of(0, 0)).read(0, 11, RecordId.of(1, 0)).read(0, 12, RecordId.of(0, 2));
        final DeliveryAudit audit = DeliveryClassifier.classify(history);
        assertThat(audit.acknowledged()).isEqualTo(2);
        assertThat(audit.lost()).isEmpty();
        assertThat(audit.failedButPresent()).containsExactly(RecordId.of(0, 2));
        assertThat(audit.unacknowledgedAbsent()).containsExactly(RecordId.of(0, 1));
        assertThat(ledger.unmatched()).isEqualTo(1);
    }

    @Test
    void aSecondCompletionOfOneRecordIsCountedNotFiled() {
        final OutcomeLedger ledger = new OutcomeLedger(10, 1_000_000_000L);
        final OpenLoopSchedule schedule = new OpenLoopSchedule(10, 0);
        final DeliveryListener listener = ledger.forThread(0, schedule);
        listener.onComplete(0, 0, ErrorCode.NONE, 0);
        listener.onComplete(0, -1, ErrorCode.REQUEST_TIMED_OUT, 0);
        final DeliveryHistory history = new DeliveryHistory();
        ledger.addSendsTo(history);
        history.read(0, 0, RecordId.of(0, 0));
        assertThat(DeliveryClassifier.classify(history).acknowledged()).isEqualTo(1);
        assertThat(ledger.unmatched()).isEqualTo(1);
    }

    @Test
    void theLongestGapIsReadFromTheAcknowledgementTimeline() {
        final OutcomeLedger ledger = new OutcomeLedger(10, 1_000_000_000L);
        ledger.forThread(0, new OpenLoopSchedule(10, System.nanoTime()));
        // Nothing acknowledged at all: the whole window is one gap, at the timeline's resolution.
        final long origin = ledger.originNanos();
        assertThat(ledger.longestGapMillis(origin, origin + 500_000_000L)).isEqualTo(510);
    }
}
