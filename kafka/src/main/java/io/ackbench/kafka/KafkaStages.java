package io.ackbench.kafka;

import io.ackbench.load.stages.StageBreakdown;
import io.ackbench.load.stages.StageRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Apache Kafka's latency breakdown from what Kafka exposes: the producers' metrics (averages and maxima) and the
 * leaders' Produce request histograms, combined over the brokers by taking, stage by stage, the largest broker's
 * percentile among those that served requests in the measurement. Reporting code: it allocates freely.
 */
final class KafkaStages {
    static final String SOURCE = "Apache Kafka: producer metrics and broker JMX";
    static final String PRODUCER_QUEUE = "producer queue";
    static final String REQUEST_QUEUE = "request queue";
    static final String LOCAL = "local (leader append)";
    static final String REMOTE = "remote (replication)";
    static final String RESPONSE_QUEUE = "response queue";
    static final String RESPONSE_SEND = "response send";
    static final String BROKER_TOTAL = "broker total";
    static final String PRODUCER_REQUEST = "producer request";
    static final String REQUESTS = "requests";
    static final String BATCHES = "batches";
    private static final double MICROS_PER_MILLI = 1_000.0;

    private KafkaStages() {
    }

    /**
     * @param window the producers' metric window, for the note
     * @param brokers one reading per broker, or empty when the brokers cannot be reached (a running cluster's)
     * @param why     why there are no broker rows when {@code brokers} is empty
     */
    static StageBreakdown of(final ProducerFigures producer, final MetricWindow window,
                             final List<BrokerReading> brokers, final String why) {
        final List<StageRow> rows = new ArrayList<>();
        rows.add(new StageRow(PRODUCER_QUEUE, "batch created in the accumulator -> drained into a request",
            StageRow.UNKNOWN_COUNT, BATCHES, StageRow.UNKNOWN, StageRow.UNKNOWN, StageRow.UNKNOWN,
            micros(producer.queueMaxMillis()), true));
        final List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "%s and %s are kafka-clients' own averages and maxima, no percentiles: "
                + "average %s ms per batch in the accumulator (record-queue-time-avg) and %s ms per Produce request "
                + "(request-latency-avg)%s, over the producer's metric window, the last %s (%d samples of %d ms), "
                + "so warm-up records can weigh in", PRODUCER_QUEUE, PRODUCER_REQUEST,
            millis(producer.queueAvgMillis()), millis(producer.requestAvgMillis()),
            producer.producers() > 1 ? ", the mean of " + producer.producers() + " producers' averages" : "",
            window.describe(), window.samples(), window.sampleMillis()));
        if (brokers.isEmpty()) {
            notes.add("No broker rows: " + why);
        } else {
            rows.add(broker(REQUEST_QUEUE, "request read off the socket -> taken by a request handler",
                ProduceRequestMetrics.REQUEST_QUEUE, brokers, true));
            rows.add(broker(LOCAL, "taken by a handler -> appended to the leader's log",
                ProduceRequestMetrics.LOCAL, brokers, true));
            rows.add(broker(REMOTE, "appended -> followers fetched it (acks=all; ~0 otherwise)",
                ProduceRequestMetrics.REMOTE, brokers, true));
            rows.add(broker(RESPONSE_QUEUE, "response ready -> taken by its network thread",
                ProduceRequestMetrics.RESPONSE_QUEUE, brokers, true));
            rows.add(broker(RESPONSE_SEND, "taken by the network thread -> written to the socket",
                ProduceRequestMetrics.RESPONSE_SEND, brokers, true));
            rows.add(broker(BROKER_TOTAL, "request read -> response written, in the leader",
                ProduceRequestMetrics.TOTAL, brokers, false));
            notes.add("Broker rows are the leaders' Produce request histograms (JMX kafka.network:type=RequestMetrics,"
                + "request=Produce) of " + brokers.size() + " brokers, per request (one request carries batches for "
                + "several partitions, each of many records); each percentile is the largest of the brokers' that "
                + "served requests in the measurement, an upper bound: the percentile over all their requests lies "
                + "between the smallest and the largest broker's. count is the requests served since the "
                + "measurement start (Count deltas), max the largest since any broker started");
            notes.add("Kafka's broker histograms are exponentially decaying reservoirs (about the last 5 minutes, "
                + "weighted to the most recent) that cannot be reset at the measurement start: warm-up requests "
                + "weigh in, the less the longer ago they came");
            notes.add("The brokers record each time rounded to whole milliseconds: a stage shorter than half a "
                + "millisecond reads 0, and every broker figure moves in steps of 1 ms");
            for (final BrokerReading reading : brokers) {
                if (reading.error() != null) {
                    notes.add("broker " + reading.node() + " left out: " + reading.error());
                } else if (reading.startCounts().isEmpty()) {
                    notes.add("broker " + reading.node() + " had no count at the measurement start: its count is "
                        + "since it started");
                }
            }
        }
        rows.add(new StageRow(PRODUCER_REQUEST, "Produce request sent -> its response read by the producer",
            StageRow.UNKNOWN_COUNT, REQUESTS, StageRow.UNKNOWN, StageRow.UNKNOWN, StageRow.UNKNOWN,
            micros(producer.requestMaxMillis()), false));
        notes.add("Neither side times the network: " + PRODUCER_REQUEST + " less " + BROKER_TOTAL + " is the two "
            + "transits and the producer's I/O thread; the sum of the stacked stages' percentiles is not the "
            + "total's percentile");
        return new StageBreakdown(SOURCE, rows, notes);
    }

    /** One stage over the brokers: the largest percentile among those that served requests since the start. */
    private static StageRow broker(final String row, final String spans, final String name,
                                   final List<BrokerReading> brokers, final boolean inTotal) {
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        double p999 = Double.NaN;
        double max = Double.NaN;
        long count = 0;
        for (final BrokerReading reading : brokers) {
            if (reading.error() != null) {
                continue;
            }
            final long served = reading.measuredCount(name);
            if (served == 0) {
                continue;
            }
            final RequestHistogram histogram = reading.end().get(name);
            count += served;
            p50 = largest(p50, histogram.p50Millis());
            p99 = largest(p99, histogram.p99Millis());
            p999 = largest(p999, histogram.p999Millis());
            max = largest(max, histogram.maxMillis());
        }
        return new StageRow(row, spans, count, REQUESTS, micros(p50), micros(p99), micros(p999), micros(max),
            inTotal);
    }

    private static double largest(final double a, final double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
    }

    private static double micros(final double millis) {
        return Double.isNaN(millis) ? StageRow.UNKNOWN : millis * MICROS_PER_MILLI;
    }

    private static String millis(final double millis) {
        return Double.isNaN(millis) ? "unknown" : String.format(Locale.ROOT, "%.3f", millis);
    }
}
