package io.ackbench.load.calibration;

import io.ackbench.config.ConfigException;
import io.ackbench.load.PerfOptions;
import io.ackbench.load.UsageException;
import io.ackbench.load.Workload;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --target calibration}: found by produce-perf, its settings read, bad ones refused naming key and value. */
class CalibrationTargetTest {
    @Test
    void producePerfFindsTheTargetAndItsSettings() {
        final PerfOptions options = PerfOptions.parse("--target", "calibration", "--throughput", "2000",
            "--duration", "10s", "--producer-props", "calibration.service.us=1000", "calibration.stall.ms=200",
            "calibration.stall.period.ms=1000");

        assertThat(options.target()).isInstanceOf(CalibrationTarget.class);
        assertThat(options.target().name()).isEqualTo("calibration");
        final CalibrationSettings settings = CalibrationSettings.of(options.workload().producerSettings());
        assertThat(settings.serviceNanos()).isEqualTo(1_000_000L);
        assertThat(settings.stallNanos()).isEqualTo(200_000_000L);
        assertThat(settings.periodNanos()).isEqualTo(1_000_000_000L);
    }

    @Test
    void missingSettingsTakeTheirDefaults() {
        final CalibrationSettings settings = CalibrationSettings.of(Map.of());
        assertThat(settings.serviceNanos()).isEqualTo(1_000_000L);
        assertThat(settings.stallNanos()).isZero();
        assertThat(settings.periodNanos()).isEqualTo(1_000_000_000L);
        assertThat(settings).hasToString("service 1000 us, no stalls");
    }

    @Test
    void badSettingsNameTheirKeyAndValue() {
        assertRefused(Map.of("calibration.service.us", "fast"), "calibration.service.us",
            "Invalid value 'fast' for configuration calibration.service.us: expected a whole number of microseconds "
                + "from 0 to 60000000");
        assertRefused(Map.of("calibration.service.us", "-5"), "calibration.service.us",
            "Invalid value '-5' for configuration calibration.service.us: expected a whole number of microseconds "
                + "from 0 to 60000000");
        assertRefused(Map.of("calibration.stall.ms", "99999999999999999"), "calibration.stall.ms",
            "Invalid value '99999999999999999' for configuration calibration.stall.ms: expected a whole number of "
                + "milliseconds from 0 to 60000");
        assertRefused(Map.of("calibration.stall.ms", "1000", "calibration.stall.period.ms", "1000"),
            "calibration.stall.period.ms", "Invalid value '1000' for configuration calibration.stall.period.ms: must "
                + "be longer than the stall (calibration.stall.ms=1000): the responder has to run between stalls");
        assertRefused(Map.of("calibration.stall.period.ms", "0"), "calibration.stall.period.ms",
            "Invalid value '0' for configuration calibration.stall.period.ms: expected milliseconds from 1 to 60000");
        assertRefused(Map.of("acks", "all"), "acks", "Invalid value 'all' for configuration acks: --target "
            + "calibration takes only calibration.service.us, calibration.stall.ms and calibration.stall.period.ms "
            + "as producer settings");
    }

    @Test
    void theTargetNeedsAFixedRateAndHasNoBrokersOrConsumers() {
        final CalibrationTarget target = new CalibrationTarget();
        assertThatThrownBy(() -> target.check(Workload.builder().numRecords(10).build()))
            .isInstanceOf(ConfigException.class).hasMessageStartingWith("Invalid configuration --throughput: "
                + "--target calibration needs a fixed rate");
        assertThatThrownBy(() -> target.check(Workload.builder().numRecords(10).targetRate(10)
            .brokerSetting("replica.fetch.wait.max.ms", "50").build()))
            .isInstanceOf(ConfigException.class).hasMessageStartingWith("Invalid value '50' for configuration "
                + "replica.fetch.wait.max.ms: --target calibration has no brokers");
        assertThatThrownBy(() -> target.check(Workload.builder().numRecords(10).targetRate(10).consumers(1).build()))
            .isInstanceOf(ConfigException.class).hasMessage("Invalid value '1' for configuration --consumers: "
                + "--target calibration has no consumers: give 0");
    }

    @Test
    void aRingTooLargeForTheRateAndStallIsRefusedUpFront() {
        assertThat(CalibrationTarget.ringCapacity(2_000, new CalibrationSettings(1_000_000, 200_000_000,
            1_000_000_000))).isEqualTo(2048); // 2 x (2000/s x 201 ms + 1) + 1024 = 1830, rounded up
        assertThatThrownBy(() -> PerfOptions.parse("--target", "calibration", "--throughput", "1000000000",
            "--duration", "1s", "--producer-props", "calibration.stall.ms=1000", "calibration.stall.period.ms=2000"))
            .isInstanceOf(ConfigException.class).hasMessageStartingWith("Invalid value '1000000000 records/s per "
                + "producer thread' for configuration --throughput: --target calibration keeps up to 16777216 records");
    }

    @Test
    void flagsForBrokersAreRefused() {
        assertThatThrownBy(() -> PerfOptions.parse("--target", "calibration", "--throughput", "10", "--duration",
            "1s", "--transport", "tcp"))
            .isInstanceOf(UsageException.class).hasMessage("--transport applies to --target ackbench only: --target "
                + "calibration has no brokers to reach");
        assertThatThrownBy(() -> PerfOptions.parse("--target", "calibration", "--throughput", "10", "--duration",
            "1s", "--bootstrap-servers", "127.0.0.1:9092"))
            .isInstanceOf(UsageException.class).hasMessage("--bootstrap-servers names brokers; --target calibration "
                + "is a stand-in for them");
    }

    private static void assertRefused(final Map<String, String> settings, final String key, final String message) {
        assertThatThrownBy(() -> CalibrationSettings.of(settings))
            .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo(key))
            .hasMessage(message);
    }
}
