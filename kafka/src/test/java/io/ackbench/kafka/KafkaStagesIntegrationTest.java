package io.ackbench.kafka;

import io.ackbench.load.LoadCluster;
import io.ackbench.load.LoadGenerator;
import io.ackbench.load.RunResult;
import io.ackbench.load.Workload;
import io.ackbench.load.stages.StageBreakdown;
import io.ackbench.load.stages.StageRow;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka's breakdown from a real run: 3 embedded brokers (RF 3, min ISR 2), acks=all at 2,000 records/s for 3 s after
 * 2 s of warm-up; every row is there, the broker rows read over JMX with counts of requests served in the
 * measurement, and the notes say what the figures are. About 30 s, most of it the brokers' start.
 */
@Tag("slow")
class KafkaStagesIntegrationTest {
    private static final String TOPIC = "stages-test";
    private static final long WARMUP_SECONDS = 2;
    private static final List<String> BROKER_ROWS = List.of(KafkaStages.REQUEST_QUEUE, KafkaStages.LOCAL,
        KafkaStages.REMOTE, KafkaStages.RESPONSE_QUEUE, KafkaStages.RESPONSE_SEND, KafkaStages.BROKER_TOTAL);

    @TempDir
    Path dir;

    @Test
    void anEmbeddedRunReportsEveryStageWithBrokerFiguresAndItsNotes() throws Exception {
        final Workload workload = Workload.builder().brokers(3).replicationFactor(3).minInsyncReplicas(2)
            .partitions(6).targetRate(2_000).duration(3, TimeUnit.SECONDS).warmup(WARMUP_SECONDS, TimeUnit.SECONDS)
            .recordSize(100).producerSetting("acks", "all").build();
        final KafkaTarget target = KafkaTarget.embedded(TOPIC);
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        final StageBreakdown stages;
        try (LoadCluster cluster = target.start(workload, dir.resolve("data"))) {
            // Until the load generator calls it, the measurement starts about a warm-up from now.
            cluster.measureFrom(System.nanoTime() + TimeUnit.SECONDS.toNanos(WARMUP_SECONDS));
            final RunResult result = new LoadGenerator(target, new PrintStream(printed, true, StandardCharsets.UTF_8))
                .run(workload, cluster, dir.resolve("run"));
            assertThat(result.failed()).as(printed.toString(StandardCharsets.UTF_8)).isZero();
            stages = cluster.stages();
        }

        final String table = String.join("\n", stages.tableLines());
        assertThat(stages.rows()).as(table).extracting(StageRow::name).containsExactly(KafkaStages.PRODUCER_QUEUE,
            KafkaStages.REQUEST_QUEUE, KafkaStages.LOCAL, KafkaStages.REMOTE, KafkaStages.RESPONSE_QUEUE,
            KafkaStages.RESPONSE_SEND, KafkaStages.BROKER_TOTAL, KafkaStages.PRODUCER_REQUEST);
        for (final StageRow row : stages.rows()) {
            if (BROKER_ROWS.contains(row.name())) {
                // Whole milliseconds: a sub-millisecond stage's percentiles read 0.
                assertThat(row.p50Micros()).as(table).isFinite().isGreaterThanOrEqualTo(0);
                assertThat(row.p99Micros()).as(table).isFinite().isGreaterThanOrEqualTo(row.p50Micros());
                assertThat(row.count()).as(table).isPositive();
                assertThat(row.unit()).isEqualTo(KafkaStages.REQUESTS);
            }
        }
        assertThat(stages.rows().get(0).maxMicros()).as(table).isFinite().isPositive();
        assertThat(stages.rows().get(stages.rows().size() - 1).maxMicros()).as(table).isFinite().isPositive();
        assertThat(stages.notes()).as(table).anySatisfy(note -> assertThat(note).contains("decaying reservoirs"));
        assertThat(stages.notes()).as(table).noneSatisfy(note -> assertThat(note).contains("left out"));
        assertThat(stages.notes()).as(table).noneSatisfy(note -> assertThat(note).contains("no count at"));
        System.out.println(table);
    }
}
