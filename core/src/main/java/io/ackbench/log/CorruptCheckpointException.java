package io.ackbench.log;

import java.nio.file.Path;

/**
 * A checkpoint file exists but does not hold what {@link CheckpointFile} wrote (kafka-semantics.md §6.7). Thrown
 * rather than reading the file as empty: an empty leader-epoch cache or high-watermark map would be believed, and a
 * replica that forgets its epochs truncates wrongly.
 */
public final class CorruptCheckpointException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** {@link #lineNumber()} when the fault is not on one line, such as bytes that are not UTF-8. */
    public static final int WHOLE_FILE = 0;

    private final transient Path file;
    private final int lineNumber;

    public CorruptCheckpointException(final Path file, final int lineNumber, final String problem) {
        super("Corrupt checkpoint file " + file + (lineNumber == WHOLE_FILE ? "" : ", line " + lineNumber) + ": "
            + problem);
        this.file = file;
        this.lineNumber = lineNumber;
    }

    public Path file() {
        return file;
    }

    /** @return the 1-based number of the offending line, or {@link #WHOLE_FILE} */
    public int lineNumber() {
        return lineNumber;
    }
}
