package io.ackbench.log;

/**
 * The durable steps of {@link PartitionLog#truncateTo}, in the order it takes them. A test stops a truncation after
 * any of them, as a crash there would, and checks that the next open finds a prefix of the log.
 */
enum TruncationStep {
    /** One later segment's {@code .index} was renamed to {@code .index.deleted}. */
    LATER_INDEX_RENAMED,
    /** One later segment's {@code .timeindex} was renamed to {@code .timeindex.deleted} (when the log keeps one). */
    LATER_TIME_INDEX_RENAMED,
    /** One later segment's {@code .log} was renamed to {@code .log.deleted}. */
    LATER_LOG_RENAMED,
    /** The directory was fsynced, so the renames are durable. */
    RENAMES_SYNCED,
    /** The kept segment's {@code .index} was cut to its entries below the new end and fsynced. */
    INDEX_CUT,
    /**
     * The kept segment's {@code .timeindex} was cut to its entries below the new end and fsynced (when the log keeps
     * one).
     */
    TIME_INDEX_CUT,
    /** The kept segment's {@code .log} was cut to its new size and fsynced. */
    LOG_CUT,
    /** The kept segment was opened again as the active one; the {@code .deleted} files are still there. */
    SEGMENT_REOPENED
}
