package io.ackbench.fault;

import io.ackbench.broker.BrokerConfig;
import io.ackbench.broker.BrokerProcesses;
import io.ackbench.broker.CommittedRegistrations;
import io.ackbench.broker.CommittedRegistrations.Registration;
import io.ackbench.broker.DeliveryRecorder;
import io.ackbench.broker.LogContents;
import io.ackbench.broker.NumberedRecords;
import io.ackbench.controller.ControllerConfig;
import io.ackbench.log.LogConfig;
import io.ackbench.producer.DeliveryListener;
import io.ackbench.producer.MetadataFetch;
import io.ackbench.producer.Producer;
import io.ackbench.producer.ProducerConfig;
import io.ackbench.testing.Await;
import io.ackbench.transport.ErrorCode;
import io.ackbench.transport.TopicLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 2 of {@link FailoverScenariosTest} on broker processes: acks=all, min.insync.replicas=2, idempotence,
 * replication factor 3, and the leader crashed three times under steady load, by kill -9 or by a power loss with
 * {@code flush.messages=1}. Every acknowledged record must be in the final leader's log exactly once and in send order,
 * and every replica's log must equal the leader's. The rows are written to {@code target/process-failover-scenarios.md}.
 *
 * <p>One partition: every crash of its leader is then a failover under load, and "in send order" is the order of the
 * whole log. With three partitions a crash would move only the partitions the dead broker led, and the unkeyed
 * records would spread over partitions as the sticky partitioner chose, so each round would test less.
 *
 * <p>Nothing here reads a broker's state directly: the leader comes from a broker's Metadata answer, and the ISR
 * from the controller's committed partition registration (a checkpoint file it renames into place before telling
 * anyone of a change, so a reader sees a whole version of it).
 */
@Tag("slow")
class ProcessFailoverScenariosTest {
    private static final String TOPIC = "ackbench";
    private static final int PARTITION = 0;
    private static final int BROKERS = 3;
    private static final int ROUNDS = 3;
    private static final int VALUE_BYTES = 100;
    /** About 1,000 records a second: steady load, while four JVMs share the machine's cores with the test. */
    private static final long SEND_PAUSE_NANOS = 1_000_000;
    /** A restart alone waits out the old session (1 s) and a JVM start; a loaded machine may take much longer. */
    private static final long AWAIT_MS = 60_000;
    private static final long METADATA_TIMEOUT_MS = 2_000;
    private static final long FILE_POLL_MILLIS = 20;
    private static final ScenarioTable TABLE = new ScenarioTable();

    @TempDir
    Path dataDir;

    private enum Crash {
        /** SIGKILL: the page cache keeps what the process wrote. */
        KILL,
        /** SIGKILL, then every log cut back to what its forces made durable, then a restart. */
        POWER_LOSS
    }

    @AfterAll
    static void writeTable() {
        final Path file = Path.of(System.getProperty("basedir", "."), "target", "process-failover-scenarios.md");
        TABLE.write(file);
        System.out.println("Process failover scenarios (" + file + "):\n" + TABLE.markdown());
    }

    @Test
    void acksAllSurvivesTheLeaderKilledThreeTimesUnderLoad() throws Exception {
        final ScenarioOutcome outcome = crashTheLeaderRepeatedly(Crash.KILL, brokerSettings(false));
        TABLE.add(new ScenarioTable.Row("6. leader killed 3× under load, broker processes", "all", 2, true,
            "kill -9 ×" + ROUNDS, outcome));
    }

    @Test
    void acksAllWithFlushPerMessageSurvivesThreePowerLossesOfTheLeaderUnderLoad() throws Exception {
        final ScenarioOutcome outcome = crashTheLeaderRepeatedly(Crash.POWER_LOSS, brokerSettings(true));
        TABLE.add(new ScenarioTable.Row("7. leader power loss 3× under load, flush.messages=1, broker processes", "all",
            2, true, "power loss ×" + ROUNDS, outcome));
    }

    private static Map<String, String> brokerSettings(final boolean flushEachMessage) {
        final Map<String, String> settings = new HashMap<>();
        settings.put(BrokerConfig.NUM_PARTITIONS, "1");
        settings.put(BrokerConfig.REPLICATION_FACTOR, Integer.toString(BROKERS));
        settings.put(BrokerConfig.MIN_INSYNC_REPLICAS, "2");
        settings.put(BrokerConfig.REPLICA_FETCH_WAIT_MAX_MS, "20");
        settings.put(ControllerConfig.BROKER_SESSION_TIMEOUT_MS, "1000");
        settings.put(ControllerConfig.BROKER_HEARTBEAT_INTERVAL_MS, "200");
        if (flushEachMessage) {
            settings.put(LogConfig.FLUSH_MESSAGES, "1");
        }
        return settings;
    }

