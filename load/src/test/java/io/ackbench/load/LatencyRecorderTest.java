package io.ackbench.load;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

class LatencyRecorderTest {
    private static final int VALUES = 10_000;
    private static final long MICRO = 1_000;

    /*
     * Expected percentiles of the latencies 1, 2, ..., 10 000 µs. HdrHistogram reports a percentile as the highest
     * value of the bucket holding it. At 3 significant digits there are 2048 sub-buckets, and values in
     * [1024 * 2^k, 2048 * 2^k) ns share buckets 2^k ns wide:
     *   p50    = 5 000 000 ns, k = 12 (4096 ns): bucket [1220 * 4096, 1221 * 4096) = [4 997 120, 5 001 216)
     *   p99    = 9 900 000 ns, k = 13 (8192 ns): bucket [1208 * 8192, 1209 * 8192) = [9 895 936, 9 904 128)
     *   p99.9  = 9 990 000 ns:                   bucket [1219 * 8192, 1220 * 8192) = [9 986 048, 9 994 240)
     *   p99.99 = 9 999 000 ns and max = 10 000 000 ns share bucket [9 994 240, 10 002 432)
     */
    private static final long P50_NANOS = 5_001_215;
    private static final long P99_NANOS = 9_904_127;
    private static final long P99_9_NANOS = 9_994_239;
    private static final long P99_99_NANOS = 10_002_431;
    private static final long MAX_NANOS = 10_002_431;

