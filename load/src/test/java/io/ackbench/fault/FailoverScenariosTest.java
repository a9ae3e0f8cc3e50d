package io.ackbench.fault;

import io.ackbench.broker.Broker;
import io.ackbench.broker.BrokerConfig;
import io.ackbench.broker.DeliveryRecorder;
import io.ackbench.broker.InProcessCluster;
import io.ackbench.broker.LogContents;
import io.ackbench.broker.NumberedRecords;
import io.ackbench.controller.ControllerConfig;
import io.ackbench.producer.Producer;
import io.ackbench.testing.Await;
import io.ackbench.transport.ErrorCode;
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
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Leader failover driven by the controller, scenario by scenario, with the producer's view of the outcome: how many
 * records were acknowledged, and of those how many the final leader's log lacks (lost) or holds twice (duplicated).
 * Every step is scripted and every wait is for a condition, so each count is exact; the rows are written to
 * {@code target/failover-scenarios.md} after the last test. One partition, replicas [0, 1, 2], broker 0 leading at
 * first. A broker's session times out after 600 ms; followers leave the ISR by lag only where a scenario says so.
 */
@Tag("slow")
class FailoverScenariosTest {
    private static final String TOPIC = "ackbench";
    private static final int PARTITION = 0;
    private static final int VALUE_BYTES = 100;
    /** Numbers of records sent by a second producer, to tell them apart. */
    private static final long BARRIER = 1_000_000;
    private static final ScenarioTable TABLE = new ScenarioTable();

    @TempDir
    Path dataDir;

    @AfterAll
    static void writeTable() {
        final Path file = Path.of(System.getProperty("basedir", "."), "target", "failover-scenarios.md");
        TABLE.write(file);
        System.out.println("Failover scenarios (" + file + "):\n" + TABLE.markdown());
    }

    private static Map<String, String> brokerSettings(final int minInsync, final long replicaLagMs,
                                                      final boolean unclean) {
        final Map<String, String> settings = new HashMap<>();
        settings.put(BrokerConfig.NUM_PARTITIONS, "1");
        settings.put(BrokerConfig.MIN_INSYNC_REPLICAS, Integer.toString(minInsync));
        settings.put(BrokerConfig.REPLICA_LAG_TIME_MAX_MS, Long.toString(replicaLagMs));
        settings.put(BrokerConfig.REPLICA_FETCH_WAIT_MAX_MS, "20");
        settings.put(ControllerConfig.BROKER_SESSION_TIMEOUT_MS, "1500");
        settings.put(ControllerConfig.BROKER_HEARTBEAT_INTERVAL_MS, "100");
        settings.put(ControllerConfig.UNCLEAN_LEADER_ELECTION_ENABLE, Boolean.toString(unclean));
        return settings;
    }

    /** A producer that retries on a new leader within a second of losing the old one. */
    private static Map<String, String> producerSettings(final String acks, final boolean idempotence,
                                                        final long lingerMs, final int requestTimeoutMs) {
        final Map<String, String> settings = new HashMap<>();
        settings.put("acks", acks);
        settings.put("enable.idempotence", Boolean.toString(idempotence));
        settings.put("linger.ms", Long.toString(lingerMs));
        settings.put("request.timeout.ms", Integer.toString(requestTimeoutMs));
        settings.put("retry.backoff.ms", "20");
        settings.put("retry.backoff.max.ms", "100");
        return settings;
    }

