package io.ackbench.tools.chart;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UnitsTest {
    @Test
    void compactNumbersKeepThreeSignificantDigits() {
        assertThat(Units.compact(1_106_828.39)).isEqualTo("1.11M");
        assertThat(Units.compact(950_289.67)).isEqualTo("950k");
        assertThat(Units.compact(12_500)).isEqualTo("12.5k");
        assertThat(Units.compact(1_100)).isEqualTo("1,100");
        assertThat(Units.compact(72.422)).isEqualTo("72.4");
        assertThat(Units.compact(0.035_123)).isEqualTo("0.0351");
        assertThat(Units.compact(2.5e9)).isEqualTo("2.5G");
        assertThat(Units.compact(0)).isEqualTo("0");
    }

    @Test
    void durationsTakeTheUnitThatKeepsTheNumberBelowAThousand() {
        assertThat(Units.duration(850)).isEqualTo("850 ns");
        assertThat(Units.duration(12_600_000)).isEqualTo("12.6 ms");
        assertThat(Units.duration(28.3e9)).isEqualTo("28.3 s");
        assertThat(Units.duration(457_179_135)).isEqualTo("457 ms");
    }

    @Test
    void jmhUnitsAreNamedForReaders() {
        assertThat(Units.display("ops/us")).isEqualTo("ops/\u00b5s");
        assertThat(Units.axisTitle("ops/s")).isEqualTo("throughput (ops/s)");
        assertThat(Units.axisTitle("us/op")).isEqualTo("time per operation (\u00b5s/op)");
        assertThat(Units.axisTitle("B/op")).isEqualTo("B/op");
        assertThat(Units.nanosIn("ops/ms")).isEqualTo(1e6);
        assertThat(Units.isThroughput("ops/s")).isTrue();
        assertThat(Units.isTimePerOperation("ns/op")).isTrue();
        assertThat(Units.isTimePerOperation("B/op")).isFalse();
    }
}
