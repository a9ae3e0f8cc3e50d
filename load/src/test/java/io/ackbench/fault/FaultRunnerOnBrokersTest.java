package io.ackbench.fault;

import io.ackbench.controller.ControllerConfig;
import io.ackbench.broker.BrokerConfig;
import io.ackbench.broker.BrokerProcesses;
import io.ackbench.broker.CommittedRegistrations;
import io.ackbench.broker.DeliveryRecorder;
import io.ackbench.broker.InProcessCluster;
import io.ackbench.broker.LogContents;
import io.ackbench.broker.NumberedRecords;
import io.ackbench.producer.Producer;
import io.ackbench.transport.ErrorCode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A schedule applied through the adapters to real brokers: after a kill and restart and a pause and resume, every
 * record sent with acks=all is acknowledged and in all three logs.
 */
class FaultRunnerOnBrokersTest {
    private static final int RECORDS = 1_000;
    private static final long AWAIT_SECONDS = 60;
    private static final long START = 0;
    private static final long MS = 1_000_000L;
    /** Kill broker 2 at 0 ms and restart it at 1 ms; pause broker 1 at 2 ms and resume it at 3 ms. */
    private static final FaultSchedule SCHEDULE = FaultSchedule.parse("brokers 3\n0 KILL 2 1\n2 PAUSE 1 1\n");
    /**
     * In this JVM no follower leaves the ISR (a stopped broker keeps its session, and its restart keeps its roles),
     * so acks=all answers mean every follower holds the record.
     */
    private static final Map<String, String> SETTINGS = Map.of(BrokerConfig.NUM_PARTITIONS, "1",
        BrokerConfig.MIN_INSYNC_REPLICAS, "2", BrokerConfig.REPLICA_FETCH_WAIT_MAX_MS, "20",
        BrokerConfig.REPLICA_LAG_TIME_MAX_MS, "600000", ControllerConfig.BROKER_SESSION_TIMEOUT_MS, "600000");
    /**
     * Broker processes: a restarted one is registered again only once its old session (1 s) has expired, as on
     * Kafka, so it leaves the ISR meanwhile and rejoins after catching up.
     */
    private static final Map<String, String> PROCESS_SETTINGS = Map.of(BrokerConfig.NUM_PARTITIONS, "1",
        BrokerConfig.MIN_INSYNC_REPLICAS, "2", BrokerConfig.REPLICA_FETCH_WAIT_MAX_MS, "20",
        BrokerConfig.REPLICA_LAG_TIME_MAX_MS, "600000", ControllerConfig.BROKER_SESSION_TIMEOUT_MS, "1000",
        ControllerConfig.BROKER_HEARTBEAT_INTERVAL_MS, "200");

    @TempDir
    Path dataDir;

    @Test
    void inProcessBrokersServeEveryRecordAfterTheSchedule() throws Exception {
        final DeliveryRecorder deliveries = new DeliveryRecorder();
        try (InProcessCluster cluster = InProcessCluster.start(SETTINGS, dataDir);
             Producer producer = Producer.connect(Map.of("acks", "all", "linger.ms", "1"), cluster.layout(),
                 cluster.connectClient(), deliveries)) {
            final FaultRunner runner = new FaultRunner(SCHEDULE, new InProcessBrokerFaults(cluster), START);
            assertThat(runner.runDue(START)).isOne(); // broker 2 killed
            new NumberedRecords(100, false).send(producer, 0, RECORDS);
            assertThat(runner.runDue(START + 3 * MS)).isEqualTo(3);
            assertThat(runner.done()).isTrue();
            // Broker 2 stayed in the ISR while down: these answers mean it came back and caught up.
            assertThat(deliveries.awaitCount(RECORDS, AWAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
        assertLogsComplete(RECORDS);
        assertThat(deliveries.deliveries()).allMatch(d -> d.errorCode() == ErrorCode.NONE);
    }

    @Test
    @Tag("slow")
    void brokerProcessesServeEveryRecordAfterTheSchedule() throws Exception {
        final DeliveryRecorder deliveries = new DeliveryRecorder();
        try (BrokerProcesses cluster = BrokerProcesses.start(PROCESS_SETTINGS, dataDir);
             Producer producer = Producer.connect(Map.of("acks", "all", "linger.ms", "1"), 0, "ackbench",
                 cluster.connectClient(), deliveries)) {
            final FaultRunner runner = new FaultRunner(SCHEDULE, new ProcessBrokerFaults(cluster), START);
            new NumberedRecords(100, false).send(producer, 0, RECORDS / 2);
            assertThat(runner.runDue(START + 3 * MS)).isEqualTo(4);
            assertThat(runner.applied()).extracting(FaultAction::describe)
                .containsExactly("kill broker 2", "restart broker 2", "pause broker 1", "resume broker 1");
            new NumberedRecords(100, false).send(producer, RECORDS / 2, RECORDS / 2);
            assertThat(deliveries.awaitCount(RECORDS, AWAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            // Broker 2 is back in the ISR once caught up; then one more acks=all answer means every log has it all.
            CommittedRegistrations.awaitFullIsr(dataDir, 0, 3);
            new NumberedRecords(100, false).send(producer, RECORDS, 1);
            assertThat(deliveries.awaitCount(RECORDS + 1, AWAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
        assertLogsComplete(RECORDS + 1);
        assertThat(deliveries.deliveries()).allMatch(d -> d.errorCode() == ErrorCode.NONE);
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).count()).isZero();
    }

    private void assertLogsComplete(final int records) {
        final var leader = LogContents.read(LogContents.partitionDir(dataDir, 0, "ackbench", 0));
        assertThat(leader).hasSize(records);
        for (int broker = 1; broker < 3; broker++) {
            assertThat(LogContents.read(LogContents.partitionDir(dataDir, broker, "ackbench", 0))).isEqualTo(leader);
        }
    }
}
