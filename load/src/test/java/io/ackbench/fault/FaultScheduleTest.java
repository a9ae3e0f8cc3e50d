package io.ackbench.fault;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A seed gives one schedule, its text gives it back exactly, and a majority of brokers is always up. */
class FaultScheduleTest {
    private static final Duration RUN = Duration.ofMinutes(10);
    private static final Duration MIN = Duration.ofSeconds(1);
    private static final Duration MAX = Duration.ofSeconds(45);
    private static final Set<FaultKind> BOTH = EnumSet.of(FaultKind.KILL, FaultKind.PAUSE);

    @Test
    void theSameSeedGivesTheSameSchedule() {
        final FaultSchedule first = FaultScheduleGenerator.generate(42, 5, RUN, 20, BOTH, MIN, MAX);
        final FaultSchedule again = FaultScheduleGenerator.generate(42, 5, RUN, 20, EnumSet.of(FaultKind.PAUSE,
            FaultKind.KILL), MIN, MAX);
        final FaultSchedule other = FaultScheduleGenerator.generate(43, 5, RUN, 20, BOTH, MIN, MAX);

        assertThat(again).isEqualTo(first);
        assertThat(again.toText()).isEqualTo(first.toText());
        assertThat(other).isNotEqualTo(first);
        assertThat(first.faults()).hasSize(20);
    }

    @Test
    void aScheduleIsPinnedByItsSeedAcrossVersions() {
        // java.util.Random's sequence is specified, so this text stays the same on every JVM; if this changes, the
        // generator changed and old seeds no longer replay their runs.
        assertThat(FaultScheduleGenerator.generate(7, 3, Duration.ofSeconds(60), 3, BOTH, MIN,
            Duration.ofSeconds(10)).toText()).isEqualTo("# at_ms kind broker duration_ms\n"
            + "brokers 3\n"
            + "7612 PAUSE 1 2904\n"
            + "18908 KILL 0 8892\n"
            + "42511 PAUSE 2 7280\n");
    }

    @Test
    void textRoundTripsExactly() {
        for (long seed = 0; seed < 50; seed++) {
            final FaultSchedule schedule = FaultScheduleGenerator.generate(seed, 3, RUN, 8, BOTH, MIN, MAX);
            assertThat(FaultSchedule.parse(schedule.toText())).isEqualTo(schedule);
        }
    }

    @Test
    void generatedSchedulesKeepAMajorityUpAndStayInTheRun() {
        for (long seed = 0; seed < 200; seed++) {
            final int brokers = 3 + (int) (seed % 5);
            final FaultSchedule schedule = FaultScheduleGenerator.generate(seed, brokers, RUN, 10, BOTH, MIN, MAX);
            final List<Fault> faults = schedule.faults();
            assertThat(FaultSchedule.maxConcurrent(faults)).isLessThanOrEqualTo((brokers - 1) / 2);
            for (int i = 0; i < faults.size(); i++) {
                final Fault fault = faults.get(i);
                assertThat(fault.atMillis()).isGreaterThanOrEqualTo(0);
                assertThat(fault.endMillis()).isLessThanOrEqualTo(RUN.toMillis());
                assertThat(fault.durationMillis()).isBetween(MIN.toMillis(), MAX.toMillis());
                assertThat(fault.broker()).isBetween(0, brokers - 1);
                for (int j = i + 1; j < faults.size(); j++) {
                    assertThat(fault.broker() == faults.get(j).broker() && fault.overlaps(faults.get(j)))
                        .as("%s and %s", fault, faults.get(j)).isFalse();
                }
                if (i > 0) {
                    assertThat(fault.atMillis()).isGreaterThanOrEqualTo(faults.get(i - 1).atMillis());
                }
            }
        }
    }

    @Test
    void onlyTheAllowedKindsAreDrawn() {
        final FaultSchedule schedule = FaultScheduleGenerator.generate(1, 3, RUN, 10, EnumSet.of(FaultKind.PAUSE),
            MIN, MAX);
        assertThat(schedule.faults()).extracting(Fault::kind).containsOnly(FaultKind.PAUSE);
    }

    @Test
    void parsedTextIsCheckedLikeAGeneratedSchedule() {
        assertThat(FaultSchedule.parse("# a comment\nbrokers 3\n\n1500 KILL 2 3000  # kill broker 2\n"
            + "7000 PAUSE 0 12000\n")).isEqualTo(new FaultSchedule(3, List.of(
                new Fault(1500, FaultKind.KILL, 2, 3000), new Fault(7000, FaultKind.PAUSE, 0, 12000))));
        assertThatThrownBy(() -> FaultSchedule.parse("brokers 3\n0 KILL 0 100\n50 PAUSE 1 100\n"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("2 faults at once among 3 brokers; at most 1 leave a majority up");
        assertThatThrownBy(() -> FaultSchedule.parse("brokers 5\n0 KILL 0 100\n99 PAUSE 0 100\n"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlap on broker 0");
        assertThatThrownBy(() -> FaultSchedule.parse("brokers 3\n0 CRASH 0 100\n"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("Fault schedule line 2 '0 CRASH 0 100': ");
        assertThatThrownBy(() -> FaultSchedule.parse("0 KILL 0 100\n"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Fault schedule line 1 '0 KILL 0 100': expected 'brokers N' first");
        assertThatThrownBy(() -> FaultSchedule.parse("brokers 3\n0 KILL 3 100\n"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside 0..2");
    }

    @Test
    void tooManyFaultsOrTooFewBrokersAreRefused() {
        assertThatThrownBy(() -> FaultScheduleGenerator.generate(1, 2, RUN, 1, BOTH, MIN, MAX))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 3 brokers");
        assertThatThrownBy(() -> FaultScheduleGenerator.generate(1, 3, Duration.ofSeconds(10), 20, BOTH,
            Duration.ofSeconds(5), Duration.ofSeconds(5)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Could not place fault 2 (seed 1)");
    }
}
