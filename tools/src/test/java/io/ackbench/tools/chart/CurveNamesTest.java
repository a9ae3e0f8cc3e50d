package io.ackbench.tools.chart;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CurveNamesTest {
    @Test
    void ackbenchHgrmNamesKeepWhatDiffersAndShareTheRest() {
        final CurveNames names = CurveNames.of(List.of(
            Path.of("runs/ProduceBenchmark.send-thrpt-acks=0-keyed=false-minInsync=2"
                + "-20261124T000544.786Z.latency-us.hgrm"),
            Path.of("runs/ProduceBenchmark.send-thrpt-acks=all-idempotent-keyed=false-minInsync=2"
                + "-20261124T000601.055Z.latency-us.hgrm")));

        assertThat(names.names()).containsExactly("acks=0", "acks=all-idempotent");
        assertThat(names.common()).isEqualTo("ProduceBenchmark.send-thrpt, keyed=false, minInsync=2");
    }

    @Test
    void runTimesStayWhenOnlyTheyTellRunsApart() {
        final CurveNames names = CurveNames.of(List.of(
            Path.of("ProduceBenchmark.send-thrpt-acks=1-20261123T235211.878Z.latency-us.hgrm"),
            Path.of("ProduceBenchmark.send-thrpt-acks=1-20261124T000219.846Z.latency-us.hgrm")));

        assertThat(names.names()).containsExactly("20261123T235211.878Z", "20261124T000219.846Z");
        assertThat(names.common()).isEqualTo("ProduceBenchmark.send-thrpt, acks=1");
    }

    @Test
    void filesOfTheSameNameAreToldApartByTheirDirectory() {
        final CurveNames names = CurveNames.of(List.of(
            Path.of("perf/20261124-004226-acks-0_r50000_s100_p6_b3-rf3-isr2_t1/latency.hgrm"),
            Path.of("perf/20261124-004244-acks-all_r50000_s100_p6_b3-rf3-isr2_t1/latency.hgrm")));

        assertThat(names.names()).containsExactly("004226-acks-0", "004244-acks-all");
        assertThat(names.common()).isEqualTo("20261124-\u2026, \u2026_r50000_s100_p6_b3-rf3-isr2_t1/latency");
    }

    @Test
    void oneFileIsNamedInFull() {
        final CurveNames names = CurveNames.of(List.of(Path.of("send-delay.hgrm")));

        assertThat(names.names()).containsExactly("send-delay");
        assertThat(names.common()).isEmpty();
    }
}
