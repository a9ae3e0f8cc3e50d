package io.ackbench.fault;

import io.ackbench.broker.BrokerConfig;
import io.ackbench.broker.DeliveryRecorder;
import io.ackbench.broker.InProcessCluster;
import io.ackbench.broker.LogContents;
import io.ackbench.broker.NumberedRecords;
import io.ackbench.producer.Producer;
import io.ackbench.transport.ErrorCode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 1% of Produce responses lost on the way back: the producer times out and sends the same batch again. Without
 * idempotence the broker appends it twice; with it the broker recognises the retry among the producer's last five
 * batches, answers with the original offset, and each partition's log holds every record once, in send order
 * (kafka-semantics.md §5.3-5.4).
 */
class LostResponsesTest {
    private static final int RECORDS = 100_000;
    private static final int PARTITIONS = 6;
    private static final double LOST = 0.01;

    @TempDir
    Path dataDir;

    @ParameterizedTest(name = "enable.idempotence={0}")
    @ValueSource(booleans = {false, true})
    void retriesAfterLostResponses(final boolean idempotence) throws Exception {
        final Map<String, String> brokerSettings = Map.of(BrokerConfig.NUM_PARTITIONS, Integer.toString(PARTITIONS),
            BrokerConfig.MIN_INSYNC_REPLICAS, "2", BrokerConfig.REPLICA_FETCH_WAIT_MAX_MS, "20");
        final Map<String, String> producerSettings = Map.of("acks", "all", "linger.ms", "2", "batch.size", "2048",
            "request.timeout.ms", "200", "retry.backoff.ms", "10", "retry.backoff.max.ms", "50",
            "enable.idempotence", Boolean.toString(idempotence));
        final DeliveryRecorder deliveries = new DeliveryRecorder();
        final ResponseLoss loss;
        try (InProcessCluster cluster = InProcessCluster.start(brokerSettings, dataDir)) {
            loss = new ResponseLoss(cluster.connectClient(), LOST, 42);
            try (Producer producer = Producer.connect(producerSettings, cluster.layout(), loss, deliveries)) {
                new NumberedRecords(100, true).send(producer, 0, RECORDS);
                assertThat(deliveries.awaitCount(RECORDS, 120, TimeUnit.SECONDS)).isTrue();
            }
        }
        assertThat(loss.responsesDropped()).isPositive();

        // Every record completed once, successfully, and the offset it was given holds it.
        final Map<Long, Long> offsetOf = new HashMap<>();
        final Map<Long, Integer> partitionOf = new HashMap<>();
        for (final DeliveryRecorder.Delivery delivery : deliveries.deliveries()) {
            assertThat(delivery.errorCode()).isEqualTo(ErrorCode.NONE);
            assertThat(offsetOf.put(delivery.record(), delivery.offset())).isNull();
            partitionOf.put(delivery.record(), delivery.partition());
        }
        assertThat(offsetOf).hasSize(RECORDS);

        int stored = 0;
        final Set<Long> distinct = new HashSet<>();
        for (int p = 0; p < PARTITIONS; p++) {
            final int leader = p % 3;
            final List<LogContents.Entry> log = LogContents.read(LogContents.partitionDir(dataDir, leader, "ackbench", p));
            stored += log.size();
            final List<Long> values = new ArrayList<>();
            for (final LogContents.Entry entry : log) {
                distinct.add(entry.value());
                values.add(entry.value());
                assertThat(partitionOf.get(entry.value())).isEqualTo(p);
            }
            if (idempotence) {
                // Exactly one copy, in send order, at the offset the producer was told.
                assertThat(values).isSorted().doesNotHaveDuplicates();
                for (final LogContents.Entry entry : log) {
                    assertThat(offsetOf.get(entry.value())).isEqualTo(entry.offset());
                }
            }
            // Followers in the ISR hold the same records at the same offsets.
            for (int follower = 1; follower < 3; follower++) {
                assertThat(LogContents.read(LogContents.partitionDir(dataDir, (p + follower) % 3, "ackbench", p)))
                    .isEqualTo(log);
            }
        }
        assertThat(distinct).hasSize(RECORDS);
        final int duplicates = stored - RECORDS;
        System.out.printf("enable.idempotence=%s: %d of %d responses lost, %d duplicate records in the logs%n",
            idempotence, loss.responsesDropped(), loss.responsesSeen(), duplicates);
        if (idempotence) {
            assertThat(duplicates).isZero();
        } else {
            assertThat(duplicates).isPositive();
        }
    }
}
