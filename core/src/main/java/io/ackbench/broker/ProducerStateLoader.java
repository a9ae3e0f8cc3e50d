package io.ackbench.broker;

import static io.ackbench.record.RecordBatchLayout.BASE_OFFSET_OFFSET;
import static io.ackbench.record.RecordBatchLayout.BATCH_LENGTH_OFFSET;
import static io.ackbench.record.RecordBatchLayout.LAST_OFFSET_DELTA_OFFSET;
import static io.ackbench.record.RecordBatchLayout.LOG_OVERHEAD;
import static java.nio.ByteOrder.BIG_ENDIAN;

import io.ackbench.log.PartitionLog;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * Rebuilds a partition's {@link ProducerStateTable} from the tail of its log, as a replica must when it opens its log
 * and after a truncation: Kafka's {@code ProducerStateManager} reloads its latest {@code .snapshot} and replays the
 * log past it; ackbench keeps no snapshots (kafka-semantics.md §8.4) and replays a bounded tail instead, so a producer
 * whose last batches all lie further back is unknown afterwards and gets the KIP-360 treatment (any sequence passes).
 *
 * <p>Cold path: allocates its read buffer and the table's entries, and waits for the disk if the tail is not cached.
 * The broker's thread only, like the log and the table.
 */
final class ProducerStateLoader {
    /**
     * How far back from the log end a rebuild reads. A producer's retry can only be of one of its last
     * {@value ProducerStateTable#NUM_BATCHES_TO_RETAIN} batches (its in-flight limit, kafka-semantics.md §5.4), sent
     * within {@code delivery.timeout.ms} of the original, so what must be found is the newest five batches of each
     * producer still writing to the partition. With the default {@code batch.size} of 16 KiB, 64 MiB holds five full
     * batches each of about 800 producers interleaving on one partition, far more than a benchmark runs, and it is
     * independent of {@code segment.bytes}. Its cost on open is a sequential read of at most 64 MiB per partition
     * (tens of milliseconds from the page cache), which {@link ProducerStateLoad} reports.
     */
    static final long TAIL_SCAN_BYTES = 64L << 20;

    /** The read buffer's starting size: a fetch's worth; it doubles for a larger batch. */
    private static final int READ_CHUNK_BYTES = 1 << 20;

    private ProducerStateLoader() {
    }

    /** Empties {@code table} and replays the last {@link #TAIL_SCAN_BYTES} of {@code log} into it. */
    static ProducerStateLoad rebuild(final PartitionLog log, final ProducerStateTable table) {
        return rebuild(log, table, TAIL_SCAN_BYTES);
    }

    /** As {@link #rebuild(PartitionLog, ProducerStateTable)}, reading at most {@code maxBytes} from the log end. */
    static ProducerStateLoad rebuild(final PartitionLog log, final ProducerStateTable table, final long maxBytes) {
        final long startNanos = System.nanoTime();
        table.clear();
        final long from = log.tailStartOffset(maxBytes);
        final long to = log.logEndOffset();
        UnsafeBuffer buffer = null;
        long batches = 0;
        long bytes = 0;
        long offset = from;
        while (offset < to) {
            if (buffer == null) {
                buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(READ_CHUNK_BYTES));
            }
            final int read;
            try {
                read = log.read(offset, buffer.capacity(), buffer, 0);
            } catch (final IllegalArgumentException batchLargerThanBuffer) {
                // read() copies nothing then; a batch is never larger than a segment, so this ends.
                buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(Math.multiplyExact(buffer.capacity(), 2)));
                continue;
            }
            batches += table.onReplicated(buffer, 0, read);
            bytes += read;
            offset = nextOffsetAfter(buffer, read);
        }
        return new ProducerStateLoad(from, to, batches, bytes, table.producerCount(), System.nanoTime() - startNanos);
    }

    /** The offset after the last of the whole batches in {@code buffer[0, length)}. */
    private static long nextOffsetAfter(final UnsafeBuffer buffer, final int length) {
        long next = -1;
        for (int at = 0; at < length; at += LOG_OVERHEAD + buffer.getInt(at + BATCH_LENGTH_OFFSET, BIG_ENDIAN)) {
            next = buffer.getLong(at + BASE_OFFSET_OFFSET, BIG_ENDIAN)
                + buffer.getInt(at + LAST_OFFSET_DELTA_OFFSET, BIG_ENDIAN) + 1;
        }
        return next;
    }
}
