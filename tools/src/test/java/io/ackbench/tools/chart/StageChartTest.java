package io.ackbench.tools.chart;

import io.ackbench.load.stages.StageRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The stage chart from two fixture runs, an ackbench breakdown and a Kafka one: its bars hold exactly the fixtures'
 * figures in milliseconds (unknown ones NaN), each stack is the sum of its stages, and the command writes a PNG and
 * an SVG per percentile.
 */
class StageChartTest {
    private static final double NAN = Double.NaN;

    @TempDir
    Path dir;

    @Test
    void readsTheStagesObjectOfASummaryAndNamesTheRunByItsDirectory() throws Exception {
        final StageSummary kafka = StageSummary.read(fixture("kafka-acks-all"), null);

        assertThat(kafka.label()).isEqualTo("kafka-acks-all");
        assertThat(kafka.breakdown().source()).isEqualTo("Apache Kafka: producer metrics and broker JMX");
        assertThat(kafka.breakdown().notes()).containsExactly("reservoirs");
        assertThat(kafka.breakdown().rows().get(0)).isEqualTo(new StageRow("producer queue", "batch created -> drained",
            -1, "batches", NAN, NAN, NAN, 989_000.0, true));
        assertThat(StageSummary.read(fixture("kafka-acks-all"), "kafka").label()).isEqualTo("kafka");
    }

    @Test
    void theP99BarsAreTheFixturesFiguresInMillisecondsStackedAndMarked() throws Exception {
        final StageBars bars = StageBars.of(runs(), StagePercentile.P99);

        assertThat(bars.runs()).containsExactly("ackbench-acks-all", "kafka-acks-all");
        assertThat(bars.stacked()).containsExactly(
            new StageBars.Series("accumulation", new double[] {0.8, NAN}),
            new StageBars.Series("send", new double[] {0.09, NAN}),
            new StageBars.Series("leader append", new double[] {0.07, NAN}),
            new StageBars.Series("replication", new double[] {0.9, NAN}),
            new StageBars.Series("producer queue", new double[] {NAN, NAN}),
            new StageBars.Series("request queue", new double[] {NAN, 61.0}),
            new StageBars.Series("local (leader append)", new double[] {NAN, 303.0}),
            new StageBars.Series("remote (replication)", new double[] {NAN, 294.0}));
        assertThat(bars.markers()).containsExactly(
            new StageBars.Series("total", new double[] {2.1, NAN}),
            new StageBars.Series("broker total", new double[] {NAN, 472.0}),
            new StageBars.Series("producer request", new double[] {NAN, NAN}));
        assertThat(bars.stacked().get(4).reported()).isFalse();
        assertThat(bars.stackHeight(1)).isEqualTo(61.0 + 303.0 + 294.0);
        assertThat(StageChart.stackTops(bars, 2)).containsExactly(0.8 + 0.09 + 0.07, 0.0);
        assertThat(StageChart.stackTops(bars, 7)).containsExactly(0.8 + 0.09 + 0.07 + 0.9, 61.0 + 303.0 + 294.0);
    }

    @Test
    void theP50AndP999BarsTakeTheirOwnFigures() throws Exception {
        assertThat(StageBars.of(runs(), StagePercentile.P50).stacked().get(0))
            .isEqualTo(new StageBars.Series("accumulation", new double[] {0.1205, NAN}));
        assertThat(StageBars.of(runs(), StagePercentile.P999).markers().get(0))
            .isEqualTo(new StageBars.Series("total", new double[] {4.8, NAN}));
    }

    @Test
    void theCommandWritesAPngAndAnSvgPerPercentileWithTheCaption() throws Exception {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();

        final int exit = ChartsMain.run(new String[] {"stages", fixture("ackbench-acks-all").toString(),
            fixture("kafka-acks-all").toString(), "--labels", "ackbench,kafka", "--out", dir.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ChartsMain.EXIT_OK);
        final List<Path> written = out.toString(StandardCharsets.UTF_8).lines().map(Path::of).toList();
        assertThat(written).containsExactly(dir.resolve("stages-p50.png"), dir.resolve("stages-p50.svg"),
            dir.resolve("stages-p99.png"), dir.resolve("stages-p99.svg"), dir.resolve("stages-p99.9.png"),
            dir.resolve("stages-p99.9.svg"));
        ChartImages.assertPngAndSvgPairs(written);
        assertThat(StageChart.render(StageBars.of(runs(), StagePercentile.P99), null).getXAxisTitle())
            .contains(StageChart.CAPTION);
    }

    @Test
    void aSummaryWithoutStagesIsRefusedNamingTheFile() throws Exception {
        final Path plain = dir.resolve("summary.json");
        java.nio.file.Files.writeString(plain, "{\"target\":\"kafka\"}");

        assertThatThrownBy(() -> StageSummary.read(plain, null)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(plain.toString()).hasMessageContaining("no \"stages\" object");
    }

    private static List<StageSummary> runs() throws URISyntaxException {
        return List.of(StageSummary.read(fixture("ackbench-acks-all"), null),
            StageSummary.read(fixture("kafka-acks-all"), null));
    }

    private static Path fixture(final String run) throws URISyntaxException {
        return Path.of(StageChartTest.class.getResource("/stages/" + run + "/summary.json").toURI());
    }
}
