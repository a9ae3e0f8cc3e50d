package io.ackbench.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TimeIndex} alone: Kafka's {@code .timeindex} entries, when they are written, and the file's life. */
class TimeIndexTest {
    private static final long T = 1_700_000_000_000L;

    @TempDir
    Path tmp;

    private Path file() {
        return tmp.resolve("00000000000000000000.timeindex");
    }

    @Test
    void anEntryIsWrittenOnlyWhenTheTimestampRises() {
        final TimeIndex index = TimeIndex.openActive(file(), 10);
        assertThat(index.lastTimestamp()).isEqualTo(-1);
        assertThat(index.lastRelativeOffset()).isZero();

        index.maybeAppend(T + 300, 5);
        index.maybeAppend(T + 300, 8);
        index.maybeAppend(T + 400, 11);
        index.maybeAppend(T + 400, 14);
        index.maybeAppend(T + 500, 14);

        assertThat(index.entries()).isEqualTo(3);
        assertThat(index.timestamp(0)).isEqualTo(T + 300);
        assertThat(index.relativeOffset(0)).isEqualTo(5);
        assertThat(index.timestamp(1)).isEqualTo(T + 400);
        assertThat(index.relativeOffset(1)).isEqualTo(11);
        assertThat(index.timestamp(2)).isEqualTo(T + 500);
        assertThat(index.relativeOffset(2)).isEqualTo(14);
        assertThat(index.lastTimestamp()).isEqualTo(T + 500);
        assertThat(index.lastRelativeOffset()).isEqualTo(14);
        index.release();
    }

    @Test
    void timestampsAtOrBelowNoTimestampAreNeverIndexed() {
        final TimeIndex index = TimeIndex.openActive(file(), 10);
        index.maybeAppend(-1, 2);
        index.maybeAppend(-5, 3);
        assertThat(index.entries()).isZero();
        index.maybeAppend(0, 4);
        assertThat(index.entries()).isEqualTo(1);
        index.release();
    }

    @Test
    void aTimestampOrAnOffsetBelowTheLastEntryIsRefused() {
        final TimeIndex index = TimeIndex.openActive(file(), 10);
        index.maybeAppend(T + 400, 11);
        assertThatThrownBy(() -> index.maybeAppend(T + 300, 14))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("after its last entry (" + (T + 400) + ", 11)");
        assertThatThrownBy(() -> index.maybeAppend(T + 500, 10)).isInstanceOf(IllegalStateException.class);
        assertThat(index.entries()).isEqualTo(1);
        index.release();
    }

    @Test
    void anEntryIsTwelveBigEndianBytesTimestampThenRelativeOffset() throws IOException {
        assertThat(TimeIndex.ENTRY_SIZE).isEqualTo(12);
        assertThat(TimeIndex.TIMESTAMP_OFFSET).isZero();
        assertThat(TimeIndex.RELATIVE_OFFSET_OFFSET).isEqualTo(8);
        final TimeIndex index = TimeIndex.openActive(file(), 10);
        assertThat(Files.size(file())).isEqualTo(10L * TimeIndex.ENTRY_SIZE);
        index.maybeAppend(0x0102030405060708L, 0x0A0B0C0D);
        index.maybeAppend(0x1112131415161718L, 0x1A1B1C1D);
        index.close();

        assertThat(Files.readAllBytes(file())).containsExactly(
            0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0A, 0x0B, 0x0C, 0x0D,
            0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x1A, 0x1B, 0x1C, 0x1D);
    }

    @Test
    void theLastSlotIsKeptForTheEntryOfASegmentThatStopsBeingActive() {
        final TimeIndex index = TimeIndex.openActive(file(), 3);
        index.maybeAppend(T + 10, 2);
        assertThat(index.isFull()).isFalse();
        index.maybeAppend(T + 20, 5);
        assertThat(index.isFull()).isTrue();
        assertThatThrownBy(() -> index.maybeAppend(T + 30, 8))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("full time index");

        index.maybeAppendLast(T + 30, 8);
        assertThat(index.entries()).isEqualTo(3);
        assertThat(index.timestamp(2)).isEqualTo(T + 30);
        // No slot left: nothing more is written, and nothing is thrown.
        index.maybeAppendLast(T + 40, 11);
        assertThat(index.entries()).isEqualTo(3);
        index.release();
    }

    @Test
    void anIndexWithNoSlotIsAlwaysFullAndTakesNothing() {
        final TimeIndex index = TimeIndex.openActive(file(), 0);
        assertThat(index.isFull()).isTrue();
        index.maybeAppendLast(T, 0);
        assertThat(index.entries()).isZero();
        index.release();
    }

