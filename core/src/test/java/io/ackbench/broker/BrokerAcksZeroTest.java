package io.ackbench.broker;

import io.ackbench.record.RecordBatchWriter;
import io.ackbench.transport.FrameHeader;
import io.ackbench.transport.Handshake;
import io.ackbench.transport.InitProducerId;
import io.ackbench.transport.ProduceRequest;
import io.ackbench.transport.TcpEndpoint;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * acks=0 over TCP, where a connection can be closed: a failed batch costs the producer its connection, as in Kafka,
 * since no response will tell it; a batch that is appended does not. A raw socket plays the producer and follows
 * each Produce request with an InitProducerId request, whose answer shows the connection survived.
 */
class BrokerAcksZeroTest {
    private static final int LEADER = 0;
    private static final int CLIENT_NODE = 100;
    private static final short ACKS_NONE = 0;
    private static final int READ_TIMEOUT_MS = 10_000;

    @TempDir
    Path dataDir;

    private final UnsafeBuffer frame = new UnsafeBuffer(ByteBuffer.allocate(64 * 1024));
    private int nextCorrelationId = 1;

    @Test
    void failedAcksZeroBatchClosesTheConnectionAndAnAppendedOneDoesNot() throws IOException {
        final Broker leader;
        try (TcpCluster cluster = TcpCluster.start(Map.of(BrokerConfig.NUM_PARTITIONS, "1"), dataDir);
             Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(READ_TIMEOUT_MS);
            socket.connect(cluster.endpoint(LEADER).localAddress());
            final DataInputStream in = new DataInputStream(socket.getInputStream());
            final OutputStream out = socket.getOutputStream();
            handshake(out);
            leader = cluster.broker(LEADER);

            send(out, produce(0, batch()));
            assertThat(survives(in, out)).as("connection after an appended acks=0 batch").isTrue();

            // Partition 7 does not exist: UNKNOWN_TOPIC_OR_PARTITION, which only a closed connection can report.
            send(out, produce(7, batch()));
            assertThat(survives(in, out)).as("connection after a failed acks=0 batch").isFalse();
        }
        // Read once the cluster closed, which waited for the broker's thread.
        assertThat(leader.appendedBatches()).isEqualTo(1);
        assertThat(leader.acksZeroFailures()).isEqualTo(1);
    }

    private static void handshake(final OutputStream out) throws IOException {
        final UnsafeBuffer handshake = new UnsafeBuffer(new byte[TcpEndpoint.LENGTH_PREFIX + Handshake.MAX_LENGTH]);
        final int length = Handshake.encode(handshake, TcpEndpoint.LENGTH_PREFIX, CLIENT_NODE, "acks-zero");
        handshake.putInt(0, length, ByteOrder.BIG_ENDIAN);
        out.write(handshake.byteArray(), 0, TcpEndpoint.LENGTH_PREFIX + length);
    }

    /** A one-record batch without a producer id. */
    private static UnsafeBuffer batch() {
        final UnsafeBuffer batch = new UnsafeBuffer(ByteBuffer.allocateDirect(1024));
        final UnsafeBuffer value = new UnsafeBuffer(ByteBuffer.allocateDirect(Long.BYTES));
        final RecordBatchWriter writer = new RecordBatchWriter().wrap(batch, 0, batch.capacity());
        assertThat(writer.append(System.currentTimeMillis(), null, 0, -1, value, 0, Long.BYTES, null)).isTrue();
        return new UnsafeBuffer(batch, 0, writer.seal());
    }

    private int produce(final int partition, final UnsafeBuffer batch) {
        final ProduceRequest request = new ProduceRequest();
        request.wrapForEncode(frame, 0, frame.capacity(), nextCorrelationId++, CLIENT_NODE, ACKS_NONE, 1_000);
        request.addBatch(partition, batch, 0, batch.capacity());
        return request.encodedLength();
    }

    private void send(final OutputStream out, final int length) throws IOException {
        final byte[] bytes = new byte[TcpEndpoint.LENGTH_PREFIX + length];
        ByteBuffer.wrap(bytes).putInt(length);
        frame.getBytes(0, bytes, TcpEndpoint.LENGTH_PREFIX, length);
        out.write(bytes);
    }

    /** Sends an InitProducerId request: true when it is answered, false when the broker closed the connection. */
    private boolean survives(final DataInputStream in, final OutputStream out) throws IOException {
        final int correlationId = nextCorrelationId++;
        try {
            send(out, InitProducerId.encodeRequest(frame, 0, correlationId, CLIENT_NODE));
            final byte[] header = new byte[FrameHeader.LENGTH];
            while (true) {
                final int length = in.readInt();
                in.readFully(header);
                in.skipNBytes(length - FrameHeader.LENGTH);
                final UnsafeBuffer view = new UnsafeBuffer(header);
                if (FrameHeader.type(view, 0) == FrameHeader.INIT_PRODUCER_ID_RESPONSE
                    && FrameHeader.correlationId(view, 0) == correlationId) {
                    return true;
                }
            }
        } catch (final SocketTimeoutException e) {
            throw new AssertionError("The broker neither answered nor closed within " + READ_TIMEOUT_MS + " ms", e);
        } catch (final EOFException | SocketException e) {
            // End of stream, or a reset because the broker closed with our request unread.
            return false;
        }
    }
}