    /** 1..10 000 µs in a seeded random order. */
    private static long[] oneToTenThousandMicrosShuffled() {
        final long[] values = new long[VALUES];
        for (int i = 0; i < VALUES; i++) {
            values[i] = (i + 1) * MICRO;
        }
        final SplittableRandom random = new SplittableRandom(7);
        for (int i = VALUES - 1; i > 0; i--) {
            final int j = random.nextInt(i + 1);
            final long swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
        return values;
    }

    @Test
    void percentilesOfKnownLatenciesAreTheirBucketsHighestValues() {
        final LatencyRecorder recorder = new LatencyRecorder();
        for (final long value : oneToTenThousandMicrosShuffled()) {
            recorder.recordLatency(value);
        }

        final Histogram interval = recorder.intervalHistogram(null);

        assertThat(interval.getTotalCount()).isEqualTo(VALUES);
        assertThat(interval.getValueAtPercentile(50)).isEqualTo(P50_NANOS);
        assertThat(interval.getValueAtPercentile(99)).isEqualTo(P99_NANOS);
        assertThat(interval.getValueAtPercentile(99.9)).isEqualTo(P99_9_NANOS);
        assertThat(interval.getValueAtPercentile(99.99)).isEqualTo(P99_99_NANOS);
        assertThat(interval.getMaxValue()).isEqualTo(MAX_NANOS);
        assertThat(interval.getMinValue()).isEqualTo(1_000);
        // Within HdrHistogram's promise of 3 significant digits of the exact values.
        assertThat((double) interval.getValueAtPercentile(50)).isCloseTo(5_000_000, withinPercentage(0.1));
        assertThat((double) interval.getValueAtPercentile(99.99)).isCloseTo(9_999_000, withinPercentage(0.1));
    }

    @Test
    void intervalHoldsOnlyWhatWasRecordedSinceThePreviousOneAndTheTotalHoldsBoth() {
        final LatencyRecorder recorder = new LatencyRecorder();
        recorder.recordLatency(2_000);
        recorder.recordLatency(3_000);
        final Histogram first = recorder.intervalHistogram(null);
        assertThat(first.getTotalCount()).isEqualTo(2);
        assertThat(first.getMaxValue()).as("from 2048 ns up, buckets are 2 ns wide").isEqualTo(3_001);

        recorder.recordLatency(7_000_000);
        final Histogram second = recorder.intervalHistogram(first);

        assertThat(second.getTotalCount()).isEqualTo(1);
        assertThat(second.getMinValue()).isEqualTo(second.lowestEquivalentValue(7_000_000));
        final Histogram total = recorder.totalHistogram();
        assertThat(total.getTotalCount()).isEqualTo(3);
        assertThat(total.getMinValue()).isEqualTo(2_000);
        assertThat(total.getMaxValue()).isEqualTo(total.highestEquivalentValue(7_000_000));

        assertThat(recorder.intervalHistogram(second).getTotalCount()).as("nothing recorded since").isZero();
    }

    @Test
    void totalCountsOnlyTakenIntervalsAndResetDropsThem() {
        final LatencyRecorder recorder = new LatencyRecorder();
        recorder.recordLatency(5_000);
        assertThat(recorder.totalHistogram().getTotalCount()).as("not yet taken").isZero();
        Histogram interval = recorder.intervalHistogram(null);
        assertThat(recorder.totalHistogram().getTotalCount()).isEqualTo(1);

        recorder.resetTotal();
        recorder.recordLatency(9_000);
        interval = recorder.intervalHistogram(interval);

        final Histogram total = recorder.totalHistogram();
        assertThat(total.getTotalCount()).isEqualTo(1);
        assertThat(total.getMinValue()).isEqualTo(9_000);
    }

    @Test
    void latenciesAboveTheHighestTrackableAreClampedAndCountedNeverThrown() {
        final LatencyRecorder recorder = new LatencyRecorder();
        final long highest = LatencyRecorder.DEFAULT_HIGHEST_TRACKABLE_NANOS;
        recorder.recordLatency(highest);
        recorder.recordLatency(highest + 1);
        recorder.recordLatency(TimeUnit.HOURS.toNanos(1));
        recorder.recordLatency(Long.MAX_VALUE);

        final Histogram interval = recorder.intervalHistogram(null);

        assertThat(recorder.overflowCount()).isEqualTo(3);
        assertThat(recorder.negativeCount()).isZero();
        assertThat(interval.getTotalCount()).isEqualTo(4);
        assertThat(interval.getCountAtValue(highest)).isEqualTo(4);
        assertThat(interval.getMaxValue()).isEqualTo(interval.highestEquivalentValue(highest));
    }

    @Test
    void negativeLatenciesAreRecordedAsZeroAndCounted() {
        final LatencyRecorder recorder = new LatencyRecorder();
        recorder.recordLatency(-1);
        recorder.recordLatency(Long.MIN_VALUE);
        recorder.recordLatency(0);

        final Histogram interval = recorder.intervalHistogram(null);

        assertThat(recorder.negativeCount()).isEqualTo(2);
        assertThat(recorder.overflowCount()).isZero();
        assertThat(interval.getCountAtValue(0)).isEqualTo(3);
    }

    @Test
    void customRangeClampsAtItsOwnHighest() {
        final LatencyRecorder recorder = new LatencyRecorder(1_000, 1_000_000, 2);
        recorder.recordLatency(2_000_000);
        assertThat(recorder.highestTrackableNanos()).isEqualTo(1_000_000);
        assertThat(recorder.overflowCount()).isEqualTo(1);
        assertThat(recorder.intervalHistogram(null).getNumberOfSignificantValueDigits()).isEqualTo(2);
    }

    @Test
    void aWriterRecordingWhileTheReaderTakesIntervalsLosesNoValue() throws InterruptedException {
        final LatencyRecorder recorder = new LatencyRecorder();
        final int records = 2_000_000;
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < records; i++) {
                    recorder.recordLatency(1_000 + (i & 1023));
                }
            } catch (final Throwable e) {
                failure.set(e);
            }
        }, "latency-writer");
        writer.start();

        long counted = 0;
        long intervals = 0;
        Histogram interval = null;
        while (writer.isAlive()) {
            interval = recorder.intervalHistogram(interval);
            counted += interval.getTotalCount();
            intervals++;
        }
        writer.join();
        counted += recorder.intervalHistogram(interval).getTotalCount();

        assertThat(failure.get()).isNull();
        assertThat(intervals).isPositive();
        assertThat(counted).isEqualTo(records);
        assertThat(recorder.totalHistogram().getTotalCount()).isEqualTo(records);
        assertThat(recorder.totalHistogram().getMaxValue()).isEqualTo(2_023);
    }

    @Test
    void hgrmFileHoldsTheTotalInMicroseconds(@TempDir final Path dir) throws IOException {
        final LatencyRecorder recorder = new LatencyRecorder();
        for (final long value : oneToTenThousandMicrosShuffled()) {
            recorder.recordLatency(value);
        }
        recorder.recordLatency(TimeUnit.MINUTES.toNanos(2));
        recorder.intervalHistogram(null);
        final Path file = dir.resolve("runs/latency/test.latency-us.hgrm");

        recorder.writeHgrm(file);

        final List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        assertThat(lines.get(0)).isEqualTo("# Latency in microseconds (recorded in nanoseconds, divided by 1000); "
            + "1 values clamped to 60000000 us, 0 negative values recorded as 0");
        assertThat(lines.get(1).trim()).startsWith("Value").contains("Percentile");
        assertThat(lines).anySatisfy(line -> assertThat(line.trim()).startsWith("5001.215 0.500000000000 "));
        assertThat(lines).anySatisfy(line -> assertThat(line).matches(
            "#\\[Max     = +60028878\\.847, Total count    = +10001]"));
    }

    @Test
    void badRangesAreRefusedWithTheValueNamed() {
        assertThatThrownBy(() -> new LatencyRecorder(0, 1_000, 3))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("lowestDiscernibleNanos must be at least 1, was 0");
        assertThatThrownBy(() -> new LatencyRecorder(1_000, 1_999, 3))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("highestTrackableNanos must be at least twice lowestDiscernibleNanos (1000), was 1999");
        assertThatThrownBy(() -> new LatencyRecorder(1, 1_000, 6))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("significantDigits must be between 0 and 5, was 6");
    }
}
