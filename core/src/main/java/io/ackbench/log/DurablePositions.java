package io.ackbench.log;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot of how much of each of a log's files a force has made durable, taken by
 * {@link PartitionLog#durablePositions()}: per {@code .log}, {@code .index} and {@code .timeindex} file, the length
 * from its start that a power loss at that moment would keep. Bytes past it may have reached the disk or not; a
 * power-loss simulation ({@link PowerLoss}) assumes the worst and cuts them. Also carries the log's recovery point at
 * the same moment, which a broker checkpoints and the reopen after the power loss is given.
 *
 * <p>Immutable, so any thread may read it once published; cold path, built by allocating.
 */
public final class DurablePositions {
    private final Path dir;
    private final long recoveryPoint;
    private final Map<Path, Long> lengths;

    DurablePositions(final Path dir, final long recoveryPoint, final Map<Path, Long> lengths) {
        this.dir = dir;
        this.recoveryPoint = recoveryPoint;
        this.lengths = Collections.unmodifiableMap(new LinkedHashMap<>(lengths));
    }

    /** @return the partition directory the files are in */
    public Path dir() {
        return dir;
    }

    /** @return the log's recovery point when the snapshot was taken: every offset below it is in durable bytes */
    public long recoveryPoint() {
        return recoveryPoint;
    }

    /**
     * @return per file, in segment order ({@code .log}, {@code .index}, then {@code .timeindex} when the log keeps
     *         one), its durable length in bytes
     */
    public Map<Path, Long> lengths() {
        return lengths;
    }

    /** @return the durable length of {@code file}, or -1 if it is not one of the log's files */
    public long lengthOf(final Path file) {
        final Long length = lengths.get(file);
        return length == null ? -1 : length;
    }

    @Override
    public String toString() {
        return "DurablePositions{dir=" + dir + ", recoveryPoint=" + recoveryPoint + ", lengths=" + lengths + '}';
    }
}
