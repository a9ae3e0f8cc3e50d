package io.ackbench.tools.chart;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunRangesTest {
    @TempDir
    Path dir;

    private static RunRanges twoSystems() {
        return RunRanges.of("Throughput", "throughput", "configuration", "records/s", List.of("acks=1", "acks=all"))
            .withSeries("ackbench", List.of(new double[] {500_000, 530_000}, new double[] {300_000}))
            .withSeries("kafka", List.of(new double[] {250_000, 270_000, 290_000}, new double[0]));
    }

    @Test
    void eachBarIsTheRunsMeanWithWhiskersToTheRunFarthestFromIt() {
        final GroupedBars bars = twoSystems().bars(ChartLabel.of("kvm2c", ""));

        assertThat(bars.title()).isEqualTo("Throughput" + ChartStyle.TITLE_SEPARATOR + "kvm2c");
        assertThat(bars.categories()).containsExactly("acks=1", "acks=all");
        assertThat(bars.series().get(0).name()).isEqualTo("ackbench");
        assertThat(bars.series().get(0).values()).containsExactly(515_000, 300_000);
        assertThat(bars.series().get(0).errors()).containsExactly(15_000, 0);
        assertThat(bars.series().get(1).values()[0]).isEqualTo(270_000);
        assertThat(bars.series().get(1).errors()[0]).isEqualTo(20_000);
        // No run: no bar.
        assertThat(bars.series().get(1).values()[1]).isNaN();
        final var chart = GroupedBarChart.render(bars);
        assertThat(chart.getYAxisTitle()).isEqualTo("records/s; error bars: the runs' range");
        // The missing bar is drawn at zero height; a label would call it 0.
        assertThat(chart.getStyler().isLabelsVisible()).isFalse();
    }

    @Test
    void writesOnePngAndOneSvgNamedByTheStem() throws Exception {
        final List<Path> written = Charts.runRanges(twoSystems(), dir, ChartLabel.NONE);

        assertThat(written).containsExactly(dir.resolve("throughput.png"), dir.resolve("throughput.svg"));
        ChartImages.assertPngAndSvgPairs(written);
    }

    @Test
    void aSeriesNeedsRunsForEveryCategory() {
        assertThatThrownBy(() -> RunRanges.of("t", "s", "c", "v", List.of("a", "b"))
            .withSeries("kafka", List.of(new double[] {1})))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("series kafka has runs for 1 categories, not the chart's 2");
        assertThatThrownBy(() -> RunRanges.of("t", "s", "c", "v", List.of("a")).bars(ChartLabel.NONE))
            .isInstanceOf(IllegalStateException.class).hasMessage("t: no series to draw");
    }
}
