package io.ackbench.fault;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A scripted schedule applied to a recording fake on explicit clock readings: each action exactly when due. */
class FaultRunnerTest {
    private static final long START = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    /** Records each call with the clock reading the test is at. */
    private static final class Recording implements BrokerFaults {
        final List<String> calls = new ArrayList<>();
        long now;

        @Override
        public int brokerCount() {
            return 3;
        }

        @Override
        public void kill(final int brokerId) {
            calls.add(now + " kill " + brokerId);
        }

        @Override
        public void restart(final int brokerId) {
            calls.add(now + " restart " + brokerId);
        }

        @Override
        public void pause(final int brokerId) {
            calls.add(now + " pause " + brokerId);
        }

        @Override
        public void resume(final int brokerId) {
            calls.add(now + " resume " + brokerId);
        }

        int runAt(final FaultRunner runner, final long nanos) {
            now = nanos;
            return runner.runDue(nanos);
        }
    }

    @Test
    void eachActionIsAppliedWhenDueAndNotBefore() {
        final FaultSchedule schedule = FaultSchedule.parse("brokers 3\n100 KILL 2 50\n150 PAUSE 0 30\n");
        final Recording fake = new Recording();
        final FaultRunner runner = new FaultRunner(schedule, fake, START);

        assertThat(runner.nextDueNanos()).isEqualTo(START + 100 * MS);
        assertThat(fake.runAt(runner, START + 100 * MS - 1)).isZero();
        assertThat(fake.runAt(runner, START + 100 * MS)).isOne();
        assertThat(fake.runAt(runner, START + 100 * MS)).isZero();
        // At 150 ms broker 2's restart and broker 0's pause are both due: the end goes first.
        assertThat(fake.runAt(runner, START + 150 * MS)).isEqualTo(2);
        assertThat(runner.nextDueNanos()).isEqualTo(START + 180 * MS);
        assertThat(runner.done()).isFalse();
        assertThat(fake.runAt(runner, START + 180 * MS)).isOne();
        assertThat(runner.done()).isTrue();
        assertThat(runner.nextDueNanos()).isEqualTo(Long.MAX_VALUE);

        assertThat(fake.calls).containsExactly(
            (START + 100 * MS) + " kill 2",
            (START + 150 * MS) + " restart 2",
            (START + 150 * MS) + " pause 0",
            (START + 180 * MS) + " resume 0");
        assertThat(runner.applied()).extracting(FaultAction::describe)
            .containsExactly("kill broker 2", "restart broker 2", "pause broker 0", "resume broker 0");
    }

    @Test
    void aLateCallAppliesEverythingOverdueInOrder() {
        final FaultSchedule schedule = FaultSchedule.parse("brokers 3\n0 PAUSE 1 10\n20 KILL 1 10\n");
        final Recording fake = new Recording();
        final FaultRunner runner = new FaultRunner(schedule, fake, START);

        assertThat(fake.runAt(runner, START + 1_000 * MS)).isEqualTo(4);
        assertThat(fake.calls).extracting(call -> call.substring(call.indexOf(' ') + 1))
            .containsExactly("pause 1", "resume 1", "kill 1", "restart 1");
    }

    @Test
    void aClockThatWrapsPastLongMaxStillOrdersByDifference() {
        final long nearWrap = Long.MAX_VALUE - 5 * MS;
        final Recording fake = new Recording();
        final FaultRunner runner = new FaultRunner(FaultSchedule.parse("brokers 3\n1 KILL 0 10\n"), fake, nearWrap);
        assertThat(fake.runAt(runner, nearWrap + MS)).isOne();
        assertThat(fake.runAt(runner, nearWrap + 11 * MS - 1)).isZero(); // past Long.MAX_VALUE: negative
        assertThat(fake.runAt(runner, nearWrap + 11 * MS)).isOne();
        assertThat(fake.calls).extracting(call -> call.substring(call.indexOf(' ') + 1))
            .containsExactly("kill 0", "restart 0");
    }

    @Test
    void aScheduleForMoreBrokersThanTheClusterHasIsRefused() {
        assertThatThrownBy(() -> new FaultRunner(new FaultSchedule(5, List.of()), new Recording(), START))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("The schedule is for 5 brokers; there are 3");
    }
}
