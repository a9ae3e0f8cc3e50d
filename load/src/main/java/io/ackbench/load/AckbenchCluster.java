package io.ackbench.load;

import io.ackbench.broker.BrokerCluster;
import io.ackbench.broker.BrokerProcesses;
import io.ackbench.broker.InProcessCluster;
import io.ackbench.consumer.Consumer;
import io.ackbench.consumer.ConsumerConfig;
import io.ackbench.consumer.RecordListener;
import io.ackbench.controller.CommittedPartitions;
import io.ackbench.fault.BrokerFaults;
import io.ackbench.fault.InProcessBrokerFaults;
import io.ackbench.fault.PartitionLeaders;
import io.ackbench.fault.ProcessBrokerFaults;
import io.ackbench.fault.ResponseLoss;
import io.ackbench.load.machine.ClusterJvm;
import io.ackbench.load.machine.ClusterProcesses;
import io.ackbench.load.stages.ConsumerReceiptStage;
import io.ackbench.load.stages.ConsumerReceipts;
import io.ackbench.load.stages.StageBreakdown;
import io.ackbench.load.stages.StageRecorder;
import io.ackbench.producer.Acks;
import io.ackbench.producer.DeliveryListener;
import io.ackbench.producer.MetadataFetch;
import io.ackbench.producer.Producer;
import io.ackbench.producer.ProducerConfig;
import io.ackbench.record.RecordBatchLayout;
import io.ackbench.transport.Endpoint;
import io.ackbench.transport.TopicLayout;
import org.agrona.DirectBuffer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An ackbench {@link BrokerCluster} as a {@link LoadCluster}: one ackbench {@link Producer} per producing thread, one
 * ackbench {@link Consumer} per consuming thread.
 */
final class AckbenchCluster implements LoadCluster {
    /** How long the leader probe waits for one broker before it asks the next. */
    private static final long PROBE_TIMEOUT_MS = 500;

    private final BrokerCluster brokers;
    /** The cluster's data directory, its controller's state under it; null when this run did not start the cluster. */
    private final Path dataDir;
    /** The leader probe's own client node, made on first use; guarded by this object's lock, as the next field. */
    private Endpoint probe;
    private int nextProbeBroker;
    /**
     * The share of Produce responses each producer connected from now on loses, and the seed of the first one's
     * choice (the next producers' seeds follow); set by {@link #loseResponses} and read by {@link #connect}, under
     * this object's lock.
     */
    private double lostResponses;
    private long lossSeed;
    /** Intended time from which stage breakdowns count records; set by {@link #measureFrom}, under this lock. */
    private long measureStartNanos = System.nanoTime();
    /** One stage recorder per producer connected with stage recording on, under this lock. */
    private final List<StageRecorder> stageRecorders = new ArrayList<>();
    /** The batches each consumer read, for the consumer receipt stage: with stage recording on; under this lock. */
    private final List<ConsumerReceipts> consumerReceipts = new ArrayList<>();
    /** The acks of the producers connected with stage recording on, under this lock; null before the first. */
    private Acks stageAcks;

    AckbenchCluster(final BrokerCluster brokers, final Path dataDir) {
        this.brokers = brokers;
        this.dataDir = dataDir;
    }

    /**
     * With {@link Workload#recordStages()}, the producer reports its batches' stages to a recorder of its own, which
     * also keeps their commit times when the workload has consumers.
     */
    @Override
    public LoadProducer connect(final Workload workload, final DeliveryListener listener) {
        final ProducerConfig config = ProducerConfig.of(workload.producerSettings());
        final StageRecorder recorder = workload.recordStages()
            ? stageRecorder(config.acks(), workload.consumers() > 0) : null;
        return new AckbenchProducer(Producer.connect(workload.producerSettings(), brokers.layout(),
            lossy(brokers.connectClient(config.socketOptions())), listener, recorder),
            () -> dropStageRecorder(recorder));
    }

    /** A closed producer's stages leave the breakdown: the next run's producers start afresh. */
    private synchronized void dropStageRecorder(final StageRecorder recorder) {
        stageRecorders.remove(recorder);
    }

    private synchronized StageRecorder stageRecorder(final Acks acks, final boolean keepCommits) {
        final StageRecorder recorder = new StageRecorder(measureStartNanos, keepCommits);
        stageRecorders.add(recorder);
        stageAcks = acks;
        return recorder;
    }

    private synchronized ConsumerReceipts consumerReceipts() {
        final ConsumerReceipts receipts = new ConsumerReceipts(measureStartNanos);
        consumerReceipts.add(receipts);
        return receipts;
    }

    /** A closed consumer's batches leave the consumer receipt stage, as a closed producer's stages do. */
    private synchronized void dropConsumerReceipts(final ConsumerReceipts receipts) {
        consumerReceipts.remove(receipts);
    }

