package io.ackbench.load;

import io.ackbench.broker.BrokerCluster;
import io.ackbench.producer.DeliveryListener;
import io.ackbench.producer.Producer;
import io.ackbench.producer.ProducerConfig;
import io.ackbench.record.RecordBatchLayout;
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
