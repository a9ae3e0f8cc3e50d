package io.ackbench.transport;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/** A list of broker ids in a frame: an int32 count, then the ids. The controller's frames carry ISRs this way. */
final class IsrList {
    private IsrList() {
    }

    /** Writes {@code ids} at {@code at}; returns the bytes written. */
    static int put(final MutableDirectBuffer buffer, final int at, final int[] ids) {
        buffer.putInt(at, ids.length);
        for (int i = 0; i < ids.length; i++) {
            buffer.putInt(at + 4 + 4 * i, ids[i]);
        }
        return 4 + 4 * ids.length;
    }

    /** The ids at {@code at}, whose count the caller has checked against the frame's length. */
    static int[] get(final DirectBuffer buffer, final int at) {
        final int[] ids = new int[buffer.getInt(at)];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = buffer.getInt(at + 4 + 4 * i);
        }
        return ids;
    }
}