    /**
     * Starts the measurement at {@code startNanos}: the open producers' recorders count from it (a steady-state warm-up
     * moves it while they send), and so will those connected later. A closed producer's recorder is gone already.
     */
    @Override
    public synchronized void measureFrom(final long startNanos) {
        this.measureStartNanos = startNanos;
        for (final StageRecorder recorder : stageRecorders) {
            recorder.measureFrom(startNanos);
        }
        for (final ConsumerReceipts receipts : consumerReceipts) {
            receipts.measureFrom(startNanos);
        }
    }

    /**
     * Every producer's stages merged, and with consumers the consumer receipt stage after them, or null when no
     * producer recorded stages. The consumer receipt stage is complete once the consumers' threads have ended.
     */
    @Override
    public synchronized StageBreakdown stages() {
        if (stageRecorders.isEmpty()) {
            return null;
        }
        StageBreakdown breakdown = StageRecorder.breakdown(stageRecorders);
        if (!consumerReceipts.isEmpty()) {
            breakdown = ConsumerReceiptStage.addTo(breakdown, stageAcks, stageRecorders, consumerReceipts);
        }
        if (dataDir != null) {
            return breakdown;
        }
        return breakdown.withNotes(List.of("The brokers were running already (--bootstrap-servers): their stamps "
            + "compare with the producer's only if they run on this host, whose monotonic clock both then read."));
    }

    private synchronized Endpoint lossy(final Endpoint endpoint) {
        return lostResponses == 0 ? endpoint : new ResponseLoss(endpoint, lostResponses, lossSeed++);
    }

    /** Wraps each producer's client node in a {@link ResponseLoss}. */
    @Override
    public synchronized boolean loseResponses(final double fraction, final long seed) {
        this.lostResponses = fraction;
        this.lossSeed = seed;
        return true;
    }

    /**
     * Consumer {@code index} of {@code count} on a client node of its own, reading partitions {@code p % count ==
     * index} from offset 0 with Kafka's consumer defaults (a workload carries no consumer settings). With
     * {@link Workload#recordStages()} and {@link Workload#consumers()} it also keeps the batches it read for the
     * consumer receipt stage.
     */
    @Override
    public LoadConsumer consumer(final Workload workload, final int index, final int count,
                                 final ConsumedRecordListener listener) {
        final TopicLayout layout = brokers.layout();
        final int[] partitions = LoadCluster.partitionsOf(index, count, layout.partitionCount());
        final Endpoint endpoint = brokers.connectClient();
        if (!workload.recordStages() || workload.consumers() == 0) {
            return new AckbenchConsumer(new Consumer(ConsumerConfig.defaults(), endpoint, layout, partitions, null,
                (partition, offset, timestamp, buffer, keyOffset, keyLength, valueOffset, valueLength) ->
                    listener.onRecord(partition, offset, buffer, keyOffset, keyLength, valueOffset, valueLength)),
                endpoint, () -> { });
        }
        final ConsumerReceipts receipts = consumerReceipts();
        return new AckbenchConsumer(new Consumer(ConsumerConfig.defaults(), endpoint, layout, partitions, null,
            new ReceiptsListener(listener, receipts)), endpoint, () -> dropConsumerReceipts(receipts));
    }

    /** Hands each record to the load listener and to the consumer's receipts, and each batch's end to the latter. */
    private static final class ReceiptsListener implements RecordListener {
        private final ConsumedRecordListener listener;
        private final ConsumerReceipts receipts;

        ReceiptsListener(final ConsumedRecordListener listener, final ConsumerReceipts receipts) {
            this.listener = listener;
            this.receipts = receipts;
        }

        @Override
        public void onRecord(final int partition, final long offset, final long timestamp, final DirectBuffer buffer,
                             final int keyOffset, final int keyLength, final int valueOffset, final int valueLength) {
            listener.onRecord(partition, offset, buffer, keyOffset, keyLength, valueOffset, valueLength);
            receipts.onRecord(buffer, valueOffset, valueLength);
        }

        @Override
        public void onBatchRead(final int partition, final long baseOffset, final long fetchedNanos) {
            receipts.onBatchRead(partition, baseOffset, fetchedNanos);
        }
    }

    /** Broker processes, or brokers in this JVM (where a pause is a stop: see {@link InProcessBrokerFaults}). */
    @Override
    public BrokerFaults faults() {
        if (brokers instanceof BrokerProcesses processes) {
            return new ProcessBrokerFaults(processes);
        }
        if (brokers instanceof InProcessCluster inProcess) {
            return new InProcessBrokerFaults(inProcess);
        }
        return null;
    }

