package io.ackbench.log;

import java.nio.file.Path;

/**
 * What {@link PartitionLog#open} found after an unclean shutdown: how many segments it scanned from the recovery point
 * on, and in the segment where the valid data ended (the first one that lost bytes, else the last) where that was and
 * why, and how many later segments were deleted. When a clean-shutdown marker let it skip recovery, or the log was new,
 * {@link #recovered()} is false and the reason is {@link TruncationReason#NONE}. Immutable.
 */
public final class RecoveryReport {
    private static final RecoveryReport SKIPPED = new RecoveryReport(false, null, 0, 0, TruncationReason.NONE, "");
    /** Set on a report not yet placed in a log's recovery by {@link #inLog}. */
    private static final long NO_RECOVERY_POINT = -1;

    private final boolean recovered;
    private final Path segment;
    private final long position;
    private final long bytesTruncated;
    private final TruncationReason reason;
    private final String detail;
    private final long recoveryPoint;
    private final int segmentsRecovered;
    private final int segmentsDeleted;

    RecoveryReport(final boolean recovered, final Path segment, final long position, final long bytesTruncated,
        final TruncationReason reason, final String detail) {
        this(recovered, segment, position, bytesTruncated, reason, detail, NO_RECOVERY_POINT, recovered ? 1 : 0, 0);
    }

    private RecoveryReport(final boolean recovered, final Path segment, final long position,
        final long bytesTruncated, final TruncationReason reason, final String detail, final long recoveryPoint,
        final int segmentsRecovered, final int segmentsDeleted) {
        this.recovered = recovered;
        this.segment = segment;
        this.position = position;
        this.bytesTruncated = bytesTruncated;
        this.reason = reason;
        this.detail = detail;
        this.recoveryPoint = recoveryPoint;
        this.segmentsRecovered = segmentsRecovered;
        this.segmentsDeleted = segmentsDeleted;
    }

    /** @return this segment's report as the whole log's: recovered from {@code recoveryPoint}, with those counts */
    RecoveryReport inLog(final long recoveryPoint, final int segmentsRecovered, final int segmentsDeleted) {
        return new RecoveryReport(recovered, segment, position, bytesTruncated, reason, detail, recoveryPoint,
            segmentsRecovered, segmentsDeleted);
    }

    /** The report of an open that did not scan: a clean shutdown, or a new log. */
    static RecoveryReport skipped() {
        return SKIPPED;
    }

    /** @return whether open() scanned segments (the previous run did not close the log cleanly) */
    public boolean recovered() {
        return recovered;
    }

    /** @return the {@code .log} file where the valid data ends (the last scanned), or null if none was scanned */
    public Path segment() {
        return segment;
    }

    /** @return the valid size of {@link #segment()}: the byte position just past its last valid batch */
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

    /**
     * @return the recovery point open() was given (0 when none was known); segments whose offsets all lie below it
     *         were trusted, not scanned. -1 when nothing was scanned.
     */
    public long recoveryPoint() {
        return recoveryPoint;
    }

    /** @return how many segments were scanned, from the one holding the recovery point to {@link #segment()} */
    public int segmentsRecovered() {
        return segmentsRecovered;
    }

    /** @return how many segments after {@link #segment()} were deleted because it lost bytes (Kafka's rule) */
    public int segmentsDeleted() {
        return segmentsDeleted;
    }

    @Override
    public String toString() {
        if (!recovered) {
            return "RecoveryReport{skipped}";
        }
        return "RecoveryReport{segment=" + segment + ", position=" + position + ", bytesTruncated=" + bytesTruncated
            + ", reason=" + reason + (detail.isEmpty() ? "" : ", detail=" + detail) + ", recoveryPoint="
            + recoveryPoint + ", segmentsRecovered=" + segmentsRecovered + ", segmentsDeleted=" + segmentsDeleted + '}';
    }
}
