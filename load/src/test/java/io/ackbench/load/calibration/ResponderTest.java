package io.ackbench.load.calibration;

import io.ackbench.testing.Await;
import io.ackbench.transport.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The delay line: records complete in order, each with the intended time it came with, no earlier than due. */
class ResponderTest {
    private static final long SERVICE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    @Test
    void eachRecordCompletesServiceTimeAfterItsHandOverWithItsIntendedTime() {
        final List<long[]> completions = Collections.synchronizedList(new ArrayList<>());
        final Responder responder = new Responder(4, new StallSchedule(0, 1_000_000_000L), SERVICE_NANOS,
            (partition, offset, errorCode, intendedNanos) -> completions.add(
                new long[] {offset, errorCode, intendedNanos, System.nanoTime()})).start("test-responder");
        try {
            final long handedOver = System.nanoTime();
            responder.handOver(111);
            responder.handOver(222);
            responder.handOver(333);
            responder.awaitCompleted();

            assertThat(completions).hasSize(3);
            for (int i = 0; i < 3; i++) {
                final long[] completion = completions.get(i);
                assertThat(completion[0]).isEqualTo(i);
                assertThat(completion[1]).isEqualTo(ErrorCode.NONE);
                assertThat(completion[2]).isEqualTo(111L * (i + 1));
                assertThat(completion[3] - handedOver).isGreaterThanOrEqualTo(SERVICE_NANOS);
            }
        } finally {
            responder.close();
        }
    }

    @Test
    void aFullRingFailsTheSendNamingItsSize() {
        final Responder responder = new Responder(2, new StallSchedule(0, 1_000_000_000L),
            TimeUnit.SECONDS.toNanos(60), (partition, offset, errorCode, intendedNanos) -> { })
            .start("test-responder");
        try {
            responder.handOver(1);
            responder.handOver(2);
            assertThatThrownBy(() -> responder.handOver(3)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("The calibration responder's ring of 2 records is full");
        } finally {
            responder.close();
        }
    }

    @Test
    void closingStopsAResponderWaitingOutALongServiceTime() {
        final Responder responder = new Responder(2, new StallSchedule(0, 1_000_000_000L),
            TimeUnit.SECONDS.toNanos(60), (partition, offset, errorCode, intendedNanos) -> { })
            .start("test-responder");
        responder.handOver(1);
        responder.close();
        assertThatThrownBy(responder::awaitCompleted).isInstanceOf(IllegalStateException.class)
            .hasMessage("The calibration responder stopped with 1 records uncompleted");
    }

    @Test
    void aListenerThatThrowsFailsTheNextSendThatFindsTheRingFull() {
        final Responder responder = new Responder(1, new StallSchedule(0, 1_000_000_000L), 0,
            (partition, offset, errorCode, intendedNanos) -> {
                throw new IllegalStateException("listener broke");
            }).start("test-responder");
        try {
            responder.handOver(1);
            Await.until("the responder has failed", () -> responder.failure() != null);
            assertThatThrownBy(() -> responder.handOver(2)).isInstanceOf(IllegalStateException.class)
                .hasMessage("The calibration responder failed: java.lang.IllegalStateException: listener broke");
        } finally {
            responder.close();
        }
    }
}