    /**
     * 1. acks=1: records the leader alone acknowledged while its followers (still in the ISR) fetched nothing are
     * lost when it dies and a follower is elected; the old leader, back, truncates them.
     */
    @Test
    void acksOneLosesExactlyWhatTheDeadLeaderAloneAcknowledged() throws Exception {
        final int before = 5;
        final int leaderOnly = 7;
        final int after = 4;
        final DeliveryRecorder deliveries = new DeliveryRecorder();
        try (InProcessCluster cluster = InProcessCluster.start(brokerSettings(1, 60_000, false), dataDir)) {
            try (Producer producer = Producer.connect(producerSettings("1", false, 0, 300), cluster.layout(),
                cluster.connectClient(), deliveries);
                 Producer barrier = Producer.connect(producerSettings("all", false, 0, 300), cluster.layout(),
                     cluster.connectClient(), deliveries)) {
                final NumberedRecords records = new NumberedRecords(VALUE_BYTES, false);
                final NumberedRecords barrierRecords = new NumberedRecords(VALUE_BYTES, false);
                records.send(producer, 0, before);
                awaitDeliveries(deliveries, before);
                // acks=all with all three in the ISR: once acknowledged, every replica holds the records before it.
                barrierRecords.send(barrier, BARRIER, 1);
                awaitDeliveries(deliveries, before + 1);

                pauseFetchingOf(cluster, 0, 1, 2);
                records.send(producer, before, leaderOnly);
                awaitDeliveries(deliveries, before + 1 + leaderOnly);
                assertThat(cluster.broker(0).isrSize(PARTITION)).isEqualTo(3);

                cluster.broker(0).stop();
                awaitLeader(cluster, 1, 1);
                cluster.broker(1).resumeFetching();
                cluster.broker(2).resumeFetching();
                // The producer still sends to broker 0, times out, refreshes its metadata and retries on broker 1.
                records.send(producer, before + leaderOnly, after);
                awaitDeliveries(deliveries, before + 1 + leaderOnly + after);

                // Back, broker 0 follows broker 1 in epoch 1, truncates its 7 records and rejoins the ISR.
                cluster.broker(0).restart();
                Await.until("broker 0 follows in epoch 1", () -> cluster.broker(0).leaderEpoch(PARTITION) == 1
                    && !cluster.broker(0).isLeader(PARTITION));
                awaitIsr(cluster.broker(1), 3);
                barrierRecords.send(barrier, BARRIER + 1, 1);
                awaitDeliveries(deliveries, before + 2 + leaderOnly + after);
            }
        }
        assertAllSucceeded(deliveries);
        final List<Long> expected = new ArrayList<>(range(0, before));
        expected.add(BARRIER);
        expected.addAll(range(before + leaderOnly, after));
        expected.add(BARRIER + 1);
        final List<LogContents.Entry> leaderLog = log(1);
        assertThat(values(leaderLog)).containsExactlyElementsOf(expected);
        assertIdenticalLogs(leaderLog);
        final ScenarioOutcome outcome = ScenarioOutcome.of(deliveries.deliveries(), leaderLog);
        assertThat(outcome.acknowledged()).isEqualTo(before + 2 + leaderOnly + after);
        assertThat(outcome.lost()).containsExactlyElementsOf(range(before, leaderOnly));
        assertThat(outcome.duplicated()).isEmpty();
        TABLE.add(new ScenarioTable.Row("1. leader alone acked, then killed", "1", 1, false,
            "kill leader, followers paused", outcome));
    }