    /**
     * Retries forever within a minute per record. request.timeout.ms 2 s: a killed leader's connections are reset at
     * once, so the timeout only bounds a request that reached a broker that then stopped answering.
     */
    private static Map<String, String> producerSettings() {
        final Map<String, String> settings = new HashMap<>();
        settings.put(ProducerConfig.ACKS, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE, "true");
        settings.put(ProducerConfig.RETRIES, Integer.toString(Integer.MAX_VALUE));
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS, "60000");
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS, "2000");
        settings.put(ProducerConfig.LINGER_MS, "1");
        settings.put(ProducerConfig.RETRY_BACKOFF_MS, "20");
        settings.put(ProducerConfig.RETRY_BACKOFF_MAX_MS, "100");
        return settings;
    }

    private ScenarioOutcome crashTheLeaderRepeatedly(final Crash crash, final Map<String, String> settings)
        throws Exception {
        final long startNanos = System.nanoTime();
        final DeliveryRecorder deliveries = new DeliveryRecorder();
        final Acknowledgements acknowledgements = new Acknowledgements(deliveries);
        final long sent;
        final int finalLeader;
        final List<String> history = new ArrayList<>();
        try (BrokerProcesses cluster = BrokerProcesses.start(settings, dataDir);
             Producer producer = Producer.connect(producerSettings(), cluster.layout(), cluster.connectClient(),
                 acknowledgements)) {
            final AtomicBoolean producing = new AtomicBoolean(true);
            // The number of the next record to send: written by the load thread, read by this one.
            final AtomicLong next = new AtomicLong();
            final Thread load = new Thread(() -> {
                final NumberedRecords records = new NumberedRecords(VALUE_BYTES, false);
                while (producing.get()) {
                    records.send(producer, next.get(), 1);
                    next.incrementAndGet();
                    LockSupport.parkNanos(SEND_PAUSE_NANOS);
                }
            }, "process-scenario-producer");
            load.start();
            try {
                awaitAcknowledgedFrom(acknowledgements, 0, "the first record acknowledged");
                for (int round = 0; round < ROUNDS; round++) {
                    final Registration before = awaitFullIsr(round);
                    final int leader = currentLeader(cluster);
                    assertThat(leader).as("leader by Metadata vs the controller's, round %d", round)
                        .isEqualTo(before.leader());
                    switch (crash) {
                        case KILL -> {
                            cluster.kill(leader);
                            // Read once the process is gone: a record sent after it can only be acknowledged by a
                            // successor, with the ISR down to two.
                            final long firstAfterCrash = next.get();
                            awaitAcknowledgedFrom(acknowledgements, firstAfterCrash,
                                "a record sent after broker " + leader + " was killed acknowledged");
                            cluster.restart(leader);
                        }
                        case POWER_LOSS -> {
                            final long cut = cluster.powerLoss(leader);
                            history.add("round " + round + ": power loss of broker " + leader + " cut " + cut
                                + " bytes (the preallocated segment tail included)");
                            // powerLoss restarted it only after its old session expired, so a successor was elected
                            // meanwhile (the registration below says which).
                            final long firstAfterCrash = next.get();
                            awaitAcknowledgedFrom(acknowledgements, firstAfterCrash,
                                "a record sent after broker " + leader + "'s power loss acknowledged");
                        }
                    }
                    final Registration after = registration();
                    history.add("round " + round + ": broker " + leader + " crashed in epoch " + before.leaderEpoch()
                        + "; now " + after);
                    assertThat(after.leader()).as("the successor of broker %d", leader).isNotEqualTo(leader);
                    assertThat(after.leaderEpoch()).isGreaterThan(before.leaderEpoch());
                    // Back: it printed ready only once the controller gave it its roles; one more record
                    // acknowledged with acks=all shows the cluster serving with it there.
                    final long firstAfterRestart = next.get();
                    awaitAcknowledgedFrom(acknowledgements, firstAfterRestart,
                        "a record sent after broker " + leader + " restarted acknowledged");
                }
                // The last restarted broker rejoins the ISR before the load stops, so it had records to catch up on.
                awaitFullIsr(ROUNDS);
            } finally {
                producing.set(false);
                load.join();
            }
            sent = next.get();
            producer.flush();
            assertThat(deliveries.awaitCount((int) sent, AWAIT_MS, TimeUnit.MILLISECONDS))
                .as("%d deliveries, got %d", sent, deliveries.count()).isTrue();
            // All three are in the committed ISR, and the leader counts a follower for the high watermark from the
            // moment it proposed it (maximal ISR), before the controller committed it. So once this acks=all record
            // is acknowledged, every replica holds every record up to it, which is the whole log: nothing else was
            // sent. A clean close then leaves three identical logs; without this record the last restarted broker
            // could be a few records behind when closed (identical only below the high watermark).
            awaitFullIsr(ROUNDS);
            new NumberedRecords(VALUE_BYTES, false).send(producer, sent, 1);
            producer.flush();
            assertThat(deliveries.awaitCount((int) sent + 1, AWAIT_MS, TimeUnit.MILLISECONDS)).isTrue();
            finalLeader = currentLeader(cluster);
            assertThat(finalLeader).isEqualTo(registration().leader());
        }
        final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        history.forEach(System.out::println);
        System.out.println(crash + ": " + (sent + 1) + " records in " + elapsedMs + " ms; final leader "
            + finalLeader);

        assertAllSucceeded(deliveries);
        final List<LogContents.Entry> leaderLog = log(finalLeader);
        final ScenarioOutcome outcome = ScenarioOutcome.of(deliveries.deliveries(), leaderLog);
        assertThat(outcome.lost()).as("acknowledged records missing from broker %d's log", finalLeader).isEmpty();
        assertThat(outcome.duplicated()).as("records twice in broker %d's log", finalLeader).isEmpty();
        assertThat(outcome.acknowledged()).isEqualTo(sent + 1);
        // Exactly once and in send order: the log is records 0, 1, ... at offsets 0, 1, ...
        assertThat(values(leaderLog)).containsExactlyElementsOf(range(sent + 1));
        for (int broker = 0; broker < BROKERS; broker++) {
            assertThat(log(broker)).as("broker %d's log against leader %d's", broker, finalLeader)
                .isEqualTo(leaderLog);
        }
        return outcome;
    }

    /** Waits until a record numbered {@code from} or later is acknowledged. */
    private static void awaitAcknowledgedFrom(final Acknowledgements acknowledgements, final long from,
                                              final String condition) {
        Await.until(condition, () -> acknowledgements.highest() >= from,
            () -> "highest acknowledged " + acknowledgements.highest() + ", failed " + acknowledgements.failed(),
            AWAIT_MS);
        assertThat(acknowledgements.failed()).as("records that failed").isZero();
    }

    /**
     * Waits until the controller has committed all three brokers to the ISR; returns that registration. Polls the
     * file every {@value #FILE_POLL_MILLIS} ms, not at {@link Await}'s pace, to leave the cores to the brokers.
     */
    private Registration awaitFullIsr(final int round) {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(AWAIT_MS);
        for (Registration registration = registration(); ; registration = registration()) {
            if (registration != null && registration.isr().length == BROKERS) {
                return registration;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Timed out after " + AWAIT_MS + " ms waiting until all " + BROKERS
                    + " brokers are in the committed ISR before round " + round + "; last observed: " + registration);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(FILE_POLL_MILLIS));
        }
    }

    /** The controller's committed registration of the partition, or null before its first write. */
    private Registration registration() {
        return CommittedRegistrations.read(dataDir, 0);
    }

    /**
     * The partition's leader as a live broker reports it in a Metadata answer, each query on
     * a fresh client endpoint (a late answer to an earlier query cannot be taken for this one's).
     */
    private static int currentLeader(final BrokerProcesses cluster) {
        RuntimeException last = null;
        for (int broker = 0; broker < BROKERS; broker++) {
            if (!cluster.isAlive(broker)) {
                continue;
            }
            try {
                final TopicLayout layout = MetadataFetch.fetch(cluster.connectClient(), broker, TOPIC,
                    METADATA_TIMEOUT_MS);
                if (layout.hasLeader(PARTITION)) {
                    return layout.leader(PARTITION);
                }
            } catch (final RuntimeException e) {
                last = e;
            }
        }
        throw new AssertionError("No live broker named a leader of partition " + PARTITION, last);
    }

    private static void assertAllSucceeded(final DeliveryRecorder deliveries) {
        for (final DeliveryRecorder.Delivery delivery : deliveries.deliveries()) {
            assertThat(delivery.errorCode()).as("outcome of record %d", delivery.record()).isEqualTo(ErrorCode.NONE);
        }
    }

    private List<LogContents.Entry> log(final int broker) {
        return LogContents.read(LogContents.partitionDir(dataDir, broker, TOPIC, PARTITION));
    }

    private static List<Long> values(final List<LogContents.Entry> log) {
        final List<Long> values = new ArrayList<>(log.size());
        for (final LogContents.Entry entry : log) {
            values.add(entry.value());
        }
        return values;
    }

    private static List<Long> range(final long count) {
        final List<Long> numbers = new ArrayList<>((int) count);
        for (long n = 0; n < count; n++) {
            numbers.add(n);
        }
        return numbers;
    }

    /**
     * Passes every outcome to a {@link DeliveryRecorder} and keeps the highest acknowledged record number and the
     * count of failures where the controlling thread can poll them cheaply. Only the producer's sender thread writes
     * them, so each is a volatile field written with plain read-modify-write by that one writer.
     */
    private static final class Acknowledgements implements DeliveryListener {
        private final DeliveryRecorder recorder;
        private volatile long highest = -1;
        private volatile long failed;

        Acknowledgements(final DeliveryRecorder recorder) {
            this.recorder = recorder;
        }

        @Override
        public void onComplete(final int partition, final long offset, final short errorCode, final long record) {
            recorder.onComplete(partition, offset, errorCode, record);
            if (errorCode != ErrorCode.NONE) {
                failed = failed + 1;
            } else if (record > highest) {
                highest = record;
            }
        }

        long highest() {
            return highest;
        }

        long failed() {
            return failed;
        }
    }
}
