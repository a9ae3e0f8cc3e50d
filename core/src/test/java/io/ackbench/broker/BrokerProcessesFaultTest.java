package io.ackbench.broker;

import io.ackbench.controller.ControllerConfig;
import io.ackbench.producer.Producer;
import io.ackbench.transport.ErrorCode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * kill -9, restart and SIGSTOP/SIGCONT on real broker processes: a killed broker comes back on its port with its
 * data and catches up, a paused one carries on, and nothing outlives the cluster.
 */
@Tag("slow")
class BrokerProcessesFaultTest {
    private static final int RECORDS = 2_000;
    private static final long AWAIT_SECONDS = 60;
    /** Longer than any test: no follower leaves the ISR by lag. */
    private static final String NEVER_MS = "600000";
    /**
     * One partition: broker 0 leads it, 1 and 2 follow. A dead broker leaves the ISR when its session expires (1 s)
     * and is proposed again once it has caught up, so a test awaits a full committed ISR and then one more acks=all
     * answer, after which every replica holds every record: that is how it knows the logs agree without reading a
     * log a broker has open (opening it would recover it under the broker's feet).
     */
    private static final Map<String, String> SETTINGS = Map.of(BrokerConfig.NUM_PARTITIONS, "1",
        BrokerConfig.MIN_INSYNC_REPLICAS, "2", BrokerConfig.REPLICA_FETCH_WAIT_MAX_MS, "20",
        BrokerConfig.REPLICA_LAG_TIME_MAX_MS, NEVER_MS, ControllerConfig.BROKER_SESSION_TIMEOUT_MS, "1000",
        ControllerConfig.BROKER_HEARTBEAT_INTERVAL_MS, "200");
    private static final Map<String, String> ACKS_ALL = Map.of("acks", "all", "linger.ms", "1");

    @TempDir
    Path dataDir;

    @Test
    void aKilledFollowerRestartsWithItsDataAndCatchesUp() throws Exception {
        final DeliveryRecorder deliveries = new DeliveryRecorder();
        try (BrokerProcesses cluster = BrokerProcesses.start(SETTINGS, dataDir);
             Producer producer = Producer.connect(ACKS_ALL, 0, "ackbench", cluster.connectClient(), deliveries)) {
            new NumberedRecords(100, false).send(producer, 0, RECORDS);
            assertThat(deliveries.awaitCount(RECORDS, AWAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            final long pid = cluster.pid(2);

            cluster.kill(2);
            assertThat(cluster.isAlive(2)).isFalse();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();

            cluster.restart(2);
            assertThat(cluster.isAlive(2)).isTrue();
            assertThat(cluster.pid(2)).isNotEqualTo(pid);
            new NumberedRecords(100, false).send(producer, RECORDS, RECORDS);
            assertThat(deliveries.awaitCount(2 * RECORDS, AWAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            // Broker 2 catches up from where its log ended and is back in the ISR; then one more record reaches all.
            CommittedRegistrations.awaitFullIsr(dataDir, 0, 3);
            new NumberedRecords(100, false).send(producer, 2 * RECORDS, 1);
            assertThat(deliveries.awaitCount(2 * RECORDS + 1, AWAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(deliveries.deliveries()).allMatch(d -> d.errorCode() == ErrorCode.NONE);
        assertThat(log(2)).isEqualTo(log(0));
        assertThat(log(1)).isEqualTo(log(0));
        assertThat(liveChildren()).isZero();
    }

    @Test
    void aKilledLeaderRestartsOnItsPortWithItsData() throws Exception {
        final DeliveryRecorder deliveries = new DeliveryRecorder();
        try (BrokerProcesses cluster = BrokerProcesses.start(SETTINGS, dataDir);
             Producer producer = Producer.connect(ACKS_ALL, 1, "ackbench", cluster.connectClient(), deliveries)) {
            new NumberedRecords(100, false).send(producer, 0, RECORDS);
            assertThat(deliveries.awaitCount(RECORDS, AWAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

            cluster.kill(0);
            assertThatThrownBy(() -> cluster.restart(1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("Broker 1 is still running; kill it before restarting it");
            cluster.restart(0);

            // Broker 1 leads now; the restarted broker 0, on its old port with its log, follows and catches up.
            new NumberedRecords(100, false).send(producer, RECORDS, RECORDS);
            assertThat(deliveries.awaitCount(2 * RECORDS, AWAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            CommittedRegistrations.awaitFullIsr(dataDir, 0, 3);
            new NumberedRecords(100, false).send(producer, 2 * RECORDS, 1);
            assertThat(deliveries.awaitCount(2 * RECORDS + 1, AWAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
        final List<DeliveryRecorder.Delivery> all = deliveries.deliveries();
        assertThat(all).allMatch(d -> d.errorCode() == ErrorCode.NONE);
        assertThat(all.stream().mapToLong(DeliveryRecorder.Delivery::offset).max().orElseThrow())
            .isEqualTo(2 * RECORDS);
        assertThat(log(0)).hasSize(2 * RECORDS + 1);
        assertThat(log(1)).isEqualTo(log(0));
        assertThat(log(2)).isEqualTo(log(0));
        assertThat(liveChildren()).isZero();
    }

    @Test
    void aPausedFollowerResumesAndCatchesUp() throws Exception {
        final DeliveryRecorder deliveries = new DeliveryRecorder();
        try (BrokerProcesses cluster = BrokerProcesses.start(SETTINGS, dataDir);
             Producer producer = Producer.connect(ACKS_ALL, 0, "ackbench", cluster.connectClient(), deliveries)) {
            cluster.pause(2);
            assertThat(cluster.isAlive(2)).isTrue();
            assertThat(cluster.isPaused(2)).isTrue();
            assertThat(processState(cluster.pid(2))).isEqualTo('T');

            cluster.resume(2);
            assertThat(cluster.isPaused(2)).isFalse();
            CommittedRegistrations.awaitFullIsr(dataDir, 0, 3); // back in it, if the pause outlasted its session
            new NumberedRecords(100, false).send(producer, 0, RECORDS);
            assertThat(deliveries.awaitCount(RECORDS, AWAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            // Closing a paused cluster resumes its brokers first, so they shut down cleanly.
            cluster.pause(1);
        }
        assertThat(log(2)).isEqualTo(log(0));
        assertThat(log(1)).isEqualTo(log(0));
        assertThat(liveChildren()).isZero();
    }

    @Test
    void closeAndDiscardKillsPausedAndRestartedBrokers() {
        final BrokerProcesses cluster = BrokerProcesses.start(SETTINGS, dataDir);
        cluster.kill(1);
        cluster.restart(1);
        cluster.pause(2);
        cluster.closeAndDiscard();
        assertThat(liveChildren()).isZero();
    }

    private List<LogContents.Entry> log(final int broker) {
        return LogContents.read(LogContents.partitionDir(dataDir, broker, "ackbench", 0));
    }

    /** The state letter of /proc/PID/stat: 'T' when stopped. */
    private static char processState(final long pid) throws java.io.IOException {
        final String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.charAt(stat.lastIndexOf(')') + 2);
    }

    private static long liveChildren() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).count();
    }
}