    /**
     * 2. acks=all, min.insync.replicas=2, idempotence: under steady load the leader is killed and restarted five
     * times; nothing acknowledged is lost or written twice, and the log keeps send order.
     */
    @Test
    void acksAllWithIdempotenceSurvivesRepeatedLeaderKillsWithoutLossOrDuplicates() throws Exception {
        final int rounds = 5;
        final DeliveryRecorder deliveries = new DeliveryRecorder();
        final long sent;
        final int finalLeader;
        try (InProcessCluster cluster = InProcessCluster.start(brokerSettings(2, 60_000, false), dataDir)) {
            try (Producer producer = Producer.connect(producerSettings("all", true, 1, 300), cluster.layout(),
                cluster.connectClient(), deliveries)) {
                final AtomicBoolean producing = new AtomicBoolean(true);
                final long[] count = new long[1];
                final Thread load = new Thread(() -> {
                    final NumberedRecords records = new NumberedRecords(VALUE_BYTES, false);
                    while (producing.get()) {
                        records.send(producer, count[0]++, 1);
                        // About 5,000 records a second: load enough, and the brokers keep a core.
                        LockSupport.parkNanos(200_000);
                    }
                }, "scenario-2-producer");
                load.start();

                int leader = 0;
                int epoch = 0;
                for (int round = 0; round < rounds; round++) {
                    final int killed = leader;
                    final int previousEpoch = epoch;
                    // Round 0 starts once the load is flowing; later rounds just saw the new leader acknowledge.
                    Await.until("some records acknowledged in epoch " + epoch, () -> deliveries.count() > 0);
                    cluster.broker(killed).stop();
                    Await.until("a new leader after broker " + killed + " in round " + round,
                        () -> newLeader(cluster, killed, previousEpoch) >= 0);
                    leader = newLeader(cluster, killed, previousEpoch);
                    epoch = cluster.broker(leader).leaderEpoch(PARTITION);
                    final int ackedAtElection = deliveries.count();
                    Await.until("a record acknowledged by broker " + leader + " in epoch " + epoch,
                        () -> deliveries.count() > ackedAtElection);
                    cluster.broker(killed).restart();
                    awaitIsr(cluster.broker(leader), 3);
                }

                producing.set(false);
                load.join();
                sent = count[0];
                producer.flush();
                awaitIsr(cluster.broker(leader), 3);
                // One more acks=all record with all three in the ISR: every replica then holds the whole log.
                new NumberedRecords(VALUE_BYTES, false).send(producer, sent, 1);
                producer.flush();
                finalLeader = leader;
            }
        }
        assertThat(deliveries.count()).isEqualTo(sent + 1);
        assertAllSucceeded(deliveries);
        final List<LogContents.Entry> leaderLog = log(finalLeader);
        assertThat(values(leaderLog)).containsExactlyElementsOf(range(0, (int) sent + 1));
        assertIdenticalLogs(leaderLog);
        final ScenarioOutcome outcome = ScenarioOutcome.of(deliveries.deliveries(), leaderLog);
        assertThat(outcome.acknowledged()).isEqualTo(sent + 1);
        assertThat(outcome.lost()).isEmpty();
        assertThat(outcome.duplicated()).isEmpty();
        TABLE.add(new ScenarioTable.Row("2. leader killed and restarted 5 times under load", "all", 2, true,
            "kill + restart leader, x" + rounds, outcome));
    }

    /**
     * Records 0 to {@code before} - 1 and the barrier acknowledged by the full ISR; then the followers stop fetching,
     * the ISR shrinks to broker 0, and it alone acknowledges the next {@code leaderOnly} records.
     */
    private static void leaderAloneAcknowledges(final InProcessCluster cluster, final NumberedRecords records,
                                                final Producer producer, final Producer barrier,
                                                final DeliveryRecorder deliveries, final int before,
                                                final int leaderOnly) throws InterruptedException {
        records.send(producer, 0, before);
        awaitDeliveries(deliveries, before);
        new NumberedRecords(VALUE_BYTES, false).send(barrier, BARRIER, 1);
        awaitDeliveries(deliveries, before + 1);

        pauseFetchingOf(cluster, 0, 1, 2);
        // A follower at the leader's log end counts as caught up however long it is silent (Kafka's rule
        // too): one record puts both behind, and replica.lag.time.max.ms later the leader drops them.
        records.send(producer, before, 1);
        awaitDeliveries(deliveries, before + 2);
        awaitIsr(cluster.broker(0), 1);
        records.send(producer, before + 1, leaderOnly - 1);
        awaitDeliveries(deliveries, before + 1 + leaderOnly);
    }

    /** The live broker other than {@code killed} that leads in an epoch above {@code epoch}, or -1. */
    private static int newLeader(final InProcessCluster cluster, final int killed, final int epoch) {
        for (int b = 0; b < cluster.brokerCount(); b++) {
            final Broker broker = cluster.broker(b);
            if (b != killed && broker.isLeader(PARTITION) && broker.leaderEpoch(PARTITION) > epoch) {
                return b;
            }
        }
        return -1;
    }

