package io.ackbench.kafka;

import io.ackbench.load.LoadProducer;
import io.ackbench.producer.DeliveryListener;
import io.ackbench.transport.ErrorCode;
import org.agrona.DirectBuffer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.protocol.Errors;

import java.time.Duration;

/**
 * Sends through kafka-clients' {@link KafkaProducer} as an application would: key and value copied into arrays of
 * their own (what a serializer hands Kafka), a {@link ProducerRecord} and a callback per record. The callback runs
 * on the producer's I/O thread and reports to the {@link DeliveryListener} with the record's intended send time,
 * so latency is measured exactly as for ackbench's producer; an error is reported with Kafka's own error code.
 */
final class KafkaLoadProducer implements LoadProducer {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final int UNKNOWN_PARTITION = -1;
    private static final long UNKNOWN_OFFSET = -1;

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final DeliveryListener listener;

    KafkaLoadProducer(final KafkaProducer<byte[], byte[]> producer, final String topic,
                      final DeliveryListener listener) {
        this.producer = producer;
        this.topic = topic;
        this.listener = listener;
    }

    @Override
    public void send(final DirectBuffer key, final int keyLength, final DirectBuffer value, final int valueLength,
                     final long intendedNanos) {
        final byte[] keyBytes = keyLength < 0 ? null : new byte[keyLength];
        if (keyBytes != null) {
            key.getBytes(0, keyBytes);
        }
        final byte[] valueBytes = new byte[valueLength];
        value.getBytes(0, valueBytes);
        producer.send(new ProducerRecord<>(topic, keyBytes, valueBytes), new Completion(listener, intendedNanos));
    }

    @Override
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }

    /** One record's callback: what the application would allocate per send to hear of its record. */
    private static final class Completion implements Callback {
        private final DeliveryListener listener;
        private final long intendedNanos;

        Completion(final DeliveryListener listener, final long intendedNanos) {
            this.listener = listener;
            this.intendedNanos = intendedNanos;
        }

        @Override
        public void onCompletion(final RecordMetadata metadata, final Exception exception) {
            final int partition = metadata == null ? UNKNOWN_PARTITION : metadata.partition();
            if (exception == null) {
                listener.onComplete(partition, metadata.offset(), ErrorCode.NONE, intendedNanos);
            } else {
                listener.onComplete(partition, UNKNOWN_OFFSET, Errors.forException(exception).code(), intendedNanos);
            }
        }
    }
}
