package io.ackbench.broker;

import io.ackbench.log.LogConfig;
import io.ackbench.log.PartitionLog;
import io.ackbench.record.RecordBatchReader;
import io.ackbench.record.RecordCursor;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a partition's log back from disk after its cluster closed: each record's offset and the first 8 bytes of its value. */
public final class LogContents {
    public record Entry(long offset, long value) {
    }

    private LogContents() {
    }

    public static Path partitionDir(final Path dataDir, final int broker, final String topic, final int partition) {
        return dataDir.resolve("broker-" + broker).resolve(topic + "-" + partition);
    }

    public static List<Entry> read(final Path partitionDir) {
        final List<Entry> entries = new ArrayList<>();
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(4 * 1024 * 1024));
        final RecordBatchReader reader = new RecordBatchReader();
        try (PartitionLog log = PartitionLog.open(partitionDir, LogConfig.defaults())) {
            long offset = log.logStartOffset();
            while (offset < log.logEndOffset()) {
                final int length = log.read(offset, buffer.capacity(), buffer, 0);
                int at = 0;
                while (at < length) {
                    reader.wrap(buffer, at, length - at);
                    final RecordCursor records = reader.records();
                    while (records.next()) {
                        final long value = records.valueLength() >= Long.BYTES
                            ? records.buffer().getLong(records.valueOffset(), ByteOrder.BIG_ENDIAN) : -1;
                        entries.add(new Entry(records.offset(), value));
                    }
                    offset = reader.lastOffset() + 1;
                    at = reader.nextBatchOffset();
                }
            }
        }
        return entries;
    }
}
