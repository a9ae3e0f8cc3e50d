package io.ackbench.load.audit;

import io.ackbench.broker.Broker;
import io.ackbench.broker.InProcessCluster;
import io.ackbench.fault.BrokerFaults;
import io.ackbench.fault.InProcessBrokerFaults;
import io.ackbench.fault.PartitionLeaders;
import io.ackbench.load.AckbenchTarget;
import io.ackbench.load.ConsumedRecordListener;
import io.ackbench.load.LoadCluster;
import io.ackbench.load.LoadConsumer;
import io.ackbench.load.LoadProducer;
import io.ackbench.load.LoadTarget;
import io.ackbench.load.PerfOptions;
import io.ackbench.load.Workload;
import io.ackbench.producer.DeliveryListener;
import io.ackbench.testing.Await;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One audit cell on ackbench's in-process brokers, under one scripted schedule: the followers stop fetching, the
 * leader appends at least {@value #UNREPLICATED_BATCHES} more batches, the leader is killed and the followers fetch
 * again. acks=1 has acknowledged those batches alone, so the new leader lacks them: records are lost. acks=all with
 * min.insync 2 has acknowledged none of them, so the producer retries them on the new leader: nothing is lost.
 */
@Tag("slow")
class AuditCellTest {
    private static final int UNREPLICATED_BATCHES = 3;

    @TempDir
    Path dir;

    @Test
    void acksOneLosesWhatTheLeaderAloneAcknowledged() throws Exception {
        final CellResult result = run(new DeliverySetting("1", false, 2));
        assertThat(result.status()).as(String.valueOf(result.reason())).isEqualTo(CellResult.Status.DONE);
        assertThat(result.audit().lost()).isNotEmpty();
        assertThat(result.divergentReplicas()).isZero();
        assertThat(result.promises()).isEmpty();
        assertThat(result.breaches()).isEmpty();
    }

    @Test
    void acksAllWithMinInsyncTwoLosesNothing() throws Exception {
        final CellResult result = run(new DeliverySetting("all", true, 2));
        assertThat(result.status()).as(String.valueOf(result.reason())).isEqualTo(CellResult.Status.DONE);
        assertThat(result.audit().acknowledged()).isPositive();
        assertThat(result.audit().lost()).isEmpty();
        assertThat(result.divergentReplicas()).isZero();
        assertThat(result.audit().duplicated()).isEmpty();
        assertThat(result.audit().reordered()).isEmpty();
        assertThat(result.breaches()).isEmpty();
        assertThat(result.promises()).extracting(Guarantee.Promise::breach)
            .containsExactly(Guarantee.Breach.LOST, Guarantee.Breach.DUPLICATED, Guarantee.Breach.REORDERED);
    }

    private CellResult run(final DeliverySetting setting) throws Exception {
        final AuditCell cell = new AuditCell(AckbenchTarget.NAME, setting, AuditFault.LEADER_KILL);
        final AuditOptions options = AuditOptions.parse("--transport", "inproc", "--duration", "4s", "--warmup",
            "1s", "--throughput", "2000", "--partitions", "2", "--reporting-interval-ms", "1000",
            "--producer-props", "request.timeout.ms=2000", "delivery.timeout.ms=20000",
            "--broker-props", "broker.session.timeout.ms=1500", "broker.heartbeat.interval.ms=250");
        final Workload workload = PerfOptions.parse(options.produceArguments(cell, 2, 3).toArray(String[]::new))
            .workload();
        final InProcessCluster[] started = new InProcessCluster[1];
        final AckbenchTarget ackbench = new AckbenchTarget((w, dataDir) -> {
            started[0] = InProcessCluster.start(w.brokerSettings(), dataDir);
            return started[0];
        });
        final LoadTarget target = new LoadTarget() {
            @Override
            public String name() {
                return ackbench.name();
            }

            @Override
            public void check(final Workload w) {
                ackbench.check(w);
            }

            @Override
            public LoadCluster start(final Workload w, final Path dataDir) throws java.io.IOException,
                InterruptedException {
                return new LaggingFollowersCluster(ackbench.start(w, dataDir), started[0]);
            }
        };
        final ByteArrayOutputStream log = new ByteArrayOutputStream();
        final CellRunner runner = new CellRunner(new PrintStream(log, true, StandardCharsets.UTF_8), 7, 1, 30_000);
        return runner.run(cell, target, workload, dir.resolve(cell.slug()), dir.resolve("data-" + cell.slug()));
    }

    /** The cluster as the test strikes it: a kill of the leader is preceded by its followers falling behind. */
    private static final class LaggingFollowersCluster implements LoadCluster {
        private final LoadCluster delegate;
        private final InProcessCluster brokers;

        LaggingFollowersCluster(final LoadCluster delegate, final InProcessCluster brokers) {
            this.delegate = delegate;
            this.brokers = brokers;
        }

        @Override
        public LoadProducer connect(final Workload workload, final DeliveryListener listener) {
            return delegate.connect(workload, listener);
        }

        @Override
        public LoadConsumer consumer(final Workload workload, final int index, final int count,
                                     final ConsumedRecordListener listener) {
            return delegate.consumer(workload, index, count, listener);
        }

        @Override
        public boolean fullyReplicated() {
            return delegate.fullyReplicated();
        }

        @Override
        public PartitionLeaders leaders() {
            return delegate.leaders();
        }

        @Override
        public BrokerFaults faults() {
            final InProcessBrokerFaults faults = new InProcessBrokerFaults(brokers);
            return new BrokerFaults() {
                @Override
                public int brokerCount() {
                    return faults.brokerCount();
                }

                @Override
                public void kill(final int leaderId) {
                    final Broker leader = brokers.broker(leaderId);
                    final List<Broker> followers = new ArrayList<>();
                    for (int id = 0; id < brokers.brokerCount(); id++) {
                        if (id != leaderId) {
                            followers.add(brokers.broker(id));
                        }
                    }
                    followers.forEach(Broker::pauseFetching);
                    // A fetch already parked at the leader may still bring its followers the next batch: count from
                    // when none is outstanding.
                    Await.until("the followers to have no fetch outstanding", () -> followers.stream()
                        .noneMatch(follower -> follower.awaitingFetchResponse(leaderId)));
                    final long appended = leader.appendedBatches();
                    Await.until("the leader to append " + UNREPLICATED_BATCHES + " batches its followers lack",
                        () -> leader.appendedBatches() >= appended + UNREPLICATED_BATCHES);
                    faults.kill(leaderId);
                    followers.forEach(Broker::resumeFetching);
                }

                @Override
                public void restart(final int brokerId) {
                    faults.restart(brokerId);
                }

                @Override
                public void pause(final int brokerId) {
                    faults.pause(brokerId);
                }

                @Override
                public void resume(final int brokerId) {
                    faults.resume(brokerId);
                }
            };
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
