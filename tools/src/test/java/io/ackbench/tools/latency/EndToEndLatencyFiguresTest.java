package io.ackbench.tools.latency;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EndToEndLatencyFiguresTest {
    /** What Kafka's tool prints for 2000 records: every 1000th record's latency, then its figures. */
    private static final String PRINTED = String.join("\n",
        "0\t12.345678",
        "1000\t1.234",
        "Avg latency: 1.8350 ms",
        "Percentiles: 50th = 1, 99th = 3, 99.9th = 12",
        "");

    @Test
    void readsTheAverageAndPercentiles() {
        assertThat(EndToEndLatencyFigures.parse(PRINTED)).isEqualTo(new EndToEndLatencyFigures(1.835, 1, 3, 12));
    }

    @Test
    void readsAnAveragePrintedWithADecimalComma() {
        assertThat(EndToEndLatencyFigures.parse(PRINTED.replace("1.8350", "1,8350")).averageMs()).isEqualTo(1.835);
    }

    @Test
    void refusesOutputWithoutTheFigures() {
        assertThatThrownBy(() -> EndToEndLatencyFigures.parse("0\t12.3\n"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Kafka's EndToEndLatency printed no 'Avg latency' and 'Percentiles' lines");
    }

    @Test
    void summarisesTheRunInOneLine() {
        final EndToEndLatencyOptions options = EndToEndLatencyOptions.parse("--num-records", "2000",
            "--producer-acks", "1", "--min-insync-replicas", "3");

        assertThat(EndToEndLatencyFigures.parse(PRINTED).summaryLine(options)).isEqualTo("2000 records sent one "
            + "at a time (acks=1, 100-byte values, 3 brokers, 1 partition, RF 3, min.insync.replicas 3), 1.8350 ms "
            + "avg latency, 1 ms 50th, 3 ms 99th, 12 ms 99.9th (Kafka's EndToEndLatency: send to consumed, whole ms "
            + "rounded down).");
    }
}
