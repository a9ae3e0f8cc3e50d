package io.ackbench.tools.chart;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ChartLabelTest {
    @Test
    void aCuratedResultFileNameGivesMachineAndCommit() {
        final ChartLabel label = ChartLabel.fromResultFileName(
            Path.of("results/baselines/ProduceBenchmark.rate20000-2026-11-23-faa9147-kvm2c.json"));

        assertThat(label.machine()).isEqualTo("kvm2c");
        assertThat(label.commit()).isEqualTo("faa9147");
        assertThat(label.describe()).isEqualTo("kvm2c @ faa9147");
        assertThat(label.appendTo("title")).isEqualTo("title \u2014 kvm2c @ faa9147");
    }

    @Test
    void anyOtherNameGivesNothing() {
        assertThat(ChartLabel.fromResultFileName(Path.of("/tmp/pk.json"))).isEqualTo(ChartLabel.NONE);
        assertThat(ChartLabel.NONE.appendTo("title")).isEqualTo("title");
        assertThat(ChartLabel.NONE.withCommit("abc1234").describe()).isEqualTo("@ abc1234");
    }
}
