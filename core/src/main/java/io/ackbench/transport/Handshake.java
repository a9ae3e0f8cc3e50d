package io.ackbench.transport;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The first frame the opening side sends on a TCP connection, so the accepting side knows which node is at the
 * other end and can send it replies there. It is a bare {@link FrameHeader}: type {@link FrameHeader#HANDSHAKE},
 * the correlation id field holding {@link #MAGIC}, the source field holding the opening node's id.
 */
public final class Handshake {
    public static final int LENGTH = FrameHeader.LENGTH;
    /** "ACKB" in ASCII: a stray client speaking another protocol will not match it by chance. */
    public static final int MAGIC = 0x41434B42;

    private Handshake() {
    }

    public static int encode(final MutableDirectBuffer buffer, final int offset, final int nodeId) {
        FrameHeader.write(buffer, offset, FrameHeader.HANDSHAKE, MAGIC, nodeId);
        return LENGTH;
    }

    /** Why the frame is not a valid handshake, or null if it is one. Builds a String only for a bad frame. */
    public static String problem(final DirectBuffer buffer, final int offset, final int length) {
        if (length != LENGTH) {
            return "first frame of " + length + " bytes is not a " + LENGTH + "-byte handshake";
        }
        final short type = FrameHeader.type(buffer, offset);
        if (type != FrameHeader.HANDSHAKE) {
            return "first frame has type " + type + ", not the handshake type " + FrameHeader.HANDSHAKE;
        }
        final short version = FrameHeader.version(buffer, offset);
        if (version != FrameHeader.CURRENT_VERSION) {
            return "handshake version " + version + " is not the supported version " + FrameHeader.CURRENT_VERSION;
        }
        final int magic = FrameHeader.correlationId(buffer, offset);
        if (magic != MAGIC) {
            return "handshake magic 0x" + Integer.toHexString(magic) + " is not 0x" + Integer.toHexString(MAGIC);
        }
        final int nodeId = FrameHeader.source(buffer, offset);
        if (nodeId < 0 || nodeId >= FrameHeader.MAX_NODES) {
            return "handshake node id " + nodeId + " is outside [0, " + FrameHeader.MAX_NODES + ")";
        }
        return null;
    }

    public static int nodeId(final DirectBuffer buffer, final int offset) {
        return FrameHeader.source(buffer, offset);
    }
}
