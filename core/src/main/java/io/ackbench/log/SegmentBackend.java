package io.ackbench.log;

import io.ackbench.config.ConfigException;

import java.util.Locale;

/** How a segment's {@code .log} file is written and read; the index is memory-mapped whatever the backend. */
public enum SegmentBackend {
    /** Agrona {@code UnsafeBuffer} over a {@code MappedByteBuffer} of the whole preallocated segment. */
    MMAP("mmap"),
    /** Chronicle Bytes' {@code MappedBytes}, one chunk per segment; needs Chronicle's JVM flags. */
    CHRONICLE("chronicle"),
    /** {@code FileChannel} positional writes and reads through the page cache: Kafka's own way. */
    CHANNEL("channel");

    private final String configName;

    SegmentBackend(final String configName) {
        this.configName = configName;
    }

    /** @return the value of {@link LogConfig#BACKEND} that selects this backend */
    public String configName() {
        return configName;
    }

    static SegmentBackend parse(final String key, final String value) {
        final String name = value.toLowerCase(Locale.ROOT);
        for (final SegmentBackend backend : values()) {
            if (backend.configName.equals(name)) {
                return backend;
            }
        }
        throw new ConfigException(key, value, "expected one of mmap, chronicle, channel");
    }
}
