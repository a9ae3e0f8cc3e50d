package io.ackbench.log;

import io.ackbench.config.ConfigReader;

import java.util.Map;
import java.util.Set;

/**
 * A partition log's settings by their Kafka topic-level names, with Kafka's defaults (kafka-semantics.md §6, §7.2),
 * plus ackbench's own ({@code ackbench.log.*}: segment backend, pretouch, time index). Immutable; every value is
 * checked when it is built.
 */
public final class LogConfig {
    /**
     * Largest size of a segment's {@code .log} file; a batch that would take it past this rolls a new segment.
     * Default 1073741824. The floor is 1024, ackbench's own so that tests roll every few batches: Kafka 4.x's topic
     * floor is much higher (1 MiB, to our reading; it was 14 bytes before 4.0).
     */
    public static final String SEGMENT_BYTES = "segment.bytes";
    /** Bytes appended between two offset-index entries (§6.2). Default 4096. */
    public static final String INDEX_INTERVAL_BYTES = "index.interval.bytes";
    /**
     * Size the {@code .index} and {@code .timeindex} files are preallocated to, rounded down to whole entries (8 and 12
     * bytes). Default 10485760.
     */
    public static final String SEGMENT_INDEX_BYTES = "segment.index.bytes";
    /** Force the log once this many records are not yet on disk; Long.MAX_VALUE (the default) never does. */
    public static final String FLUSH_MESSAGES = "flush.messages";
    /** Force the log once this many ms have passed since the last force; Long.MAX_VALUE (the default) never does. */
    public static final String FLUSH_MS = "flush.ms";
    /**
     * ackbench's own: how far ahead of the active segment's end an idle broker brings the mmap backend's pages into
     * memory, in bytes (see {@link PartitionLog#pretouch}); 0 turns it off. Default 1 MiB: on ext4 at 100,000
     * records/s it took the leader append's p99.9 from 1.5 ms to 0.26 ms and its maximum from 25 ms to 2 ms, and,
     * written with write(2), the whole run's p99 from 18-31 ms to 4-5 ms (docs/measuring.md section 13). At the
     * maximum rate it costs about a third of the rate: the appends outrun it and fault anyway (section 14).
     */
    public static final String PRETOUCH_BYTES = "ackbench.log.pretouch.bytes";
    /** ackbench's own: the segment backend, {@code mmap} (default), {@code chronicle} or {@code channel}. */
    public static final String BACKEND = "ackbench.log.backend";
    /**
     * ackbench: whether segments keep Kafka's time index, {@code .timeindex} (kafka-semantics.md §6.2), beside the
     * offset index. Default true, as Kafka always does; false writes no {@code .timeindex} file (removing any left by
     * an earlier run when the log opens) and reads no timestamp on append, so a benchmark can measure what the index
     * costs.
     */
    public static final String TIME_INDEX = "ackbench.log.time.index";

    /** Every key this config reads. */
    public static final Set<String> KEYS =
        Set.of(SEGMENT_BYTES, INDEX_INTERVAL_BYTES, SEGMENT_INDEX_BYTES, FLUSH_MESSAGES, FLUSH_MS, BACKEND,
            PRETOUCH_BYTES, TIME_INDEX);

    /** ackbench's smallest segment; see {@link #SEGMENT_BYTES}. */
    public static final int MIN_SEGMENT_BYTES = 1024;
    /** One offset-index entry: int32 relative offset, int32 file position. */
    public static final int MIN_SEGMENT_INDEX_BYTES = OffsetIndex.ENTRY_SIZE;

    private static final int DEFAULT_SEGMENT_BYTES = 1 << 30;
    private static final int DEFAULT_INDEX_INTERVAL_BYTES = 4096;
    private static final int DEFAULT_SEGMENT_INDEX_BYTES = 10 * 1024 * 1024;
    private static final int DEFAULT_PRETOUCH_BYTES = 1 << 20;

    private final int segmentBytes;
    private final int indexIntervalBytes;
    private final int segmentIndexBytes;
    private final long flushMessages;
    private final long flushMs;
    private final SegmentBackend backend;
    private final int pretouchBytes;
    private final boolean timeIndex;

    private LogConfig(final ConfigReader in) {
        segmentBytes = in.intValue(SEGMENT_BYTES, DEFAULT_SEGMENT_BYTES, MIN_SEGMENT_BYTES, Integer.MAX_VALUE);
        indexIntervalBytes = in.intValue(INDEX_INTERVAL_BYTES, DEFAULT_INDEX_INTERVAL_BYTES, 0, Integer.MAX_VALUE);
        segmentIndexBytes = in.intValue(SEGMENT_INDEX_BYTES, DEFAULT_SEGMENT_INDEX_BYTES,
            MIN_SEGMENT_INDEX_BYTES, Integer.MAX_VALUE);
        flushMessages = in.longValue(FLUSH_MESSAGES, Long.MAX_VALUE, 1, Long.MAX_VALUE);
        flushMs = in.longValue(FLUSH_MS, Long.MAX_VALUE, 0, Long.MAX_VALUE);
        backend = SegmentBackend.parse(BACKEND, in.string(BACKEND, SegmentBackend.MMAP.configName()));
        pretouchBytes = in.intValue(PRETOUCH_BYTES, DEFAULT_PRETOUCH_BYTES, 0, Integer.MAX_VALUE);
        timeIndex = in.booleanValue(TIME_INDEX, true);
    }

    /** Builds a config from Kafka-named settings, rejecting keys it does not know; absent keys take the defaults. */
    public static LogConfig of(final Map<String, String> settings) {
        return new LogConfig(new ConfigReader("log", settings, KEYS));
    }

    /** Reads only this config's keys; the reader's owner (a broker config, say) validates the others. */
    public static LogConfig from(final ConfigReader reader) {
        return new LogConfig(reader);
    }

    /** Kafka's defaults and the mmap backend. */
    public static LogConfig defaults() {
        return of(Map.of());
    }

    public int segmentBytes() {
        return segmentBytes;
    }

    public int indexIntervalBytes() {
        return indexIntervalBytes;
    }

    public int segmentIndexBytes() {
        return segmentIndexBytes;
    }

    /** @return the entries an offset index holds: {@link #segmentIndexBytes()} rounded down to whole entries */
    public int maxIndexEntries() {
        return segmentIndexBytes / OffsetIndex.ENTRY_SIZE;
    }

    /** @return the entries a time index holds: {@link #segmentIndexBytes()} rounded down to whole entries */
    public int maxTimeIndexEntries() {
        return segmentIndexBytes / TimeIndex.ENTRY_SIZE;
    }

    /** @return whether segments keep a {@code .timeindex} ({@link #TIME_INDEX}) */
    public boolean timeIndex() {
        return timeIndex;
    }

    public long flushMessages() {
        return flushMessages;
    }

    public int pretouchBytes() {
        return pretouchBytes;
    }

    public long flushMs() {
        return flushMs;
    }

    public SegmentBackend backend() {
        return backend;
    }

    @Override
    public String toString() {
        return "LogConfig{" + SEGMENT_BYTES + '=' + segmentBytes + ", " + INDEX_INTERVAL_BYTES + '=' + indexIntervalBytes
            + ", " + SEGMENT_INDEX_BYTES + '=' + segmentIndexBytes + ", " + FLUSH_MESSAGES + '=' + flushMessages
            + ", " + FLUSH_MS + '=' + flushMs + ", " + BACKEND + '=' + backend.configName() + ", " + PRETOUCH_BYTES + '='
            + pretouchBytes + ", " + TIME_INDEX + '=' + timeIndex + '}';
    }
}
