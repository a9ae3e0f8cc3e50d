package io.ackbench.transport;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The header every frame starts with. ackbench's frames are its own compact encoding of Kafka's Produce, Fetch and
 * InitProducerId exchanges (the record batches inside are Kafka's bytes exactly). All integers are little-endian,
 * the native order, since both ends are ackbench.
 * <pre>
 *   0  int16  type           one of the TYPE_ constants
 *   2  int32  correlationId  echoed in the response
 *   6  int32  source         the sending node's id, where the response goes
 * </pre>
 */
public final class FrameHeader {
    public static final int TYPE_OFFSET = 0;
    public static final int CORRELATION_ID_OFFSET = 2;
    public static final int SOURCE_OFFSET = 6;
    public static final int LENGTH = 10;
    /** Node ids (the source field) are below this on any ackbench network. */
    public static final int MAX_NODES = 256;

    public static final short PRODUCE_REQUEST = 1;
    public static final short PRODUCE_RESPONSE = 2;
    public static final short FETCH_REQUEST = 3;
    public static final short FETCH_RESPONSE = 4;
    public static final short INIT_PRODUCER_ID_REQUEST = 5;
    public static final short INIT_PRODUCER_ID_RESPONSE = 6;

    private FrameHeader() {
    }

    public static void write(final MutableDirectBuffer buffer, final int offset, final short type,
                             final int correlationId, final int source) {
        buffer.putShort(offset + TYPE_OFFSET, type);
        buffer.putInt(offset + CORRELATION_ID_OFFSET, correlationId);
        buffer.putInt(offset + SOURCE_OFFSET, source);
    }

    public static short type(final DirectBuffer buffer, final int offset) {
        return buffer.getShort(offset + TYPE_OFFSET);
    }

    public static int correlationId(final DirectBuffer buffer, final int offset) {
        return buffer.getInt(offset + CORRELATION_ID_OFFSET);
    }

    public static int source(final DirectBuffer buffer, final int offset) {
        return buffer.getInt(offset + SOURCE_OFFSET);
    }
}
