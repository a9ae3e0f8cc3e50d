package io.ackbench.transport;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * The first frame the opening side sends on a TCP connection, so the accepting side knows which node is at the
 * other end, where to send it replies, and what to call it in its log. Kafka's request header carries the client
 * id in every request; ackbench sends it once per connection, here, and keeps its per-request header fixed-size.
 * <pre>
 *   0  FrameHeader    type {@link FrameHeader#HANDSHAKE}, correlation id {@link #MAGIC}, source = the opening node
 *  12  int16          clientIdLength  bytes of the client id, 0 to {@link #MAX_CLIENT_ID_BYTES}
 *  14  byte[]         clientId        Kafka's client.id in UTF-8
 * </pre>
 */
public final class Handshake {
    public static final int CLIENT_ID_LENGTH_OFFSET = FrameHeader.LENGTH;
    public static final int CLIENT_ID_OFFSET = CLIENT_ID_LENGTH_OFFSET + Short.BYTES;
    /** A handshake with an empty client id. */
    public static final int MIN_LENGTH = CLIENT_ID_OFFSET;
    /** Enough for any sensible client.id; bounds what a stranger's first frame may make the endpoint wait for. */
    public static final int MAX_CLIENT_ID_BYTES = 255;
    public static final int MAX_LENGTH = CLIENT_ID_OFFSET + MAX_CLIENT_ID_BYTES;
    /** "ACKB" in ASCII: a stray client speaking another protocol will not match it by chance. */
    public static final int MAGIC = 0x41434B42;

    private Handshake() {
    }

    /** Throws if {@code clientId} cannot travel in a handshake. */
    public static void checkClientId(final String clientId) {
        if (clientId == null) {
            throw new IllegalArgumentException("Null client id: use \"\" for none");
        }
        final int bytes = clientId.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_CLIENT_ID_BYTES) {
            throw new IllegalArgumentException("Client id of " + bytes + " bytes in UTF-8 is longer than "
                + MAX_CLIENT_ID_BYTES + ": " + clientId);
        }
    }

    /** Writes the handshake and returns its length. */
    public static int encode(final MutableDirectBuffer buffer, final int offset, final int nodeId,
                             final String clientId) {
        checkClientId(clientId);
        FrameHeader.write(buffer, offset, FrameHeader.HANDSHAKE, MAGIC, nodeId);
        final byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        buffer.putShort(offset + CLIENT_ID_LENGTH_OFFSET, (short) id.length);
        buffer.putBytes(offset + CLIENT_ID_OFFSET, id);
        return CLIENT_ID_OFFSET + id.length;
    }

    /** Why a first frame of {@code length} bytes cannot be a handshake whatever it holds, or null if it can be one. */
    public static String lengthProblem(final int length) {
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            return "first frame of " + length + " bytes is not a handshake of " + MIN_LENGTH + " to " + MAX_LENGTH
                + " bytes";
        }
        return null;
    }

    /** Why the frame is not a valid handshake, or null if it is one. Builds a String only for a bad frame. */
    public static String problem(final DirectBuffer buffer, final int offset, final int length) {
        final String lengthProblem = lengthProblem(length);
        if (lengthProblem != null) {
            return lengthProblem;
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
        final int idLength = buffer.getShort(offset + CLIENT_ID_LENGTH_OFFSET);
        if (idLength != length - CLIENT_ID_OFFSET) {
            return "handshake client id length " + idLength + " does not match the " + (length - CLIENT_ID_OFFSET)
                + " bytes that follow it";
        }
        return null;
    }

    public static int nodeId(final DirectBuffer buffer, final int offset) {
        return FrameHeader.source(buffer, offset);
    }

    /** The client id of a handshake that {@link #problem} accepted; made once per connection. */
    public static String clientId(final DirectBuffer buffer, final int offset) {
        return buffer.getStringWithoutLengthUtf8(offset + CLIENT_ID_OFFSET,
            buffer.getShort(offset + CLIENT_ID_LENGTH_OFFSET));
    }
}
