package io.ackbench.log;

import static io.ackbench.log.TestBatches.batch;
import static io.ackbench.log.TestBatches.sizeOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Faulting in the active segment's pages ahead of its end: how far, how many per call, and that no byte changes. */
class PartitionLogPretouchTest {
    private static final int PAGE = MappedSegmentFile.PAGE_BYTES;
    private static final int RECORDS = 3;
    private static final int EPOCH = 3;

    @TempDir
    Path tmp;

    private PartitionLog log;

    @AfterEach
    void close() {
        if (log != null) {
            log.closeUnclean();
        }
    }

    private PartitionLog open(final SegmentBackend backend) {
        return open(backend, 1 << 20);
    }

    private PartitionLog open(final SegmentBackend backend, final int segmentBytes) {
        log = PartitionLog.open(tmp.resolve("topic-0"), LogConfig.of(Map.of(LogConfig.BACKEND, backend.configName(),
            LogConfig.SEGMENT_BYTES, Integer.toString(segmentBytes))));
        return log;
    }

    private Path segment() {
        return LogFiles.logFile(tmp.resolve("topic-0"), 0);
    }

    /** Whether every page of {@code [from, from + length)} of the segment is in the page cache (mincore(2)). */
    private boolean resident(final long from, final long length) throws IOException {
        try (FileChannel file = FileChannel.open(segment(), StandardOpenOption.READ)) {
            return file.map(FileChannel.MapMode.READ_ONLY, from, length).isLoaded();
        }
    }

    private static void append(final PartitionLog log, final int batches) {
        for (int i = 0; i < batches; i++) {
            final UnsafeBuffer batch = batch(RECORDS, i);
            log.appendAsLeader(batch, 0, batch.capacity(), EPOCH);
        }
    }

    @Test
    void touchesAtMostMaxPagesPerCallAndStopsAtTheWindowAhead() {
        final PartitionLog log = open(SegmentBackend.MMAP);
        assertThat(log.pretouch(4 * PAGE, 3)).isEqualTo(3);
        assertThat(log.pretouch(4 * PAGE, 3)).isEqualTo(1);
        assertThat(log.pretouch(4 * PAGE, 3)).isZero();
    }

    @Test
    void resumesFromTheEndOnceAppendsPassTheTouchedPages() {
        final PartitionLog log = open(SegmentBackend.MMAP);
        assertThat(log.pretouch(PAGE, 8)).isEqualTo(1); // page 0
        final int batches = 2 * PAGE / sizeOf(RECORDS) + 1; // the end is now on page 2
        append(log, batches);
        final int end = batches * sizeOf(RECORDS);
        assertThat(end / PAGE).isEqualTo(2);
        // The window [end, end + 2 pages) starts pages 3 and 4; page 2 holds the end and is mapped by the appends.
        assertThat(log.pretouch(2 * PAGE, 8)).isEqualTo(2);
        assertThat(log.pretouch(2 * PAGE, 8)).isZero();
    }

    @Test
    void leavesEveryByteAsItWasAndRecoveryFindsTheSameEnd() throws IOException {
        final PartitionLog log = open(SegmentBackend.MMAP);
        append(log, 5);
        assertThat(log.pretouch(64 * PAGE, 64)).isEqualTo(64);
        append(log, 5);
        final long end = log.logEndOffset();
        final int size = 10 * sizeOf(RECORDS);
        log.closeUnclean();
        this.log = null;
        try (FileChannel file = FileChannel.open(LogFiles.logFile(tmp.resolve("topic-0"), 0),
            StandardOpenOption.READ)) {
            final ByteBuffer past = ByteBuffer.allocate(64 * PAGE);
            file.read(past, size);
            past.flip();
            while (past.hasRemaining()) {
                assertThat(past.get()).isZero();
            }
        }
        final PartitionLog reopened = open(SegmentBackend.MMAP);
        assertThat(reopened.logEndOffset()).isEqualTo(end);
    }

    /**
     * The pages come into the page cache by write(2), not by a fault through the mapping: a fault would read the file
     * around the page (the device's read-ahead window, megabytes of holes to zero), and the pages past the touched
     * ones would be resident too.
     */
    @Test
    void bringsExactlyTheTouchedPagesIntoThePageCacheAndReadsNothingAround() throws IOException {
        final PartitionLog log = open(SegmentBackend.MMAP);
        assertThat(resident(0, 4 * PAGE)).isFalse();

        assertThat(log.pretouch(4 * PAGE, 4)).isEqualTo(4);

        assertThat(resident(0, 4 * PAGE)).isTrue();
        for (int page = 4; page < 64; page++) {
            assertThat(resident((long) page * PAGE, PAGE)).as("page %d", page).isFalse();
        }
    }

    @Test
    void stopsAtTheFilesEndSoTheFileNeverGrows() throws IOException {
        final int segmentBytes = PAGE + 904;
        final PartitionLog log = open(SegmentBackend.MMAP, segmentBytes);
        final long size = Files.size(segment());
        assertThat(size).isGreaterThanOrEqualTo(segmentBytes);

        final int expectedPages = (int) ((size + PAGE - 1) / PAGE);
        assertThat(log.pretouch(16 * PAGE, 16)).isEqualTo(expectedPages);
        assertThat(log.pretouch(16 * PAGE, 16)).isZero();

        assertThat(Files.size(segment())).isEqualTo(size);
    }

    @ParameterizedTest
    @EnumSource(value = SegmentBackend.class, names = {"CHANNEL", "CHRONICLE"})
    void backendsWithoutPageFaultsTouchNothing(final SegmentBackend backend) {
        assertThat(open(backend).pretouch(4 * PAGE, 4)).isZero();
    }
}
