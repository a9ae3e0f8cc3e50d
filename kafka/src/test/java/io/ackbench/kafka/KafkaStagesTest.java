package io.ackbench.kafka;

import io.ackbench.load.stages.StageBreakdown;
import io.ackbench.load.stages.StageRow;
import org.junit.jupiter.api.Test;

import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.StandardMBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka's breakdown from fake broker beans registered under Kafka's own names on local MBean servers: what
 * {@link ProduceRequestMetrics} reads, and how {@link KafkaStages} combines three brokers (one served nothing since
 * the start, one could not be read) and the producers' averages into rows.
 */
class KafkaStagesTest {
    private static final MetricWindow DEFAULT_WINDOW = MetricWindow.of(Map.of());

    /** The attributes Yammer's JmxReporter gives a histogram, those the harness reads. */
    public interface FakeHistogramMBean {
        double get50thPercentile();

        double get99thPercentile();

        double get999thPercentile();

        double getMax();

        long getCount();
    }

    record FakeHistogram(double p50, double p99, double p999, double max, long count) implements FakeHistogramMBean {
        @Override
        public double get50thPercentile() {
            return p50;
        }

        @Override
        public double get99thPercentile() {
            return p99;
        }

        @Override
        public double get999thPercentile() {
            return p999;
        }

        @Override
        public double getMax() {
            return max;
        }

        @Override
        public long getCount() {
            return count;
        }
    }

    @Test
    void readsEachProduceHistogramAndNoneForOneNotRegistered() throws Exception {
        final MBeanServer server = MBeanServerFactory.newMBeanServer();
        register(server, ProduceRequestMetrics.LOCAL, new FakeHistogram(1.5, 4, 9, 12, 300));

        final Map<String, RequestHistogram> read = ProduceRequestMetrics.read(server);

        assertThat(read.keySet()).containsExactlyElementsOf(ProduceRequestMetrics.NAMES);
        assertThat(read.get(ProduceRequestMetrics.LOCAL)).isEqualTo(new RequestHistogram(1.5, 4, 9, 12, 300));
        assertThat(read.get(ProduceRequestMetrics.REMOTE)).isEqualTo(RequestHistogram.NONE);
    }

    @Test
    void brokerRowsTakeTheLargestPercentileOfTheBrokersThatServedAndSumTheirCountsSinceTheStart() throws Exception {
        final MBeanServer broker0 = MBeanServerFactory.newMBeanServer();
        final MBeanServer broker1 = MBeanServerFactory.newMBeanServer();
        final MBeanServer idle = MBeanServerFactory.newMBeanServer();
        for (int i = 0; i < ProduceRequestMetrics.NAMES.size(); i++) {
            final String name = ProduceRequestMetrics.NAMES.get(i);
            register(broker0, name, new FakeHistogram(1 + i, 2 + i, 3 + i, 4 + i, 1_000));
            register(broker1, name, new FakeHistogram(0.5 + 2 * i, 1 + 2 * i, 2 + 2 * i, 10 + i, 700));
            register(idle, name, new FakeHistogram(50, 60, 70, 80, 25)); // all before the start: left out
        }
        final List<BrokerReading> readings = List.of(
            new BrokerReading(0, ProduceRequestMetrics.read(broker0), counts(400), null),
            new BrokerReading(1, ProduceRequestMetrics.read(broker1), counts(600), null),
            new BrokerReading(2, ProduceRequestMetrics.read(idle), counts(25), null),
            BrokerReading.failed(3, "no answer over JMX on port 1 within 5000 ms"));
        final ProducerFigures producer = new ProducerFigures(0.25, 7, 3.5, 40, 1);

        final StageBreakdown stages = KafkaStages.of(producer, DEFAULT_WINDOW, readings, null);

        assertThat(stages.source()).isEqualTo(KafkaStages.SOURCE);
        assertThat(stages.rows()).extracting(StageRow::name).containsExactly(KafkaStages.PRODUCER_QUEUE,
            KafkaStages.REQUEST_QUEUE, KafkaStages.LOCAL, KafkaStages.REMOTE, KafkaStages.RESPONSE_QUEUE,
            KafkaStages.RESPONSE_SEND, KafkaStages.BROKER_TOTAL, KafkaStages.PRODUCER_REQUEST);
        assertThat(stages.rows()).extracting(StageRow::inTotal)
            .containsExactly(true, true, true, true, true, true, false, false);
        // RequestQueueTimeMs (i = 0): broker 0's 1/2/3 over broker 1's 0.5/1/2; max 10 is broker 1's.
        assertThat(row(stages, KafkaStages.REQUEST_QUEUE)).isEqualTo(new StageRow(KafkaStages.REQUEST_QUEUE,
            row(stages, KafkaStages.REQUEST_QUEUE).spans(), 700, KafkaStages.REQUESTS, 1_000, 2_000, 3_000, 10_000,
            true));
        // LocalTimeMs (i = 1): broker 1's 2.5/3/4 over broker 0's 2/3/4 where larger; max 11.
        assertThat(row(stages, KafkaStages.LOCAL)).isEqualTo(new StageRow(KafkaStages.LOCAL,
            row(stages, KafkaStages.LOCAL).spans(), 700, KafkaStages.REQUESTS, 2_500, 3_000, 4_000, 11_000, true));
        // TotalTimeMs (i = 5): broker 1's 10.5/11/12, max 15.
        assertThat(row(stages, KafkaStages.BROKER_TOTAL)).isEqualTo(new StageRow(KafkaStages.BROKER_TOTAL,
            row(stages, KafkaStages.BROKER_TOTAL).spans(), 700, KafkaStages.REQUESTS, 10_500, 11_000, 12_000, 15_000,
            false));
        assertThat(row(stages, KafkaStages.PRODUCER_QUEUE)).isEqualTo(new StageRow(KafkaStages.PRODUCER_QUEUE,
            row(stages, KafkaStages.PRODUCER_QUEUE).spans(), StageRow.UNKNOWN_COUNT, KafkaStages.BATCHES,
            StageRow.UNKNOWN, StageRow.UNKNOWN, StageRow.UNKNOWN, 7_000, true));
        assertThat(row(stages, KafkaStages.PRODUCER_REQUEST).maxMicros()).isEqualTo(40_000);
        assertThat(stages.notes()).anySatisfy(note -> assertThat(note).contains("0.250 ms per batch")
            .contains("3.500 ms per Produce request").contains("the last 30 to 60 s (2 samples of 30000 ms)"));
        assertThat(stages.notes()).anySatisfy(note -> assertThat(note).contains("decaying reservoirs")
            .contains("cannot be reset"));
        assertThat(stages.notes()).contains("broker 3 left out: no answer over JMX on port 1 within 5000 ms");
    }

