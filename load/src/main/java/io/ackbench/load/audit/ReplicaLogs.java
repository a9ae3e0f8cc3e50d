package io.ackbench.load.audit;

import io.ackbench.broker.BrokerConfig;
import io.ackbench.log.LogConfig;
import io.ackbench.log.PartitionLog;
import io.ackbench.load.RecordId;
import io.ackbench.record.RecordBatchReader;
import io.ackbench.record.RecordCursor;
import io.ackbench.transport.TopicLayout;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * ackbench's replicas compared record by record after a cell: once its brokers are stopped, every replica's log is
 * opened from the cell's data directory (recovered as a broker would on restart) and, below the high watermark the
 * consumer read up to, must hold at each offset the record the leader served there. A replica that holds another
 * record, or none, at such an offset is divergent: committed records differ between replicas, which Kafka's
 * replication rules forbid. Cold path: it allocates freely.
 */
final class ReplicaLogs {
    /** Where a broker keeps its logs under the cluster's data directory, as {@code Broker} lays them out. */
    private static final String BROKER_DIR_PREFIX = "broker-";
    private static final int READ_BYTES = 4 << 20;

    private ReplicaLogs() {
    }

    /**
     * How many (replica, offset) pairs below the high watermark hold another record than the one read back there.
     *
     * @param readBack each partition's record ids in offset order as the consumer read them, from offset 0
     * @return the count, or -1 if the data directory holds no broker logs to compare (not an ackbench cluster)
     */
    static long divergent(final Path dataDir, final BrokerConfig brokers, final Map<Integer, List<Long>> readBack) {
        if (!Files.isDirectory(dataDir.resolve(BROKER_DIR_PREFIX + 0))) {
            return -1;
        }
        final TopicLayout layout = brokers.layout();
        final LogConfig config = brokers.log();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[READ_BYTES]);
        final RecordBatchReader batch = new RecordBatchReader();
        long divergent = 0;
        for (int p = 0; p < layout.partitionCount(); p++) {
            final List<Long> committed = readBack.getOrDefault(p, List.of());
            for (final int broker : layout.replicas(p)) {
                final Path dir = dataDir.resolve(BROKER_DIR_PREFIX + broker).resolve(layout.topic() + "-" + p);
                divergent += Files.isDirectory(dir) ? compare(dir, config, committed, buffer, batch)
                    : committed.size();
            }
        }
        return divergent;
    }

    /** The offsets below {@code committed.size()} where the log at {@code dir} differs from {@code committed}. */
    private static long compare(final Path dir, final LogConfig config, final List<Long> committed,
                                final UnsafeBuffer buffer, final RecordBatchReader batch) {
        long matching = 0;
        try (PartitionLog log = PartitionLog.open(dir, config)) {
            long offset = log.logStartOffset();
            final long end = Math.min(log.logEndOffset(), committed.size());
            while (offset < end) {
                final int read = log.read(offset, READ_BYTES, buffer, 0);
                if (read == 0) {
                    break;
                }
                for (int at = 0; at < read; at = batch.nextBatchOffset()) {
                    batch.wrap(buffer, at, read - at);
                    final RecordCursor records = batch.records();
                    while (records.next()) {
                        final long recordOffset = records.offset();
                        if (recordOffset >= offset && recordOffset < end && RecordId.fits(records.valueLength())
                            && RecordId.read(buffer, records.valueOffset()) == committed.get((int) recordOffset)) {
                            matching++;
                        }
                    }
                    offset = Math.max(offset, batch.lastOffset() + 1);
                }
            }
        }
        return committed.size() - matching;
    }
}
