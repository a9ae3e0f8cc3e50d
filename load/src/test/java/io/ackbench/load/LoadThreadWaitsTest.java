package io.ackbench.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoadThreadWaitsTest {
    private static final long MICROS = 1_000;

    @Test
    void onlySendsLongerThanFiftyMicrosecondsCountAsBlocked() {
        final LoadThreadWaits waits = new LoadThreadWaits();
        waits.onSend(3 * MICROS);
        waits.onSend(50 * MICROS);
        waits.onSend(51 * MICROS);
        waits.onSend(2_000 * MICROS);

        assertThat(waits.blockedSends()).isEqualTo(2);
        assertThat(waits.blockedSendNanos()).isEqualTo(2_051 * MICROS);
        assertThat(waits.maxBlockedSendNanos()).isEqualTo(2_000 * MICROS);
    }

    @Test
    void onlyWakesLaterThanTwoHundredMicrosecondsCountAsLate() {
        final LoadThreadWaits waits = new LoadThreadWaits();
        waits.onWake(70 * MICROS);
        waits.onWake(200 * MICROS);
        waits.onWake(900 * MICROS);
        waits.onWake(300 * MICROS);

        assertThat(waits.parks()).isEqualTo(4);
        assertThat(waits.lateWakes()).isEqualTo(2);
        assertThat(waits.lateWakeNanos()).isEqualTo(1_200 * MICROS);
        assertThat(waits.maxLateWakeNanos()).isEqualTo(900 * MICROS);
    }

    @Test
    void lateRecordsInARowAreOneBurstAndAnOnTimeRecordEndsIt() {
        final LoadThreadWaits waits = new LoadThreadWaits();
        final long[] lateness = {-5 * MICROS, 300 * MICROS, 250 * MICROS, 201 * MICROS, 100 * MICROS,
            400 * MICROS, 0, 500 * MICROS, 450 * MICROS};
        for (final long late : lateness) {
            waits.onSent(late);
        }

        assertThat(waits.catchUpRecords()).isEqualTo(6);
        assertThat(waits.catchUpBursts()).isEqualTo(3);
        assertThat(waits.longestCatchUpBurst()).isEqualTo(3);
    }

    @Test
    void theSumAddsCountsAndTotalsAndKeepsTheLargestMaxima() {
        final LoadThreadWaits a = new LoadThreadWaits();
        a.onSend(100 * MICROS);
        a.onWake(1_000 * MICROS);
        a.onSent(300 * MICROS);
        final LoadThreadWaits b = new LoadThreadWaits();
        b.onSend(60 * MICROS);
        b.onSend(700 * MICROS);
        b.onSent(300 * MICROS);
        b.onSent(300 * MICROS);

        final LoadThreadWaits sum = LoadThreadWaits.sum(a, b);

        assertThat(sum.blockedSends()).isEqualTo(3);
        assertThat(sum.blockedSendNanos()).isEqualTo(860 * MICROS);
        assertThat(sum.maxBlockedSendNanos()).isEqualTo(700 * MICROS);
        assertThat(sum.parks()).isEqualTo(1);
        assertThat(sum.lateWakes()).isEqualTo(1);
        assertThat(sum.catchUpRecords()).isEqualTo(3);
        assertThat(sum.catchUpBursts()).isEqualTo(2);
        assertThat(sum.longestCatchUpBurst()).isEqualTo(2);
        assertThat(sum.line()).isEqualTo("Load thread waits: 1 parks; 3 sends blocked over 50 us (0.9 ms in total, "
            + "700 us max); 1 wake-ups late by over 200 us (1.0 ms in total, 1000 us max); 3 records sent over "
            + "200 us late in 2 catch-up bursts (longest 2).");
        assertThat(sum.toJson()).isEqualTo("{\"parks\": 1, \"blockedSends\": 3, \"blockedSendMicros\": 860.000, "
            + "\"maxBlockedSendMicros\": 700.000, \"blockedSendThresholdMicros\": 50, \"lateWakes\": 1, "
            + "\"lateWakeMicros\": 1000.000, \"maxLateWakeMicros\": 1000.000, \"lateWakeThresholdMicros\": 200, "
            + "\"catchUpRecords\": 3, \"catchUpBursts\": 2, \"longestCatchUpBurst\": 2, "
            + "\"catchUpThresholdMicros\": 200}");
    }
}
