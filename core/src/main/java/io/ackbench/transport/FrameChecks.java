package io.ackbench.transport;

import org.agrona.DirectBuffer;

/**
 * The bounds checks a flyweight makes before it reads a received frame: that the fixed part is there, and that the
 * entry count and each entry header fit the bytes received. Each throws a {@link MalformedFrameException} naming the
 * frame (a constant such as "Produce request") and the numbers; a frame that passes costs no allocation.
 */
final class FrameChecks {
    private FrameChecks() {
    }

    /** @throws MalformedFrameException if a frame of {@code length} bytes cannot hold its fixed part */
    static void checkFixedPart(final String frame, final int length, final int fixedLength) {
        if (length < fixedLength) {
            throw new MalformedFrameException(frame + " of " + length + " bytes is shorter than its " + fixedLength
                + "-byte fixed part");
        }
    }

    /**
     * The count of entries of varying length at {@code countOffset}, whose bounds are checked entry by entry with
     * {@link #checkEntryHeader}.
     *
     * @throws MalformedFrameException if the count is negative
     */
    static int entryCount(final String frame, final DirectBuffer buffer, final int offset, final int countOffset) {
        final int count = buffer.getInt(offset + countOffset);
        if (count < 0) {
            throw new MalformedFrameException(frame + " entry count " + count + " is negative");
        }
        return count;
    }

    /**
     * The count at {@code countOffset} of {@code entryLength}-byte entries starting at {@code entriesOffset}.
     *
     * @throws MalformedFrameException if the count is negative or that many entries do not fit {@code length} bytes
     */
    static int fixedEntryCount(final String frame, final DirectBuffer buffer, final int offset, final int length,
                               final int countOffset, final int entriesOffset, final int entryLength) {
        final int count = buffer.getInt(offset + countOffset);
        if (count < 0 || (long) count * entryLength > length - entriesOffset) {
            throw new MalformedFrameException(frame + " declares " + count + " entries; " + length
                + " bytes hold at most " + (length - entriesOffset) / entryLength);
        }
        return count;
    }

    /**
     * @param offset the frame's first byte
     * @param limit  one past the frame's last byte
     * @param cursor the entry's first byte
     * @throws MalformedFrameException if an entry header of {@code headerLength} bytes at {@code cursor} runs past
     *                                 {@code limit}
     */
    static void checkEntryHeader(final String frame, final int offset, final int limit, final int cursor,
                                 final int headerLength) {
        if (cursor + headerLength > limit) {
            throw new MalformedFrameException(frame + " entry header at byte " + (cursor - offset)
                + " runs past the frame's " + (limit - offset) + " bytes");
        }
    }
}