    /**
     * 3a. The followers stopped fetching and the ISR shrank to the leader; it acknowledged records alone with acks=1
     * and died. With unclean election a live out-of-sync follower is elected and every record acknowledged since the
     * followers stopped is lost; the old leader, back, truncates them.
     */
    @Test
    void uncleanElectionLosesWhatTheLastIsrMemberAloneAcknowledged() throws Exception {
        final int before = 5;
        final int leaderOnly = 6;
        final int after = 3;
        final DeliveryRecorder deliveries = new DeliveryRecorder();
        final InProcessCluster closed;
        try (InProcessCluster cluster = InProcessCluster.start(brokerSettings(1, 400, true), dataDir)) {
            closed = cluster;
            try (Producer producer = Producer.connect(producerSettings("1", false, 0, 300), cluster.layout(),
                cluster.connectClient(), deliveries);
                 Producer barrier = Producer.connect(producerSettings("all", false, 0, 300), cluster.layout(),
                     cluster.connectClient(), deliveries)) {
                final NumberedRecords records = new NumberedRecords(VALUE_BYTES, false);
                leaderAloneAcknowledges(cluster, records, producer, barrier, deliveries, before, leaderOnly);

                cluster.broker(0).stop();
                // Broker 1 is alive (it heartbeats) though it fetched nothing: once broker 0 is fenced the ISR has
                // no live member, and broker 1, first in assignment order, is elected from outside it.
                cluster.broker(1).resumeFetching();
                cluster.broker(2).resumeFetching();
                awaitLeader(cluster, 1, 1);
                records.send(producer, before + leaderOnly, after);
                awaitDeliveries(deliveries, before + 1 + leaderOnly + after);

                cluster.broker(0).restart();
                Await.until("broker 0 follows in epoch 1", () -> cluster.broker(0).leaderEpoch(PARTITION) == 1
                    && !cluster.broker(0).isLeader(PARTITION));
                awaitIsr(cluster.broker(1), 3);
            }
        }
        // The controller's thread has stopped (the cluster closed), so its state machine may be read here.
        assertThat(closed.controller().controller().uncleanElections()).isEqualTo(1);
        assertAllSucceeded(deliveries);
        final List<Long> expected = new ArrayList<>(range(0, before));
        expected.add(BARRIER);
        expected.addAll(range(before + leaderOnly, after));
        final List<LogContents.Entry> leaderLog = log(1);
        assertThat(values(leaderLog)).containsExactlyElementsOf(expected);
        assertIdenticalLogs(leaderLog);
        final ScenarioOutcome outcome = ScenarioOutcome.of(deliveries.deliveries(), leaderLog);
        assertThat(outcome.acknowledged()).isEqualTo(before + 1 + leaderOnly + after);
        assertThat(outcome.lost()).containsExactlyElementsOf(range(before, leaderOnly));
        assertThat(outcome.duplicated()).isEmpty();
        TABLE.add(new ScenarioTable.Row("3a. ISR shrank to leader, killed, unclean election on", "1", 1, false,
            "kill leader, followers out of ISR", outcome));
    }

