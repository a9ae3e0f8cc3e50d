package io.ackbench.log;

import java.nio.file.Path;

/**
 * What {@link PartitionLog#open} found in the log's last segment. When a clean-shutdown marker let it skip recovery, or
 * the log was new, {@link #recovered()} is false and the reason is {@link TruncationReason#NONE}.
 */
public final class RecoveryReport {
    private static final RecoveryReport SKIPPED = new RecoveryReport(false, null, 0, 0, TruncationReason.NONE, "");

    private final boolean recovered;
    private final Path segment;
    private final long position;
    private final long bytesTruncated;
    private final TruncationReason reason;
    private final String detail;

    RecoveryReport(final boolean recovered, final Path segment, final long position, final long bytesTruncated,
        final TruncationReason reason, final String detail) {
        this.recovered = recovered;
        this.segment = segment;
        this.position = position;
        this.bytesTruncated = bytesTruncated;
        this.reason = reason;
        this.detail = detail;
    }

    /** The report of an open that did not scan: a clean shutdown, or a new log. */
    static RecoveryReport skipped() {
        return SKIPPED;
    }

    /** @return whether open() scanned the last segment (the previous run did not close the log cleanly) */
    public boolean recovered() {
        return recovered;
    }

    /** @return the {@code .log} file scanned, or null if none was */
    public Path segment() {
        return segment;
    }

    /** @return the valid size of the scanned segment: the byte position just past its last valid batch */
    public long position() {
        return position;
    }

    /**
     * @return bytes of data cut from {@link #position()} on: the batches found there, each as far as the file holds
     *         it, up to the first header that is zero or not plausible; a zero-filled tail counts nothing
     */
    public long bytesTruncated() {
        return bytesTruncated;
    }

    /** @return why the tail was cut, {@link TruncationReason#NONE} if nothing was */
    public TruncationReason reason() {
        return reason;
    }

    /** @return the failed check in words (expected and found values, byte position), empty if none failed */
    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        if (!recovered) {
            return "RecoveryReport{skipped}";
        }
        return "RecoveryReport{segment=" + segment + ", position=" + position + ", bytesTruncated=" + bytesTruncated
            + ", reason=" + reason + (detail.isEmpty() ? "" : ", detail=" + detail) + '}';
    }
}
