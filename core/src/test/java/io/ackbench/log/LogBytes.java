package io.ackbench.log;

import io.ackbench.record.RecordBatchReader;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** What the log tests compare a log by: its bytes, read through the log from its start. */
final class LogBytes {
    private LogBytes() {
    }

    /** Every byte of the log from its start, read segment by segment, each batch walked to find the next offset. */
    static byte[] contents(final PartitionLog log) {
        final UnsafeBuffer dst = new UnsafeBuffer(ByteBuffer.allocateDirect(1 << 16));
        final ByteArrayOutputStream all = new ByteArrayOutputStream();
        final RecordBatchReader reader = new RecordBatchReader();
        long offset = log.logStartOffset();
        while (offset < log.logEndOffset()) {
            final int read = log.read(offset, Integer.MAX_VALUE, dst, 0);
            final byte[] bytes = new byte[read];
            dst.getBytes(0, bytes);
            all.writeBytes(bytes);
            int position = 0;
            while (position < read) {
                reader.wrap(dst, position, read - position);
                offset = reader.lastOffset() + 1;
                position += reader.sizeInBytes();
            }
        }
        return all.toByteArray();
    }

    /** The first {@code batches} batches of {@code bytes}, each {@code batchBytes} long. */
    static byte[] prefix(final byte[] bytes, final int batches, final int batchBytes) {
        return Arrays.copyOf(bytes, batches * batchBytes);
    }
}