    /**
     * 3b. The same with unclean election off: the partition stays without a leader, a produce to it times out, and
     * once the old leader (the last ISR member) is back it is elected again with every record it acknowledged.
     */
    @Test
    void withoutUncleanElectionThePartitionWaitsLeaderlessForItsLastIsrMember() throws Exception {
        final int before = 5;
        final int leaderOnly = 6;
        final int after = 3;
        final DeliveryRecorder deliveries = new DeliveryRecorder();
        final DeliveryRecorder refused = new DeliveryRecorder();
        final InProcessCluster closed;
        try (InProcessCluster cluster = InProcessCluster.start(brokerSettings(1, 400, false), dataDir)) {
            closed = cluster;
            try (Producer producer = Producer.connect(producerSettings("1", false, 0, 300), cluster.layout(),
                cluster.connectClient(), deliveries);
                 Producer barrier = Producer.connect(producerSettings("all", false, 0, 300), cluster.layout(),
                     cluster.connectClient(), deliveries)) {
                final NumberedRecords records = new NumberedRecords(VALUE_BYTES, false);
                leaderAloneAcknowledges(cluster, records, producer, barrier, deliveries, before, leaderOnly);

                cluster.broker(0).stop();
                cluster.broker(1).resumeFetching();
                cluster.broker(2).resumeFetching();
                // Fenced, broker 0 stays the ISR's last member; nobody else may lead: epoch 1 has no leader.
                Await.until("brokers 1 and 2 follow no leader in epoch 1", () -> {
                    for (final int b : new int[] {1, 2}) {
                        if (cluster.broker(b).leaderEpoch(PARTITION) != 1 || cluster.broker(b).isLeader(PARTITION)) {
                            return false;
                        }
                    }
                    return true;
                });
                // A record sent meanwhile finds no leader: retried until delivery.timeout.ms, then failed.
                final Map<String, String> impatient = producerSettings("1", false, 0, 300);
                impatient.put("delivery.timeout.ms", "1000");
                try (Producer leaderless = Producer.connect(impatient, cluster.layout(), cluster.connectClient(),
                    refused)) {
                    new NumberedRecords(VALUE_BYTES, false).send(leaderless, 2 * BARRIER, 1);
                    assertThat(refused.awaitCount(1, 10, TimeUnit.SECONDS)).isTrue();
                }
                assertThat(refused.deliveries().get(0).errorCode()).isEqualTo(ErrorCode.REQUEST_TIMED_OUT);

                cluster.broker(0).restart();
                awaitLeader(cluster, 0, 2);
                records.send(producer, before + leaderOnly, after);
                awaitDeliveries(deliveries, before + 1 + leaderOnly + after);
                awaitIsr(cluster.broker(0), 3);
            }
        }
        assertThat(closed.controller().controller().uncleanElections()).isZero();
        assertAllSucceeded(deliveries);
        final List<Long> expected = new ArrayList<>(range(0, before));
        expected.add(BARRIER);
        expected.addAll(range(before, leaderOnly + after));
        final List<LogContents.Entry> leaderLog = log(0);
        assertThat(values(leaderLog)).containsExactlyElementsOf(expected);
        assertIdenticalLogs(leaderLog);
        final ScenarioOutcome outcome = ScenarioOutcome.of(deliveries.deliveries(), leaderLog);
        assertThat(outcome.acknowledged()).isEqualTo(before + 1 + leaderOnly + after);
        assertThat(outcome.lost()).isEmpty();
        assertThat(outcome.duplicated()).isEmpty();
        TABLE.add(new ScenarioTable.Row("3b. ISR shrank to leader, killed, unclean election off", "1", 1, false,
            "kill leader, followers out of ISR; restart", outcome));
    }

