package io.ackbench.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * The writer learns a record's length-varint size from bounds on its body and sizes the body
 * exactly only near a varint size step or the end of the buffer. Sweep bodies across each step
 * (64, 8192 and 2^20 bytes) and check the bytes against Kafka's and the capacity decisions.
 */
class VarintBoundaryTest {
    private static final long TIMESTAMP = 1_700_000_000_000L;
    /** Timestamp deltas whose varlongs take 1, 2, 3 and 6 bytes. */
    private static final long[] TIMESTAMP_DELTAS = {0, 63, 64, 8192, 1L << 40};

    private final RecordBatchWriter writer = new RecordBatchWriter();
    private final RecordHeaders headers = new RecordHeaders(1024);

    @Test
    void bodiesAroundEachLengthVarintStepMatchKafkaByteForByte() {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(4 * 1024 * 1024));
        for (int valueLength : valueLengths()) {
            for (int recordCount : new int[] {1, 70}) {
                if (valueLength > 100_000 && recordCount > 1) {
                    continue;
                }
                final BatchSpec spec = spec(valueLength, recordCount);
                writer.wrap(buffer, 0, buffer.capacity());
                for (BatchSpec.RecordSpec record : spec.records()) {
                    BatchSpec.fill(headers, record);
                    assertThat(writer.append(record.timestamp(), wrap(record.key()), 0, BatchSpec.length(record.key()),
                        wrap(record.value()), 0, BatchSpec.length(record.value()), headers)).isTrue();
                }
                final byte[] ours = new byte[writer.seal()];
                buffer.getBytes(0, ours);
                assertThat(ours).as("value length %d, %d records", valueLength, recordCount)
                    .isEqualTo(KafkaInterop.bytes(KafkaInterop.kafkaBatch(spec, 0L, -1)));
            }
        }
    }

    @Test
    void aRecordFitsExactlyItsSizeAndNotOneByteLess() {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[2 * 1024 * 1024]);
        final UnsafeBuffer value = new UnsafeBuffer(new byte[(1 << 20) + 100]);
        final UnsafeBuffer key = new UnsafeBuffer(new byte[16]);
        headers.clear().add("h", new byte[3]);
        for (int valueLength : valueLengths()) {
            for (long delta : TIMESTAMP_DELTAS) {
                for (int keyLength : new int[] {-1, 16}) {
                    // Second record of a batch: offset delta 1, timestamp delta as given.
                    final int recordSize = RecordEncoder.sizeInBytes(1, delta, keyLength, valueLength, headers);
                    final int firstSize = RecordEncoder.sizeInBytes(0, 0, -1, 0, null);
                    final int exact = RecordBatchLayout.RECORD_BATCH_OVERHEAD + firstSize + recordSize;

                    writer.wrap(buffer, 0, exact - 1);
                    assertThat(writer.append(TIMESTAMP, null, 0, -1, value, 0, 0, null)).isTrue();
                    assertThat(writer.append(TIMESTAMP + delta, key, 0, keyLength, value, 0, valueLength, headers))
                        .as("value %d, delta %d, key %d, one byte short", valueLength, delta, keyLength).isFalse();
                    assertThat(writer.sizeInBytes()).isEqualTo(exact - recordSize);

                    writer.wrap(buffer, 0, exact);
                    assertThat(writer.append(TIMESTAMP, null, 0, -1, value, 0, 0, null)).isTrue();
                    assertThat(writer.append(TIMESTAMP + delta, key, 0, keyLength, value, 0, valueLength, headers))
                        .as("value %d, delta %d, key %d, exact fit", valueLength, delta, keyLength).isTrue();
                    assertThat(writer.sizeInBytes()).isEqualTo(exact);
                    assertThat(writer.remaining()).isZero();
                }
            }
        }
    }

    private static List<Integer> valueLengths() {
        final List<Integer> lengths = new ArrayList<>();
        for (int step : new int[] {64, 8192, 1 << 20}) {
            for (int length = step - 45; length <= step + 5; length++) {
                lengths.add(length);
            }
        }
        return lengths;
    }

    private static BatchSpec spec(int valueLength, int recordCount) {
        final List<BatchSpec.RecordSpec> records = new ArrayList<>();
        for (int i = 0; i < recordCount; i++) {
            final long delta = TIMESTAMP_DELTAS[i % TIMESTAMP_DELTAS.length];
            final byte[] value = new byte[valueLength];
            value[valueLength / 2] = (byte) i;
            final List<BatchSpec.HeaderSpec> headerSpecs = (i & 1) == 0
                ? List.of()
                : List.of(new BatchSpec.HeaderSpec("k", new byte[] {1, 2}), new BatchSpec.HeaderSpec("n", null));
            records.add(new BatchSpec.RecordSpec(TIMESTAMP + delta, (i & 2) == 0 ? null : new byte[] {7, 7, 7},
                value, headerSpecs));
        }
        return new BatchSpec(RecordBatchLayout.NO_PRODUCER_ID, RecordBatchLayout.NO_PRODUCER_EPOCH,
            RecordBatchLayout.NO_SEQUENCE, records);
    }

    private static UnsafeBuffer wrap(byte[] bytes) {
        return bytes == null ? null : new UnsafeBuffer(bytes);
    }
}