    /**
     * Each partition's current leader, as a Metadata request to the first broker that answers says (the brokers know
     * what the controller decided; the producers' own view may lag). Cold path: the failover timer calls it at each
     * fault and while it waits for successors.
     */
    @Override
    public PartitionLeaders leaders() {
        return this::currentLeaders;
    }

    private synchronized int[] currentLeaders() {
        final TopicLayout layout = brokers.layout();
        if (probe == null) {
            probe = brokers.connectClient();
        }
        for (int attempt = 0; attempt < layout.brokerCount(); attempt++) {
            final int broker = nextProbeBroker;
            nextProbeBroker = (nextProbeBroker + 1) % layout.brokerCount();
            try {
                final TopicLayout current = MetadataFetch.fetch(probe, broker, layout.topic(), PROBE_TIMEOUT_MS);
                nextProbeBroker = broker; // it answers: ask it first next time
                final int[] leaders = new int[current.partitionCount()];
                for (int p = 0; p < leaders.length; p++) {
                    leaders[p] = current.leader(p);
                }
                return leaders;
            } catch (final RuntimeException e) {
                // down or paused: ask the next one
            }
        }
        final int[] unknown = new int[layout.partitionCount()];
        Arrays.fill(unknown, TopicLayout.NO_LEADER);
        return unknown;
    }

    /** The data directory, and for broker processes each JVM with its command line and pause log. */
    @Override
    public ClusterProcesses processes() {
        final List<ClusterJvm> jvms = new ArrayList<>();
        if (brokers instanceof BrokerProcesses processes) {
            processes.commandLines().forEach((name, command) ->
                jvms.add(new ClusterJvm(name, command, processes.jvmLog(name))));
        }
        return new ClusterProcesses(dataDir, jvms);
    }

    @Override
    public void close() {
        brokers.closeAndDiscard(); // the logs are deleted next: forcing them to disk first would be waste
    }

    /**
     * An ackbench {@link Consumer} as a {@link LoadConsumer}: its records reach the load listener through one
     * adapter made at construction, so a poll allocates nothing here either.
     */
    private static final class AckbenchConsumer implements LoadConsumer {
        private final Consumer consumer;
        private final Endpoint endpoint;
        /** Run once the consumer has closed. */
        private final Runnable onClose;

        AckbenchConsumer(final Consumer consumer, final Endpoint endpoint, final Runnable onClose) {
            this.consumer = consumer;
            this.endpoint = endpoint;
            this.onClose = onClose;
        }

        @Override
        public int poll(final long maxWaitMs) {
            return consumer.poll(maxWaitMs);
        }

        @Override
        public boolean atEnd() {
            return consumer.atEnd();
        }

        @Override
        public void close() {
            consumer.close();
            onClose.run();
            if (endpoint instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (final Exception e) {
                    throw new IllegalStateException("Cannot close the consumer's client node", e);
                }
            }
        }
    }

    /** Hands records straight to {@link Producer#send}, which copies them off heap and allocates nothing. */
    private static final class AckbenchProducer implements LoadProducer {
        private final Producer producer;
        /** Run once the producer has closed. */
        private final Runnable onClose;

        AckbenchProducer(final Producer producer, final Runnable onClose) {
            this.producer = producer;
            this.onClose = onClose;
        }

        @Override
        public void send(final DirectBuffer key, final int keyLength, final DirectBuffer value, final int valueLength,
                         final long intendedNanos) {
            producer.send(keyLength < 0 ? null : key, 0, keyLength, value, 0, valueLength, null,
                RecordBatchLayout.NO_TIMESTAMP, intendedNanos);
        }

        @Override
        public void flush() {
            producer.flush();
        }

        @Override
        public void close() {
            producer.close();
            onClose.run();
        }
    }

    /**
     * From the controller's partition-registrations checkpoint under the data directory, which it replaces whole on
     * every commit, in this process or a controller process of its own: every partition has a leader and an ISR as
     * large as its replica set. False before the controller first wrote it.
     *
     * @throws UnsupportedOperationException for running brokers this run connected to, whose controller's files are
     *     not known
     */
    @Override
    public boolean fullyReplicated() {
        if (dataDir == null) {
            throw new UnsupportedOperationException("Brokers this run connected to (--bootstrap-servers) keep their "
                + "controller's state where they were started; only a cluster this run started can tell whether it "
                + "is fully replicated");
        }
        final TopicLayout layout = brokers.layout();
        final List<CommittedPartitions.Partition> committed =
            CommittedPartitions.read(dataDir.resolve(InProcessCluster.CONTROLLER_DIR));
        if (committed.size() != layout.partitionCount()) {
            return false;
        }
        for (final CommittedPartitions.Partition partition : committed) {
            if (!partition.hasLeader() || partition.isrSize() != layout.replicas(partition.partition()).length) {
                return false;
            }
        }
        return true;
    }
}