    /**
     * 4. Idempotence across a failover: the answer to a batch every replica holds is lost, the leader dies, and the
     * producer's retry reaches the new leader, which recognises it from the producer state it replicated.
     */
    @Test
    void aRetryOfAReplicatedBatchIsRecognisedByTheNewLeader() throws Exception {
        final int before = 5;
        final int unanswered = 5;
        final int after = 5;
        final DeliveryRecorder deliveries = new DeliveryRecorder();
        final InProcessCluster closed;
        final ResponseGate gate;
        try (InProcessCluster cluster = InProcessCluster.start(brokerSettings(2, 60_000, false), dataDir)) {
            closed = cluster;
            gate = new ResponseGate(cluster.connectClient());
            // linger.ms 100: each group of records sent at once travels as one batch. request.timeout.ms 1000: the
            // lost answer's retry goes out well after broker 0 is stopped.
            try (Producer producer = Producer.connect(producerSettings("all", true, 100, 1000), cluster.layout(),
                gate, deliveries)) {
                final NumberedRecords records = new NumberedRecords(VALUE_BYTES, false);
                records.send(producer, 0, before);
                awaitDeliveries(deliveries, before);

                gate.dropNext(1);
                records.send(producer, before, unanswered);
                // acks=all with the ISR of three: the answer leaves once all three replicas hold the batch.
                Await.until("the answer to the batch was lost", () -> gate.dropped() == 1);
                cluster.broker(0).stop();
                awaitLeader(cluster, 1, 1);
                awaitDeliveries(deliveries, before + unanswered);

                records.send(producer, before + unanswered, after);
                awaitDeliveries(deliveries, before + unanswered + after);
            }
        }
        assertAllSucceeded(deliveries);
        for (final DeliveryRecorder.Delivery delivery : deliveries.deliveries()) {
            assertThat(delivery.offset()).as("offset of record %d", delivery.record()).isEqualTo(delivery.record());
        }
        // Read after the brokers' thread stopped.
        assertThat(closed.broker(1).duplicateBatches()).isEqualTo(1);
        final List<LogContents.Entry> leaderLog = log(1);
        assertThat(values(leaderLog)).containsExactlyElementsOf(range(0, before + unanswered + after));
        final ScenarioOutcome outcome = ScenarioOutcome.of(deliveries.deliveries(), leaderLog);
        assertThat(outcome.acknowledged()).isEqualTo(before + unanswered + after);
        assertThat(outcome.lost()).isEmpty();
        assertThat(outcome.duplicated()).isEmpty();
        TABLE.add(new ScenarioTable.Row("4. answer lost, leader killed, retry on new leader", "all", 2, true,
            "lost response + kill leader", outcome));
    }

    /**
     * 5. A diverged old leader: a batch broker 0 alone appended (its followers paused) waits for acks=all when broker
     * 0 dies; the producer's retry lands on the new leader, and broker 0, back, truncates its copy.
     */
    @Test
    void aDivergedOldLeaderTruncatesWhatItAloneHeldAndTheRetryLandsOnce() throws Exception {
        final int before = 5;
        final int parked = 3;
        final DeliveryRecorder deliveries = new DeliveryRecorder();
        final InProcessCluster closed;
        try (InProcessCluster cluster = InProcessCluster.start(brokerSettings(1, 60_000, false), dataDir)) {
            closed = cluster;
            final ResponseGate gate = new ResponseGate(cluster.connectClient());
            try (Producer producer = Producer.connect(producerSettings("all", false, 100, 1000), cluster.layout(),
                gate, deliveries)) {
                final NumberedRecords records = new NumberedRecords(VALUE_BYTES, false);
                records.send(producer, 0, before);
                awaitDeliveries(deliveries, before);

                pauseFetchingOf(cluster, 0, 1, 2);
                final int requestsBefore = gate.producesSent();
                records.send(producer, before, parked);
                Await.until("the batch went to broker 0", () -> gate.producesSent() == requestsBefore + 1);
                awaitTwoCyclesAfterNow(cluster.broker(0));

                cluster.broker(0).stop();
                awaitLeader(cluster, 1, 1);
                cluster.broker(1).resumeFetching();
                cluster.broker(2).resumeFetching();
                awaitDeliveries(deliveries, before + parked);

                cluster.broker(0).restart();
                Await.until("broker 0 follows in epoch 1", () -> cluster.broker(0).leaderEpoch(PARTITION) == 1
                    && !cluster.broker(0).isLeader(PARTITION));
                awaitIsr(cluster.broker(1), 3);
                records.send(producer, before + parked, 1);
                awaitDeliveries(deliveries, before + parked + 1);
            }
        }
        // Broker 0 appended two batches as leader, the second of them the one it later truncated.
        assertThat(closed.broker(0).appendedBatches()).isEqualTo(2);
        assertAllSucceeded(deliveries);
        final List<LogContents.Entry> leaderLog = log(1);
        assertThat(values(leaderLog)).containsExactlyElementsOf(range(0, before + parked + 1));
        assertIdenticalLogs(leaderLog);
        final ScenarioOutcome outcome = ScenarioOutcome.of(deliveries.deliveries(), leaderLog);
        assertThat(outcome.acknowledged()).isEqualTo(before + parked + 1);
        assertThat(outcome.lost()).isEmpty();
        assertThat(outcome.duplicated()).isEmpty();
        TABLE.add(new ScenarioTable.Row("5. diverged old leader truncates, retry lands once", "all", 1, false,
            "kill leader with an unreplicated batch", outcome));
    }

