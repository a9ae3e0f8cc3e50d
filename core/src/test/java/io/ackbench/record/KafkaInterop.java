package io.ackbench.record;

import java.nio.ByteBuffer;

import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.RecordBatch;

/** Builds batches with kafka-clients, the oracle. */
final class KafkaInterop {
    private KafkaInterop() {
    }

    static ByteBuffer kafkaBatch(BatchSpec spec, long baseOffset, int partitionLeaderEpoch) {
        final MemoryRecordsBuilder builder = MemoryRecords.builder(
            ByteBuffer.allocate(spec.upperBoundSize()), RecordBatch.MAGIC_VALUE_V2, Compression.NONE,
            TimestampType.CREATE_TIME, baseOffset, RecordBatch.NO_TIMESTAMP,
            spec.producerId(), spec.producerEpoch(), spec.baseSequence(), false, partitionLeaderEpoch);
        for (BatchSpec.RecordSpec record : spec.records()) {
            builder.append(record.timestamp(), record.key(), record.value(), kafkaHeaders(record));
        }
        return builder.build().buffer();
    }

    static Header[] kafkaHeaders(BatchSpec.RecordSpec record) {
        final Header[] headers = new Header[record.headers().size()];
        for (int i = 0; i < headers.length; i++) {
            final BatchSpec.HeaderSpec header = record.headers().get(i);
            headers[i] = new RecordHeader(header.key(), header.value());
        }
        return headers;
    }

    static byte[] bytes(ByteBuffer buffer) {
        final byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