    @Test
    void cutAtAnOffsetKeepsTheEntriesBelowItAndReopensWithThem() throws IOException {
        final TimeIndex index = TimeIndex.openActive(file(), 10);
        index.maybeAppend(T + 300, 5);
        index.maybeAppend(T + 400, 11);
        index.maybeAppend(T + 500, 20);
        assertThat(index.entriesBelow(0)).isZero();
        assertThat(index.entriesBelow(11)).isEqualTo(1);
        assertThat(index.entriesBelow(12)).isEqualTo(2);
        assertThat(index.entriesBelow(21)).isEqualTo(3);
        final int kept = index.entriesBelow(20);
        index.release();

        TimeIndex.cut(file(), kept);
        assertThat(Files.size(file())).isEqualTo(24);
        final TimeIndex reopened = TimeIndex.openActive(file(), 10);
        assertThat(reopened.entries()).isEqualTo(2);
        assertThat(reopened.lastTimestamp()).isEqualTo(T + 400);
        assertThat(reopened.lastRelativeOffset()).isEqualTo(11);
        // Preallocated again with zeros past the kept entries.
        assertThat(Files.size(file())).isEqualTo(10L * TimeIndex.ENTRY_SIZE);
        reopened.maybeAppend(T + 450, 14);
        assertThat(reopened.entries()).isEqualTo(3);
        reopened.release();
    }

    @Test
    void sealTrimsToTheEntriesAndASealedFileOpensWithThem() throws IOException {
        final TimeIndex index = TimeIndex.openActive(file(), 10);
        index.maybeAppend(T + 300, 5);
        index.maybeAppend(T + 400, 11);
        index.seal();
        assertThat(Files.size(file())).isEqualTo(24);
        assertThat(index.entries()).isEqualTo(2);
        assertThat(index.timestamp(1)).isEqualTo(T + 400);
        // A sealed index takes no last entry.
        index.maybeAppendLast(T + 500, 20);
        assertThat(index.entries()).isEqualTo(2);
        index.release();

        final TimeIndex sealed = TimeIndex.openSealed(file());
        assertThat(sealed.entries()).isEqualTo(2);
        assertThat(sealed.timestamp(0)).isEqualTo(T + 300);
        assertThat(sealed.relativeOffset(0)).isEqualTo(5);
        assertThat(sealed.lastTimestamp()).isEqualTo(T + 400);
        assertThat(sealed.lastRelativeOffset()).isEqualTo(11);
        sealed.release();
    }

    @Test
    void anAllZeroEntryIsAnEntryWhereTheFileHoldsIt() throws IOException {
        // Timestamp 0 at the base offset is a valid first entry, so a file's size, not a zero entry, ends them.
        Files.write(file(), new byte[TimeIndex.ENTRY_SIZE]);
        final TimeIndex sealed = TimeIndex.openSealed(file());
        assertThat(sealed.entries()).isEqualTo(1);
        assertThat(sealed.lastTimestamp()).isZero();
        sealed.release();
    }

    @Test
    void entriesAreCountedUpToTheFirstThatDoesNotRise() throws IOException {
        final TimeIndex index = TimeIndex.openActive(file(), 4);
        index.maybeAppend(T + 300, 5);
        index.maybeAppend(T + 400, 11);
        index.maybeAppend(T + 500, 20);
        index.close();
        final byte[] bytes = Files.readAllBytes(file());
        // The third entry's timestamp falls below the second's, as damage might leave it.
        Arrays.fill(bytes, 2 * TimeIndex.ENTRY_SIZE, 2 * TimeIndex.ENTRY_SIZE + 8, (byte) 0);
        Files.write(file(), bytes);

        final TimeIndex damaged = TimeIndex.openSealed(file());
        assertThat(damaged.entries()).isEqualTo(2);
        assertThat(damaged.lastTimestamp()).isEqualTo(T + 400);
        damaged.release();
    }

    @Test
    void aMissingSealedFileOpensEmpty() throws IOException {
        final TimeIndex sealed = TimeIndex.openSealed(file());
        assertThat(sealed.entries()).isZero();
        assertThat(sealed.lastTimestamp()).isEqualTo(-1);
        assertThat(Files.size(file())).isZero();
        sealed.release();
    }

    @Test
    void forceMakesTheNewEntriesDurable() {
        final TimeIndex index = TimeIndex.openActive(file(), 10);
        index.maybeAppend(T + 300, 5);
        assertThat(index.durableBytes()).isZero();
        index.force();
        assertThat(index.durableBytes()).isEqualTo(12);
        index.maybeAppend(T + 400, 11);
        assertThat(index.durableBytes()).isEqualTo(12);
        index.release();
    }
}
