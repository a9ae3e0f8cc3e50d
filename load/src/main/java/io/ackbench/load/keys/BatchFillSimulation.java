package io.ackbench.load.keys;

import io.ackbench.partition.Partitioner;

/**
 * A minimal stand-in for the record accumulator, enough to drive sticky partitioners: one open batch per partition,
 * filled with fixed-size records, never drained. It reports every append through
 * {@link Partitioner#onAppend(int, int, boolean)} the way Kafka's accumulator sizes batches.
 *
 * <p>A record fits the open batch when {@code fill + recordBytes <= batchSize} (Kafka's {@code hasRoomFor}); otherwise,
 * or when the partition has no batch yet, it opens a new one, whose first append also counts the
 * {@value #BATCH_HEADER_BYTES}-byte RecordBatch v2 header.
 */
public final class BatchFillSimulation {
    /** Size of a RecordBatch v2 header: a new batch grows by this plus its first record. */
    public static final int BATCH_HEADER_BYTES = 61;

    private final int batchSize;
    private final int recordBytes;
    /** Bytes in each partition's open batch, 0 while it has none. */
    private final int[] fill;

    /**
     * @param numPartitions partitions of the topic.
     * @param batchSize     Kafka's {@code batch.size}: the most bytes a batch holds unless one record is larger.
     * @param recordBytes   size of every record inside a batch.
     */
    public BatchFillSimulation(final int numPartitions, final int batchSize, final int recordBytes) {
        this.batchSize = batchSize;
        this.recordBytes = recordBytes;
        this.fill = new int[numPartitions];
    }

    /**
     * Appends one record to {@code partition} and tells {@code partitioner} about it.
     *
     * @param partitioner that chose the partition.
     * @param partition   the record goes to.
     */
    public void append(final Partitioner partitioner, final int partition) {
        final int current = fill[partition];
        final boolean opensNewBatch = current == 0 || current + recordBytes > batchSize;
        final int appendedBytes = opensNewBatch ? BATCH_HEADER_BYTES + recordBytes : recordBytes;
        fill[partition] = opensNewBatch ? appendedBytes : current + recordBytes;
        partitioner.onAppend(partition, appendedBytes, opensNewBatch);
    }
}
