package io.ackbench.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Random;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.internal.AbstractRecords;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.DefaultRecord;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.api.Test;

/** Our record sizes and single-record upper bound equal kafka-clients' for the same inputs. */
class RecordSizeTest {
    private final RecordHeaders headers = new RecordHeaders(64 * 1024);

    @Test
    void sizesMatchKafkaOnRandomRecords() {
        final Random random = new Random(99);
        for (int i = 0; i < 3000; i++) {
            final BatchSpec.RecordSpec record = BatchSpec.random(random, 2 + i).records().get(0);
            BatchSpec.fill(headers, record);
            final Header[] kafkaHeaders = KafkaInterop.kafkaHeaders(record);
            final int keyLength = BatchSpec.length(record.key());
            final int valueLength = BatchSpec.length(record.value());
            final int offsetDelta = random.nextInt() >> random.nextInt(32);
            final long timestampDelta = random.nextLong() >> random.nextInt(64);

            assertThat(RecordEncoder.sizeInBytes(offsetDelta, timestampDelta, keyLength, valueLength, headers))
                .isEqualTo(DefaultRecord.sizeInBytes(offsetDelta, timestampDelta, keyLength, valueLength, kafkaHeaders));
            assertThat(RecordEncoder.upperBoundBatchSize(keyLength, valueLength, headers))
                .isEqualTo(AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.MAGIC_VALUE_V2,
                    CompressionType.NONE, wrap(record.key()), wrap(record.value()), kafkaHeaders));
        }
    }

    @Test
    void nullHeadersMeanNoHeaders() {
        assertThat(RecordEncoder.sizeInBytes(0, 0, -1, -1, null)).isEqualTo(7);
        assertThat(RecordEncoder.sizeInBytes(0, 0, -1, -1, headers.clear())).isEqualTo(7);
        assertThat(RecordEncoder.upperBoundBatchSize(-1, -1, null)).isEqualTo(61 + 21 + 3);
        assertThat(RecordEncoder.upperBoundBatchSize(1, 100, null)).isEqualTo(61 + 21 + 2 + 2 + 100 + 1);
    }

    private static ByteBuffer wrap(byte[] bytes) {
        return bytes == null ? null : ByteBuffer.wrap(bytes);
    }
}
