package io.ackbench.load.machine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WindowRecorderTest {
    private static final long ORIGIN = 5_000_000_000L;
    private static final long WIDTH = 100_000_000L;

    @Test
    void eachWindowKeepsItsLargestLatencyAndCount() {
        final WindowRecorder recorder = new WindowRecorder(ORIGIN, WIDTH, 3);
        recorder.record(ORIGIN, 7);
        recorder.record(ORIGIN + WIDTH - 1, 9);
        recorder.record(ORIGIN + WIDTH - 1, 8);
        recorder.record(ORIGIN + 2 * WIDTH + 50, 40);
        recorder.record(ORIGIN - 1, 1_000);
        recorder.record(ORIGIN + 3 * WIDTH, 2_000);

        final long[] max = new long[3];
        final long[] count = new long[3];
        assertThat(recorder.merge(max, count)).isEqualTo(2);
        assertThat(max).containsExactly(9, 0, 40);
        assertThat(count).containsExactly(3, 0, 1);
    }

    @Test
    void mergingTakesTheLargestAndSumsTheCounts() {
        final WindowRecorder first = new WindowRecorder(ORIGIN, WIDTH, 2);
        final WindowRecorder second = new WindowRecorder(ORIGIN, WIDTH, 2);
        first.record(ORIGIN + 10, 30);
        second.record(ORIGIN + 20, 50);
        second.record(ORIGIN + WIDTH, 5);

        final long[] max = new long[2];
        final long[] count = new long[2];
        first.merge(max, count);
        second.merge(max, count);
        assertThat(max).containsExactly(50, 5);
        assertThat(count).containsExactly(2, 1);
    }
}
