package io.ackbench.tools.chart;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class HgrmReaderTest {
    private static final int TICKS_PER_HALF_DISTANCE = 5;
    /** HdrHistogram prints percentiles with 12 decimals. */
    private static final double PRINTED_PERCENTILE_PRECISION = 1e-12;

    @TempDir
    Path dir;

    /** 1, 2, ..., 100, each once: every value is exact at 3 significant digits. */
    private static Histogram oneToHundred() {
        final Histogram histogram = new Histogram(3);
        for (int value = 1; value <= 100; value++) {
            histogram.recordValue(value);
        }
        return histogram;
    }

    private Path write(final Histogram histogram, final String name, final boolean csv) throws IOException {
        final Path file = dir.resolve(name);
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), true, StandardCharsets.UTF_8)) {
            histogram.outputPercentileDistribution(out, TICKS_PER_HALF_DISTANCE, 1.0, csv);
        }
        return file;
    }

    @Test
    void readsEveryRowAndTheSummaryHdrHistogramPrints() throws IOException {
        final Histogram histogram = oneToHundred();
        final PercentileDistribution read = HgrmReader.read(write(histogram, "one-to-hundred.hgrm", false));

        // The iterator hands out one mutable value; copy each step as HdrHistogram prints it.
        final List<PercentileDistribution.Row> expected = new ArrayList<>();
        for (final HistogramIterationValue value : histogram.percentiles(TICKS_PER_HALF_DISTANCE)) {
            expected.add(new PercentileDistribution.Row(histogram.highestEquivalentValue(value.getValueIteratedTo()),
                value.getPercentileLevelIteratedTo() / 100, value.getTotalCountToThisValue()));
        }
        assertThat(read.rows()).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            final PercentileDistribution.Row row = read.rows().get(i);
            assertThat(row.value()).isEqualTo(expected.get(i).value());
            assertThat(row.percentile()).isCloseTo(expected.get(i).percentile(), within(PRINTED_PERCENTILE_PRECISION));
            assertThat(row.countAtOrBelow()).isEqualTo(expected.get(i).countAtOrBelow());
        }
        final PercentileDistribution.Row first = read.rows().get(0);
        assertThat(first.value()).isEqualTo(1.0);
        assertThat(first.percentile()).isEqualTo(0.0);
        assertThat(first.countAtOrBelow()).isEqualTo(1);
        final PercentileDistribution.Row median =
            read.rows().stream().filter(r -> r.percentile() == 0.5).findFirst().orElseThrow();
        assertThat(median.value()).isEqualTo(50.0);
        assertThat(median.countAtOrBelow()).isEqualTo(50);
        final PercentileDistribution.Row last = read.rows().get(read.rows().size() - 1);
        assertThat(last.value()).isEqualTo(100.0);
        assertThat(last.percentile()).isEqualTo(1.0);
        assertThat(last.countAtOrBelow()).isEqualTo(100);

        assertThat(read.mean()).isEqualTo(50.5);
        assertThat(read.standardDeviation()).isEqualTo(28.866);
        assertThat(read.max()).isEqualTo(100.0);
        assertThat(read.totalCount()).isEqualTo(100);
        assertThat(read.declaredUnit()).isEmpty();
    }

    @Test
    void readsTheCsvFormAlike() throws IOException {
        final Histogram histogram = oneToHundred();
        final PercentileDistribution plain = HgrmReader.read(write(histogram, "plain.hgrm", false));
        final PercentileDistribution csv = HgrmReader.read(write(histogram, "csv.hgrm", true));

        assertThat(csv.rows()).hasSameSizeAs(plain.rows());
        for (int i = 0; i < plain.rows().size(); i++) {
            assertThat(csv.rows().get(i).value()).isEqualTo(plain.rows().get(i).value());
            assertThat(csv.rows().get(i).percentile()).isEqualTo(plain.rows().get(i).percentile());
            assertThat(csv.rows().get(i).countAtOrBelow()).isEqualTo(plain.rows().get(i).countAtOrBelow());
        }
        // The CSV form has no summary: max and count come from the last row.
        assertThat(csv.max()).isEqualTo(100.0);
        assertThat(csv.totalCount()).isEqualTo(100);
        assertThat(csv.mean()).isNaN();
    }

    @Test
    void takesTheUnitFromAckbenchsCommentLine() {
        final PercentileDistribution read = HgrmReader.parse(List.of(
            "# Latency in microseconds (recorded in nanoseconds, divided by 1000); 0 values clamped",
            "       Value     Percentile TotalCount 1/(1-Percentile)",
            "",
            "     842.239 0.000000000000          5           1.00",
            "  457179.135 1.000000000000   13078324",
            "#[Mean    =   234394.213, StdDeviation   =   107614.449]",
            "#[Max     =   457179.135, Total count    =     13078324]",
            "#[Buckets =           26, SubBuckets     =         2048]"), "ackbench.hgrm");

        assertThat(read.declaredUnit()).contains(TimeUnit.MICROSECONDS);
        assertThat(read.rows()).hasSize(2);
        assertThat(read.rows().get(0).value()).isEqualTo(842.239);
        assertThat(read.rows().get(0).countAtOrBelow()).isEqualTo(5);
        assertThat(read.mean()).isEqualTo(234394.213);
        assertThat(read.max()).isEqualTo(457179.135);
        assertThat(read.totalCount()).isEqualTo(13078324);
    }

    @Test
    void aRowThatIsNotThreeNumbersIsReportedWithFileAndLine() {
        assertThatThrownBy(() -> HgrmReader.parse(List.of("       Value     Percentile TotalCount", "1.0 0.5"), "bad.hgrm"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("bad.hgrm line 2: expected value, percentile and total count, got \"1.0 0.5\"");
        assertThatThrownBy(() -> HgrmReader.parse(List.of("1.0 half 3"), "bad.hgrm"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("bad.hgrm line 1: percentile \"half\" is not a number");
    }

    @Test
    void aPercentileOutsideZeroToOneOrFallingIsRejected() {
        assertThatThrownBy(() -> HgrmReader.parse(List.of("1.0 99.0 3"), "percent.hgrm"))
            .hasMessage("percent.hgrm line 1: percentile 99.0 is not a fraction between 0 and 1");
        assertThatThrownBy(() -> HgrmReader.parse(List.of("1.0 0.5 3", "2.0 0.4 4"), "falling.hgrm"))
            .hasMessage("falling.hgrm line 2: percentile 0.4 falls below the previous row's 0.5");
    }

    @Test
    void aFileWithoutRowsIsRejected() throws IOException {
        final Path empty = Files.writeString(dir.resolve("empty.hgrm"), "# nothing recorded\n");
        assertThatThrownBy(() -> HgrmReader.read(empty))
            .hasMessage(empty + ": no percentile rows (value, percentile, total count)");
    }
}
