package io.ackbench.kafka;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

import java.util.List;
import java.util.Map;

/**
 * What kafka-clients' producers say of their own latency, from their {@code producer-metrics} group: the time a batch
 * waits in the accumulator ({@code record-queue-time}, per batch, from its creation to its drain into a request) and a
 * Produce request's round trip ({@code request-latency}, per response). Each is an average and a maximum over the
 * metrics' sample window only ({@code metrics.num.samples} samples of {@code metrics.sample.window.ms}), no
 * percentiles. Several producers are merged: the mean of their averages, the largest maximum.
 *
 * @param producers how many producers reported (an average that is NaN, no samples in the window, is left out)
 */
record ProducerFigures(double queueAvgMillis, double queueMaxMillis, double requestAvgMillis,
                       double requestMaxMillis, int producers) {
    static final String GROUP = "producer-metrics";
    static final String QUEUE_AVG = "record-queue-time-avg";
    static final String QUEUE_MAX = "record-queue-time-max";
    static final String REQUEST_AVG = "request-latency-avg";
    static final String REQUEST_MAX = "request-latency-max";

    static final ProducerFigures NONE = new ProducerFigures(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);

    /** The figures of {@code producers} now. */
    static ProducerFigures of(final List<? extends Producer<?, ?>> producers) {
        double queueSum = 0;
        double requestSum = 0;
        int queueN = 0;
        int requestN = 0;
        double queueMax = Double.NaN;
        double requestMax = Double.NaN;
        for (final Producer<?, ?> producer : producers) {
            final Map<MetricName, ? extends Metric> metrics = producer.metrics();
            final double queueAvg = value(metrics, QUEUE_AVG);
            final double requestAvg = value(metrics, REQUEST_AVG);
            if (!Double.isNaN(queueAvg)) {
                queueSum += queueAvg;
                queueN++;
            }
            if (!Double.isNaN(requestAvg)) {
                requestSum += requestAvg;
                requestN++;
            }
            queueMax = largest(queueMax, value(metrics, QUEUE_MAX));
            requestMax = largest(requestMax, value(metrics, REQUEST_MAX));
        }
        return new ProducerFigures(queueN == 0 ? Double.NaN : queueSum / queueN, queueMax,
            requestN == 0 ? Double.NaN : requestSum / requestN, requestMax, producers.size());
    }

    /**
     * A metric of the producer group as a double, NaN when absent or not a number. Kafka reports a maximum with no
     * samples as NaN and, in older versions, as negative infinity; both read as NaN here.
     */
    static double value(final Map<MetricName, ? extends Metric> metrics, final String name) {
        for (final Map.Entry<MetricName, ? extends Metric> metric : metrics.entrySet()) {
            if (GROUP.equals(metric.getKey().group()) && name.equals(metric.getKey().name())) {
                return metric.getValue().metricValue() instanceof Number number && Double.isFinite(number.doubleValue())
                    ? number.doubleValue() : Double.NaN;
            }
        }
        return Double.NaN;
    }

    private static double largest(final double a, final double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
    }
}
