package io.ackbench.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** POWER_LOSS in schedules: its text form, what it calls, and its refusal where brokers cannot lose unforced bytes. */
class PowerLossFaultTest {
    private static final FaultSchedule SCHEDULE = FaultSchedule.parse("brokers 3\n100 POWER_LOSS 1 200\n");

    @Test
    void aScheduleReadsAndPrintsPowerLoss() {
        assertThat(SCHEDULE.faults()).containsExactly(new Fault(100, FaultKind.POWER_LOSS, 1, 200));
        assertThat(FaultSchedule.parse(SCHEDULE.toText())).isEqualTo(SCHEDULE);
        assertThat(new FaultAction(0, SCHEDULE.faults().get(0), true).describe()).isEqualTo("power off broker 1");
        assertThat(new FaultAction(0, SCHEDULE.faults().get(0), false).describe()).isEqualTo("restart broker 1");
    }

    @Test
    void powerLossPowersOffAtItsStartAndRestartsAtItsEnd() {
        final Recording brokers = new Recording(true);
        FaultKind.POWER_LOSS.start(brokers, 1);
        FaultKind.POWER_LOSS.end(brokers, 1);
        assertThat(brokers.calls).containsExactly("powerOff 1", "restart 1");
    }

    @Test
    void brokersThatCannotLosePowerRefuseTheScheduleBeforeAnythingRuns() {
        final Recording brokers = new Recording(false);
        assertThatThrownBy(() -> FaultInjector.checkSupported(SCHEDULE, brokers))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("POWER_LOSS faults cannot be applied by Recording (scheduled at 100 ms on broker 1)");
        assertThatThrownBy(() -> new InProcessBrokerFaults(null).powerOff(0))
            .isInstanceOf(UnsupportedOperationException.class)
            .hasMessageContaining("InProcessBrokerFaults cannot apply POWER_LOSS faults");
        assertThat(brokers.calls).isEmpty();
    }

    private static final class Recording implements BrokerFaults {
        final List<String> calls = new ArrayList<>();
        private final boolean powerLoss;

        Recording(final boolean powerLoss) {
            this.powerLoss = powerLoss;
        }

        @Override
        public int brokerCount() {
            return 3;
        }

        @Override
        public void kill(final int brokerId) {
            calls.add("kill " + brokerId);
        }

        @Override
        public void restart(final int brokerId) {
            calls.add("restart " + brokerId);
        }

        @Override
        public void pause(final int brokerId) {
            calls.add("pause " + brokerId);
        }

        @Override
        public void resume(final int brokerId) {
            calls.add("resume " + brokerId);
        }

        @Override
        public void powerOff(final int brokerId) {
            calls.add("powerOff " + brokerId);
        }

        @Override
        public boolean supports(final FaultKind kind) {
            return powerLoss || kind != FaultKind.POWER_LOSS;
        }
    }
}
