package io.ackbench.broker;

/**
 * What one rebuild of a partition's producer state from its log's tail read and cost ({@link ProducerStateLoader}).
 * Immutable.
 *
 * @param fromOffset     the first offset scanned: where the bounded tail starts
 * @param toOffset       the log end offset, where the scan stopped
 * @param batchesScanned every batch read, with or without a producer id
 * @param bytesScanned   the bytes of those batches
 * @param producers      how many producer ids the table knows afterwards
 * @param nanos          how long the rebuild took
 */
public record ProducerStateLoad(long fromOffset, long toOffset, long batchesScanned, long bytesScanned,
                                int producers, long nanos) {
    @Override
    public String toString() {
        return "offsets [" + fromOffset + ", " + toOffset + "): " + batchesScanned + " batches, " + bytesScanned
            + " bytes, " + producers + " producers in " + (nanos / 1_000) + " µs";
    }
}
