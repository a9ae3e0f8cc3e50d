package io.ackbench.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** What a test batch should contain; generated from a seed so failures can be replayed. */
record BatchSpec(long producerId, short producerEpoch, int baseSequence, List<RecordSpec> records) {

    record HeaderSpec(String key, byte[] value) {
    }

    record RecordSpec(long timestamp, byte[] key, byte[] value, List<HeaderSpec> headers) {
    }

    static final int LARGE_VALUE = 64 * 1024;
    private static final String KEY_ALPHABET = "abcXYZ0129-_.é日本\u00df";

    /**
     * Mixes batch shapes so thousands of batches stay quick: mostly small batches, some with up
     * to 1000 records of small values, a few with values up to 64 KiB.
     */
    static BatchSpec random(Random random, int index) {
        final int shape = random.nextInt(100);
        final int recordCount;
        final int maxValue;
        if (index % 200 == 0) {
            recordCount = 1000;
            maxValue = 64;
        } else if (index % 200 == 1) {
            recordCount = 3;
            maxValue = LARGE_VALUE;
        } else if (shape < 60) {
            recordCount = 1 + random.nextInt(20);
            maxValue = 256;
        } else if (shape < 88) {
            recordCount = 1 + random.nextInt(1000);
            maxValue = 128;
        } else {
            recordCount = 1 + random.nextInt(8);
            maxValue = LARGE_VALUE;
        }
        final boolean idempotent = random.nextBoolean();
        final long producerId = idempotent ? random.nextLong() & Long.MAX_VALUE : RecordBatchLayout.NO_PRODUCER_ID;
        final short epoch = idempotent ? (short) random.nextInt(Short.MAX_VALUE + 1) : RecordBatchLayout.NO_PRODUCER_EPOCH;
        // Some sequences sit just below Integer.MAX_VALUE so record sequences wrap to 0.
        final int baseSequence = !idempotent ? RecordBatchLayout.NO_SEQUENCE
            : random.nextInt(10) == 0 ? Integer.MAX_VALUE - random.nextInt(recordCount) : random.nextInt(Integer.MAX_VALUE);
        final boolean noTimestamps = random.nextInt(50) == 0;
        final long baseTimestamp = 1_700_000_000_000L + random.nextInt(1_000_000_000);
        final boolean withHeaders = random.nextInt(3) == 0;

        final List<RecordSpec> records = new ArrayList<>(recordCount);
        for (int i = 0; i < recordCount; i++) {
            final long timestamp = noTimestamps ? RecordBatchLayout.NO_TIMESTAMP
                : Math.max(0, baseTimestamp + random.nextInt(200_000) - 50_000);
            final byte[] key = random.nextInt(5) == 0 ? null : bytes(random, 8 + random.nextInt(9));
            final byte[] value = value(random, maxValue);
            final List<HeaderSpec> headers = new ArrayList<>();
            if (withHeaders) {
                final int headerCount = random.nextInt(11);
                for (int h = 0; h < headerCount; h++) {
                    headers.add(new HeaderSpec(
                        headerKey(random), random.nextInt(4) == 0 ? null : bytes(random, random.nextInt(33))));
                }
            }
            records.add(new RecordSpec(timestamp, key, value, headers));
        }
        return new BatchSpec(producerId, epoch, baseSequence, records);
    }

    private static byte[] value(Random random, int maxValue) {
        final int kind = random.nextInt(20);
        if (kind == 0) {
            return null;
        }
        if (kind == 1) {
            return new byte[0];
        }
        if (kind == 2 && maxValue == LARGE_VALUE) {
            return bytes(random, LARGE_VALUE);
        }
        return bytes(random, random.nextInt(maxValue + 1));
    }

    private static byte[] bytes(Random random, int length) {
        final byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String headerKey(Random random) {
        final int length = random.nextInt(13);
        final StringBuilder key = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            key.append(KEY_ALPHABET.charAt(random.nextInt(KEY_ALPHABET.length())));
        }
        return key.toString();
    }

    int upperBoundSize() {
        final RecordHeaders scratch = new RecordHeaders(64 * 1024);
        int size = RecordBatchLayout.RECORD_BATCH_OVERHEAD;
        for (RecordSpec record : records) {
            fill(scratch, record);
            size += RecordEncoder.upperBoundBatchSize(
                length(record.key()), length(record.value()), scratch) - RecordBatchLayout.RECORD_BATCH_OVERHEAD;
        }
        return size;
    }

    static void fill(RecordHeaders headers, RecordSpec record) {
        headers.clear();
        for (HeaderSpec header : record.headers()) {
            headers.add(header.key(), header.value());
        }
    }

    static int length(byte[] bytes) {
        return bytes == null ? RecordBatchLayout.NULL_LENGTH : bytes.length;
    }
}
