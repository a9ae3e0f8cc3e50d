package io.ackbench.transport;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The header every frame starts with. ackbench's frames are its own compact encoding of Kafka's Produce, Fetch,
 * Metadata and InitProducerId exchanges and of the controller's exchanges with brokers (the record batches inside are
 * Kafka's bytes exactly). The fields follow Kafka's request header (api key, api version, correlation id, client
 * id), with the sending node's id in place of the client id string, which a TCP connection's {@link Handshake}
 * carries once instead. All integers are little-endian, the native order, since both ends are ackbench.
 * <pre>
 *   0  int16  type           the api key: one of the frame type constants below
 *   2  int16  version        the api version the frame is encoded in; {@link #CURRENT_VERSION} for now
 *   4  int32  correlationId  echoed in the response
 *   8  int32  source         the sending node's id, where the response goes
 * </pre>
 */
public final class FrameHeader {
    public static final int TYPE_OFFSET = 0;
    public static final int VERSION_OFFSET = 2;
    public static final int CORRELATION_ID_OFFSET = 4;
    public static final int SOURCE_OFFSET = 8;
    public static final int LENGTH = 12;
    /** The only version of every frame type so far; {@link #write} puts it in each header. */
    public static final short CURRENT_VERSION = 0;
    /** Node ids (the source field) are below this on any ackbench network. */
    public static final int MAX_NODES = 256;

    public static final short PRODUCE_REQUEST = 1;
    public static final short PRODUCE_RESPONSE = 2;
    public static final short FETCH_REQUEST = 3;
    public static final short FETCH_RESPONSE = 4;
    public static final short INIT_PRODUCER_ID_REQUEST = 5;
    public static final short INIT_PRODUCER_ID_RESPONSE = 6;
    /** The first frame on a TCP connection, naming the node that opened it; the transport consumes it. */
    public static final short HANDSHAKE = 7;
    public static final short METADATA_REQUEST = 8;
    public static final short METADATA_RESPONSE = 9;
    /** A broker's answer to a request it refuses whole, before it closes the connection; see {@link ErrorResponse}. */
    public static final short ERROR_RESPONSE = 10;
    /** Broker to controller, every broker.heartbeat.interval.ms; see {@link BrokerHeartbeat}. */
    public static final short BROKER_HEARTBEAT = 11;
    /** Controller to broker: a partition's committed leader and ISR; see {@link LeaderAndIsr}. Never answered. */
    public static final short LEADER_AND_ISR = 12;
    public static final short ALTER_PARTITION_REQUEST = 13;
    public static final short ALTER_PARTITION_RESPONSE = 14;
    public static final short ALLOCATE_PRODUCER_IDS_REQUEST = 15;
    public static final short ALLOCATE_PRODUCER_IDS_RESPONSE = 16;

    private FrameHeader() {
    }

    public static void write(final MutableDirectBuffer buffer, final int offset, final short type,
                             final int correlationId, final int source) {
        buffer.putShort(offset + TYPE_OFFSET, type);
        buffer.putShort(offset + VERSION_OFFSET, CURRENT_VERSION);
        buffer.putInt(offset + CORRELATION_ID_OFFSET, correlationId);
        buffer.putInt(offset + SOURCE_OFFSET, source);
    }

    public static short type(final DirectBuffer buffer, final int offset) {
        return buffer.getShort(offset + TYPE_OFFSET);
    }

    public static short version(final DirectBuffer buffer, final int offset) {
        return buffer.getShort(offset + VERSION_OFFSET);
    }

    public static int correlationId(final DirectBuffer buffer, final int offset) {
        return buffer.getInt(offset + CORRELATION_ID_OFFSET);
    }

    public static int source(final DirectBuffer buffer, final int offset) {
        return buffer.getInt(offset + SOURCE_OFFSET);
    }
}
