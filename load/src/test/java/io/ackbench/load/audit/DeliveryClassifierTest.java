package io.ackbench.load.audit;

import io.ackbench.load.RecordId;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliveryClassifierTest {
    private static final int P0 = 0;
    private static final int P1 = 1;

    private static long id(final int thread, final long index) {
        return RecordId.of(thread, index);
    }

    @Test
    void everyRecordDeliveredOnceInOrderIsInNoClass() {
        final DeliveryHistory history = new DeliveryHistory();
        for (int i = 0; i < 4; i++) {
            history.sent(id(0, i), i % 2, SendOutcome.ACKNOWLEDGED);
        }
        history.read(P0, 0, id(0, 0)).read(P0, 1, id(0, 2)).read(P1, 0, id(0, 1)).read(P1, 5, id(0, 3));
        final DeliveryAudit audit = DeliveryClassifier.classify(history);
        assertThat(audit.acknowledged()).isEqualTo(4);
        assertThat(audit.read()).isEqualTo(4);
        assertThat(audit.lost()).isEmpty();
        assertThat(audit.duplicated()).isEmpty();
        assertThat(audit.reordered()).isEmpty();
        assertThat(audit.failedButPresent()).isEmpty();
        assertThat(audit.unacknowledgedAbsent()).isEmpty();
    }

    @Test
    void eachClassHoldsExactlyItsRecords() {
        final DeliveryHistory history = new DeliveryHistory()
            .sent(id(0, 0), P0, SendOutcome.ACKNOWLEDGED)   // delivered
            .sent(id(0, 1), P0, SendOutcome.ACKNOWLEDGED)   // lost: acknowledged, never read
            .sent(id(0, 2), P0, SendOutcome.ACKNOWLEDGED)   // retried after its stored first attempt: two copies
            .sent(id(0, 3), P0, SendOutcome.FAILED)         // failed but present
            .sent(id(0, 4), P0, SendOutcome.FAILED)         // failed and absent
            .sent(id(0, 5), P0, SendOutcome.UNANSWERED)     // unanswered and absent
            .sent(id(0, 6), P0, SendOutcome.ACKNOWLEDGED)   // overtaken by 7
            .sent(id(0, 7), P0, SendOutcome.ACKNOWLEDGED)
            .sent(id(1, 0), P0, SendOutcome.ACKNOWLEDGED);  // another thread: its order is its own
        history.read(P0, 0, id(0, 0)).read(P0, 1, id(0, 2)).read(P0, 2, id(1, 0)).read(P0, 3, id(0, 3))
            .read(P0, 4, id(0, 2)).read(P0, 5, id(0, 7)).read(P0, 6, id(0, 6));
        final DeliveryAudit audit = DeliveryClassifier.classify(history);
        assertThat(audit.acknowledged()).isEqualTo(6);
        assertThat(audit.read()).isEqualTo(7);
        assertThat(audit.lost()).containsExactly(id(0, 1));
        // The retry's second copy is a duplicate, not a loss, and not a reordering either.
        assertThat(audit.duplicated()).containsExactly(id(0, 2));
        assertThat(audit.reordered()).containsExactly(id(0, 6));
        assertThat(audit.failedButPresent()).containsExactly(id(0, 3));
        assertThat(audit.unacknowledgedAbsent()).containsExactly(id(0, 4), id(0, 5));
        assertThat(DeliveryAudit.perMillion(audit.lost().size(), audit.acknowledged())).isEqualTo(1_000_000.0 / 6);
        assertThat(DeliveryAudit.perMillion(0, 0)).isZero();
    }

    @Test
    void readsThatNoSendExplainsAreTheHarnessesErrorsAndAreRefused() {
        final DeliveryHistory unknown = new DeliveryHistory().sent(id(0, 0), P0, SendOutcome.ACKNOWLEDGED)
            .read(P0, 0, id(0, 9));
        assertThatThrownBy(() -> DeliveryClassifier.classify(unknown)).isInstanceOf(IllegalStateException.class)
            .hasMessage("Read thread 0, record 9 from partition 0, which no producer sent");
        final DeliveryHistory moved = new DeliveryHistory().sent(id(0, 0), P0, SendOutcome.ACKNOWLEDGED)
            .read(P1, 0, id(0, 0));
        assertThatThrownBy(() -> DeliveryClassifier.classify(moved)).isInstanceOf(IllegalStateException.class)
            .hasMessage("Read thread 0, record 0 from partition 1; it was sent to partition 0");
        assertThatThrownBy(() -> new DeliveryHistory().sent(id(0, 0), P0, SendOutcome.FAILED)
            .sent(id(0, 0), P0, SendOutcome.ACKNOWLEDGED)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Record thread 0, record 0 was sent twice");
        assertThatThrownBy(() -> new DeliveryHistory().read(P0, 3, id(0, 0)).read(P0, 3, id(0, 1)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Partition 0 read at offset 3 after 3: reads must be in offset order");
    }
}
