package io.ackbench.fault;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Failover timing driven by hand: a fake leader view, faults that do nothing, acknowledgements with chosen times.
 * The fault instant is read from nanoTime inside strike, so acknowledgements are stamped relative to it.
 */
class FailoverTimesTest {
    private static final long MS = 1_000_000L;

    /** Partitions 0 and 3 led by broker 0, 1 and 4 by broker 1, 2 and 5 by broker 2, until changed. */
    private final int[] leaders = {0, 1, 2, 0, 1, 2};
    private final FailoverTimes times = new FailoverTimes(6, leaders::clone, 0);

    private long strike(final String action, final int broker) {
        times.strike(action, broker, () -> { });
        return System.nanoTime(); // at or after the fault instant
    }

    @Test
    void theSuccessorsFirstAckOfARecordSentAfterTheKillIsTheFailover() {
        final long kill = strike("kill broker 0", 0);
        leaders[0] = 1;
        leaders[3] = 2;
        times.pollSuccessors();
        // A record sent before the kill, answered after it: perhaps the old leader's; not counted.
        times.onAcknowledged(0, kill - 10 * MS, kill + 5 * MS);
        times.onAcknowledged(0, kill + MS, kill + 40 * MS);
        times.onAcknowledged(0, kill + 2 * MS, kill + 41 * MS); // not the first
        times.onAcknowledged(3, kill + MS, kill + 90 * MS);
        times.onAcknowledged(1, kill + MS, kill + 2 * MS); // not struck

        final List<Failover> failovers = times.finish();

        assertThat(failovers).extracting(Failover::partition).containsExactly(0, 3);
        assertThat(failovers).allMatch(Failover::bySuccessor);
        assertThat(failovers).extracting(Failover::successor).containsExactly(1, 2);
        final long fault = failovers.get(0).faultNanos();
        assertThat(failovers.get(0).failoverNanos()).isEqualTo(kill + 40 * MS - fault);
        assertThat(failovers.get(1).failoverNanos()).isEqualTo(kill + 90 * MS - fault);
        final FailoverReport report = new FailoverReport(failovers, 1, 1);
        assertThat(report.p50Nanos()).isEqualTo(kill + 40 * MS - fault);
        assertThat(report.maxNanos()).isEqualTo(kill + 90 * MS - fault);
        assertThat(report.withoutSuccessorAck()).isZero();
    }

    @Test
    void anAckAfterTheRestartWithNoOtherLeaderSeenIsNoSuccessorAck() {
        final long kill = strike("kill broker 2", 2);
        times.faultEnding(2);
        final long restart = System.nanoTime();
        times.pollSuccessors(); // broker 2 still leads: no controller moved anything
        times.onAcknowledged(2, kill + MS, restart + MS);

        final List<Failover> failovers = times.finish();

        assertThat(failovers).hasSize(2).noneMatch(Failover::bySuccessor);
        assertThat(failovers.get(0).describe()).contains("partition 2: no successor ack (broker 2 itself answered");
        assertThat(failovers.get(1).describe()).endsWith("partition 5: no successor ack (no ack at all before the run "
            + "ended)");
        final FailoverReport report = new FailoverReport(failovers, 1, 1);
        assertThat(report.p50Nanos()).isEqualTo(-1);
        assertThat(report.summaryLine()).isEqualTo("Faults: 1 of 1 applied; no failover time (no successor ack); "
            + "2 of 2 struck partitions without a successor ack.");
        assertThat(report.toJson()).contains("\"failoverMillisP50\": null", "\"note\": \"no successor ack\"");
    }

    @Test
    void anAckWhileTheBrokerIsStillDownIsTheSuccessorsEvenBeforeItIsSeen() {
        final long pause = strike("pause broker 1", 1);
        times.onAcknowledged(4, pause + MS, pause + 7 * MS);

        final List<Failover> failovers = times.finish();

        assertThat(failovers).extracting(Failover::partition).containsExactly(1, 4);
        assertThat(failovers.get(1).bySuccessor()).isTrue();
        assertThat(failovers.get(1).successor()).isEqualTo(PartitionLeaders.NO_LEADER);
        assertThat(failovers.get(0).bySuccessor()).isFalse();
    }

    @Test
    void aNewFaultOnAPartitionStillWaitingClosesItsFirstWatch() {
        strike("kill broker 0", 0);
        leaders[0] = 1;
        times.faultEnding(0);
        final long second = strike("kill broker 1", 1);
        times.onAcknowledged(0, second + MS, second + 3 * MS);

        final List<Failover> failovers = times.finish();

        assertThat(failovers).extracting(Failover::action, Failover::partition).containsExactly(
            tuple("kill broker 0", 0), tuple("kill broker 0", 3), tuple("kill broker 1", 0),
            tuple("kill broker 1", 1), tuple("kill broker 1", 4));
        assertThat(failovers.get(0).ackNanos()).isEqualTo(Failover.NO_ACK);
        assertThat(failovers.get(2).bySuccessor()).isTrue();
    }

    @Test
    void leadersThatCannotBeAskedLeaveTheLastAnswer() {
        final int[] calls = {0};
        final FailoverTimes flaky = new FailoverTimes(2, () -> {
            if (calls[0]++ > 0) {
                throw new IllegalStateException("no answer");
            }
            return new int[] {0, 1};
        }, 0);
        flaky.strike("kill broker 0", 0, () -> { });
        flaky.strike("kill broker 1", 1, () -> { }); // asked again: fails, the first answer stands

        assertThat(flaky.finish()).extracting(Failover::partition).containsExactly(0, 1);
    }
}