    /**
     * Waits until the followers have stopped fetching from {@code leader}: each began a duty cycle after the pause,
     * so it sends no further fetch, and the fetch it had at the leader came back.
     */
    private static void pauseFetchingOf(final InProcessCluster cluster, final int leader, final int... followers) {
        final long pausedMs = System.nanoTime() / 1_000_000L;
        for (final int follower : followers) {
            cluster.broker(follower).pauseFetching();
        }
        for (final int follower : followers) {
            final Broker broker = cluster.broker(follower);
            Await.until("broker " + follower + " began a cycle after the pause", () -> broker.heartbeatMs() > pausedMs);
            Await.until("broker " + follower + " has no fetch at the leader", () -> !broker.awaitingFetchResponse(leader));
        }
    }

    /**
     * Waits until {@code broker} has run a whole duty cycle that began after now: a cycle begun after now read what
     * was already in its rings, and a cycle that began later ended the first one. The heartbeat stamp is an ordered
     * write, so the counters that cycle wrote are visible here afterwards.
     */
    private static void awaitTwoCyclesAfterNow(final Broker broker) {
        final long nowMs = System.nanoTime() / 1_000_000L;
        Await.until("broker " + broker.id() + " began a cycle after " + nowMs, () -> broker.heartbeatMs() > nowMs);
        final long firstMs = broker.heartbeatMs();
        Await.until("broker " + broker.id() + " began a cycle after " + firstMs, () -> broker.heartbeatMs() > firstMs);
    }

    private static void awaitLeader(final InProcessCluster cluster, final int leader, final int epoch) {
        final Broker broker = cluster.broker(leader);
        Await.until("broker " + leader + " leads in epoch " + epoch,
            () -> broker.isLeader(PARTITION) && broker.leaderEpoch(PARTITION) == epoch,
            () -> "leader " + broker.isLeader(PARTITION) + ", epoch " + broker.leaderEpoch(PARTITION));
    }

    private static void awaitIsr(final Broker leader, final int size) {
        Await.until("broker " + leader.id() + "'s ISR has " + size + " members", () -> leader.isrSize(PARTITION) == size,
            () -> leader.isrSize(PARTITION) + " members");
    }

    private static void awaitDeliveries(final DeliveryRecorder deliveries, final int count) throws InterruptedException {
        assertThat(deliveries.awaitCount(count, Await.DEFAULT_TIMEOUT_MS, TimeUnit.MILLISECONDS))
            .as("%d deliveries, got %d", count, deliveries.count()).isTrue();
    }

    private static void assertAllSucceeded(final DeliveryRecorder deliveries) {
        for (final DeliveryRecorder.Delivery delivery : deliveries.deliveries()) {
            assertThat(delivery.errorCode()).as("outcome of record %d", delivery.record()).isEqualTo(ErrorCode.NONE);
        }
    }

    private List<LogContents.Entry> log(final int broker) {
        return LogContents.read(LogContents.partitionDir(dataDir, broker, TOPIC, PARTITION));
    }

    /** Every replica holds the same records at the same offsets as {@code leaderLog}. */
    private void assertIdenticalLogs(final List<LogContents.Entry> leaderLog) {
        for (int broker = 0; broker < 3; broker++) {
            assertThat(log(broker)).as("broker %d's log", broker).isEqualTo(leaderLog);
        }
    }

    private static List<Long> values(final List<LogContents.Entry> log) {
        final List<Long> values = new ArrayList<>(log.size());
        for (final LogContents.Entry entry : log) {
            values.add(entry.value());
        }
        return values;
    }

    private static List<Long> range(final long from, final int count) {
        final List<Long> numbers = new ArrayList<>(count);
        for (long n = from; n < from + count; n++) {
            numbers.add(n);
        }
        return numbers;
    }
}
