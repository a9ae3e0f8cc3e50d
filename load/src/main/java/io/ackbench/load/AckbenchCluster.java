package io.ackbench.load;

import io.ackbench.broker.BrokerCluster;
import io.ackbench.broker.BrokerProcesses;
import io.ackbench.broker.InProcessCluster;
import io.ackbench.fault.BrokerFaults;
import io.ackbench.fault.InProcessBrokerFaults;
import io.ackbench.fault.PartitionLeaders;
import io.ackbench.fault.ProcessBrokerFaults;
import io.ackbench.producer.DeliveryListener;
import io.ackbench.producer.Producer;
import io.ackbench.producer.ProducerConfig;
import io.ackbench.record.RecordBatchLayout;
import io.ackbench.transport.TopicLayout;
import org.agrona.DirectBuffer;

/** An ackbench {@link BrokerCluster} as a {@link LoadCluster}: one ackbench {@link Producer} per producing thread. */
final class AckbenchCluster implements LoadCluster {
    private final BrokerCluster brokers;

    AckbenchCluster(final BrokerCluster brokers) {
        this.brokers = brokers;
    }

    @Override
    public LoadProducer connect(final Workload workload, final DeliveryListener listener) {
        final ProducerConfig config = ProducerConfig.of(workload.producerSettings());
        return new AckbenchProducer(Producer.connect(workload.producerSettings(), brokers.layout(),
            brokers.connectClient(config.socketOptions()), listener));
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
     * The layout the producers route by, shared with them: {@link TopicLayout#leader} is the partition's current
     * leader as the producers know it.
     */
    @Override
    public PartitionLeaders leaders() {
        final TopicLayout layout = brokers.layout();
        return () -> {
            final int[] leaders = new int[layout.partitionCount()];
            for (int p = 0; p < leaders.length; p++) {
                leaders[p] = layout.leader(p); // the one place failover timing asks ackbench for a leader
            }
            return leaders;
        };
    }

    @Override
    public void close() {
        brokers.closeAndDiscard(); // the logs are deleted next: forcing them to disk first would be waste
    }

    /** Hands records straight to {@link Producer#send}, which copies them off heap and allocates nothing. */
    private static final class AckbenchProducer implements LoadProducer {
        private final Producer producer;

        AckbenchProducer(final Producer producer) {
            this.producer = producer;
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
        }
    }
}