    @Test
    void aBrokerThatRestartedCountsFromItsStartAndOneWithoutAStartCountSaysSo() {
        final Map<String, RequestHistogram> end = Map.of(ProduceRequestMetrics.TOTAL,
            new RequestHistogram(1, 2, 3, 4, 30));
        assertThat(new BrokerReading(0, end, Map.of(ProduceRequestMetrics.TOTAL, 50L), null)
            .measuredCount(ProduceRequestMetrics.TOTAL)).isEqualTo(30);
        assertThat(new BrokerReading(0, end, Map.of(ProduceRequestMetrics.TOTAL, 10L), null)
            .measuredCount(ProduceRequestMetrics.TOTAL)).isEqualTo(20);
        assertThat(KafkaStages.of(ProducerFigures.NONE, DEFAULT_WINDOW,
            List.of(new BrokerReading(0, end, Map.of(), null)), null).notes())
            .contains("broker 0 had no count at the measurement start: its count is since it started");
    }

    @Test
    void aRunningClusterHasProducerRowsOnlyAndSaysWhy() {
        final StageBreakdown stages = KafkaStages.of(new ProducerFigures(1, 2, 3, 4, 2),
            new MetricWindow(3, 10_000), List.of(), "not reachable");

        assertThat(stages.rows()).extracting(StageRow::name).containsExactly(KafkaStages.PRODUCER_QUEUE,
            KafkaStages.PRODUCER_REQUEST);
        assertThat(stages.notes()).contains("No broker rows: not reachable");
        assertThat(stages.notes().get(0)).contains("the mean of 2 producers' averages")
            .contains("the last 20 to 30 s (3 samples of 10000 ms)");
    }

    private static StageRow row(final StageBreakdown stages, final String name) {
        return stages.rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    private static Map<String, Long> counts(final long count) {
        final Map<String, Long> counts = new HashMap<>();
        ProduceRequestMetrics.NAMES.forEach(name -> counts.put(name, count));
        return counts;
    }

    private static void register(final MBeanServer server, final String name, final FakeHistogram histogram)
        throws Exception {
        server.registerMBean(new StandardMBean(histogram, FakeHistogramMBean.class),
            ProduceRequestMetrics.objectName(name));
    }
}
