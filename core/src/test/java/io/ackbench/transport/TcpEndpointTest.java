package io.ackbench.transport;

import io.ackbench.testing.AllocationMeter;
import io.ackbench.testing.Await;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two or three endpoints on loopback, all driven by the test thread (an endpoint needs one thread at a time, not a
 * thread of its own), plus raw sockets playing a misbehaving peer. Frames carry their sequence number in the
 * correlation id and a byte pattern derived from it, so order and content are both checked exactly.
 */
class TcpEndpointTest {
    private static final int BROKER = 0;
    private static final int OTHER_BROKER = 1;
    private static final int CLIENT = 3;
    private static final int OTHER_CLIENT = 4;
    private static final long TIMEOUT_NANOS = 10_000_000_000L;
    private static final TcpSettings SMALL = TcpSettings.forMaxFrameLength(64 * 1024);

    private final AddressBook addresses = new AddressBook();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (final AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    private TcpEndpoint broker(final int id, final TcpSettings settings) {
        final TcpEndpoint endpoint = TcpEndpoint.listen(id, addresses, settings);
        addresses.put(id, endpoint.localAddress());
        closeables.add(endpoint);
        return endpoint;
    }

    private TcpEndpoint client(final int id, final TcpSettings settings) {
        final TcpEndpoint endpoint = TcpEndpoint.client(id, addresses, settings);
        closeables.add(endpoint);
        return endpoint;
    }

    @Test
    void framesRoundTripInOrderBothWays() {
        final TcpEndpoint broker = broker(BROKER, SMALL);
        final TcpEndpoint client = client(CLIENT, SMALL);
        final Frames frames = new Frames(SMALL.maxFrameLength());
        final Received atBroker = new Received();
        final int count = 10_000;

        for (int seq = 0; seq < count; seq++) {
            final int length = FrameHeader.LENGTH + (seq * 7919) % 3000;
            frames.write(seq, CLIENT, length);
            while (!client.send(BROKER, frames.buffer, 0, length)) {
                broker.poll(atBroker, 100);
            }
        }
        pumpUntil(() -> atBroker.count() == count, client, broker, atBroker);

        atBroker.assertSequence(count, CLIENT, seq -> FrameHeader.LENGTH + (seq * 7919) % 3000);
        assertThat(broker.openConnections()).isEqualTo(1);

        // The client does not listen: the replies can only travel on the connection it opened.
        final Received atClient = new Received();
        for (int seq = 0; seq < 100; seq++) {
            frames.write(seq, BROKER, 40);
            assertThat(broker.send(CLIENT, frames.buffer, 0, 40)).isTrue();
        }
        pumpUntil(() -> atClient.count() == 100, broker, client, atClient);
        atClient.assertSequence(100, BROKER, seq -> 40);
        assertThat(client.openConnections()).isEqualTo(1);
        assertThat(broker.droppedFrames()).isZero();
    }

    @Test
    void largeFramesArriveWholeThroughSmallSocketBuffers() {
        // 64 KiB socket buffers: each 1 MiB frame needs many partial writes and reads.
        final TcpSettings settings = TcpSettings.defaults()
            .withSocketSendBufferBytes(64 * 1024).withSocketReceiveBufferBytes(64 * 1024);
        final TcpEndpoint broker = broker(BROKER, settings);
        final TcpEndpoint client = client(CLIENT, settings);
        final Frames frames = new Frames(settings.maxFrameLength());
        final Received atBroker = new Received();
        final int oneMiB = 1024 * 1024;
        final int count = 12;
        int pollsWithoutFrame = 0;

        for (int seq = 0; seq < count; seq++) {
            frames.write(seq, CLIENT, oneMiB + seq);
            while (!client.send(BROKER, frames.buffer, 0, oneMiB + seq)) {
                if (broker.poll(atBroker, 10) == 0) {
                    pollsWithoutFrame++;
                }
            }
        }
        pumpUntil(() -> atBroker.count() == count, client, broker, atBroker);

        atBroker.assertSequence(count, CLIENT, seq -> oneMiB + seq);
        assertThat(pollsWithoutFrame).as("polls that read part of a frame").isGreaterThan(count);
    }

    @Test
    void sendRefusesAFrameWhileTheConnectionIsFullAndAcceptsOnceThePeerPolled() {
        final int maxFrame = 1024;
        final TcpSettings settings = TcpSettings.forMaxFrameLength(maxFrame)
            .withSendBufferBytes(4 * (maxFrame + TcpEndpoint.LENGTH_PREFIX))
            .withSocketSendBufferBytes(4096).withSocketReceiveBufferBytes(4096);
        final TcpEndpoint broker = broker(BROKER, settings);
        final TcpEndpoint client = client(CLIENT, settings);
        final Frames frames = new Frames(maxFrame);
        final Received atBroker = new Received();

        int accepted = 0;
        while (true) {
            frames.write(accepted, CLIENT, maxFrame);
            if (!client.send(BROKER, frames.buffer, 0, maxFrame)) {
                break;
            }
            accepted++;
            assertThat(accepted).as("frames accepted while the broker never polls").isLessThan(100_000);
        }
        assertThat(client.send(BROKER, frames.buffer, 0, maxFrame)).isFalse();

        final int sent = accepted;
        pumpUntil(() -> atBroker.count() == sent, client, broker, atBroker);
        frames.write(accepted, CLIENT, maxFrame);
        assertThat(client.send(BROKER, frames.buffer, 0, maxFrame)).isTrue();
        pumpUntil(() -> atBroker.count() == sent + 1, client, broker, atBroker);

        atBroker.assertSequence(sent + 1, CLIENT, seq -> maxFrame);
    }

    @Test
    void oversizeLengthPrefixClosesOnlyThatConnection() throws IOException {
        assertRawPeerIsDisconnected(withHandshake(ByteBuffer.allocate(4).putInt(0, SMALL.maxFrameLength() + 1)));
    }

    @Test
    void negativeLengthPrefixClosesOnlyThatConnection() throws IOException {
        assertRawPeerIsDisconnected(withHandshake(ByteBuffer.allocate(4).putInt(0, -1)));
    }

    @Test
    void garbageInsteadOfAHandshakeClosesOnlyThatConnection() throws IOException {
        assertRawPeerIsDisconnected(ByteBuffer.wrap("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void frameOfHandshakeLengthThatIsNotAHandshakeClosesOnlyThatConnection() throws IOException {
        final UnsafeBuffer frame = new UnsafeBuffer(ByteBuffer.allocate(TcpEndpoint.LENGTH_PREFIX
            + Handshake.MIN_LENGTH));
        frame.putInt(0, Handshake.MIN_LENGTH, java.nio.ByteOrder.BIG_ENDIAN);
        FrameHeader.write(frame, TcpEndpoint.LENGTH_PREFIX, FrameHeader.PRODUCE_REQUEST, Handshake.MAGIC, CLIENT);
        assertRawPeerIsDisconnected(frame.byteBuffer());
    }

    @Test
    void frameShorterThanItsHeaderClosesOnlyThatConnection() throws IOException {
        final ByteBuffer shortFrame = ByteBuffer.allocate(TcpEndpoint.LENGTH_PREFIX + 5).putInt(0, 5);
        assertRawPeerIsDisconnected(withHandshake(shortFrame));
    }

    @Test
    void frameNamingAnotherNodeAsItsSourceClosesOnlyThatConnection() throws IOException {
        // The raw peer said it is OTHER_CLIENT; a frame claiming to come from broker 1 must not reach the handler.
        final UnsafeBuffer frame = new UnsafeBuffer(ByteBuffer.allocate(TcpEndpoint.LENGTH_PREFIX + 40));
        frame.putInt(0, 40, java.nio.ByteOrder.BIG_ENDIAN);
        FrameHeader.write(frame, TcpEndpoint.LENGTH_PREFIX, FrameHeader.FETCH_REQUEST, 1, OTHER_BROKER);
        assertRawPeerIsDisconnected(withHandshake(frame.byteBuffer()));
    }

    @Test
    void disconnectClosesThePeersConnectionAndItsNextSendOpensANewOne() {
        final TcpEndpoint broker = broker(BROKER, SMALL);
        final TcpEndpoint client = client(CLIENT, SMALL);
        client.reconnectBackoff(0, 0); // The next send redials at once; the backoff has its own test.
        final Frames frames = new Frames(SMALL.maxFrameLength());
        final Received atBroker = new Received();
        frames.write(0, CLIENT, 100);
        assertThat(client.send(BROKER, frames.buffer, 0, 100)).isTrue();
        pumpUntil(() -> atBroker.count() == 1, client, broker, atBroker);

        broker.disconnect(CLIENT, "test");
        assertThat(broker.openConnections()).isZero();
        assertThat(broker.rejectedConnections()).isEqualTo(1);
        pumpUntil(() -> client.openConnections() == 0, broker, client, atBroker);

        frames.write(1, CLIENT, 100);
        assertThat(client.send(BROKER, frames.buffer, 0, 100)).isTrue();
        pumpUntil(() -> atBroker.count() == 2, client, broker, atBroker);
        atBroker.assertSequence(2, CLIENT, seq -> 100);
        assertThat(broker.openConnections()).isEqualTo(1);
        // Nobody else is connected: disconnecting a node with no connection only logs.
        broker.disconnect(OTHER_CLIENT, "test");
        assertThat(broker.openConnections()).isEqualTo(1);
        assertThat(broker.rejectedConnections()).isEqualTo(1);
    }

    private ByteBuffer withHandshake(final ByteBuffer after) {
        final UnsafeBuffer bytes = new UnsafeBuffer(ByteBuffer.allocate(TcpEndpoint.LENGTH_PREFIX
            + Handshake.MIN_LENGTH + after.capacity()));
        bytes.putInt(0, Handshake.MIN_LENGTH, java.nio.ByteOrder.BIG_ENDIAN);
        Handshake.encode(bytes, TcpEndpoint.LENGTH_PREFIX, OTHER_CLIENT, "");
        bytes.putBytes(TcpEndpoint.LENGTH_PREFIX + Handshake.MIN_LENGTH, after, 0, after.capacity());
        return bytes.byteBuffer();
    }

    /** A well-behaved client is served before and after the raw peer sends {@code bytes} and is disconnected. */
    private void assertRawPeerIsDisconnected(final ByteBuffer bytes) throws IOException {
        final TcpEndpoint broker = broker(BROKER, SMALL);
        final TcpEndpoint client = client(CLIENT, SMALL);
        final Frames frames = new Frames(SMALL.maxFrameLength());
        final Received atBroker = new Received();
        frames.write(0, CLIENT, 100);
        assertThat(client.send(BROKER, frames.buffer, 0, 100)).isTrue();
        pumpUntil(() -> atBroker.count() == 1, client, broker, atBroker);

        try (SocketChannel raw = SocketChannel.open(broker.localAddress())) {
            raw.write(bytes);
            pumpUntil(() -> broker.rejectedConnections() == 1, client, broker, atBroker);
            // The broker closed its end: the raw peer reads end of stream.
            assertThat(raw.read(ByteBuffer.allocate(16))).isEqualTo(-1);
        }

        frames.write(1, CLIENT, 100);
        assertThat(client.send(BROKER, frames.buffer, 0, 100)).isTrue();
        pumpUntil(() -> atBroker.count() == 2, client, broker, atBroker);
        atBroker.assertSequence(2, CLIENT, seq -> 100);
        assertThat(broker.openConnections()).isEqualTo(1);
        assertThat(broker.rejectedConnections()).isEqualTo(1);
    }

    @Test
    void sendToARestartedPeerReconnects() {
        final TcpEndpoint first = broker(BROKER, SMALL);
        final InetSocketAddress address = first.localAddress();
        final TcpEndpoint client = client(CLIENT, SMALL);
        client.reconnectBackoff(0, 0); // Redial at once: this test is about the new connection, not the backoff.
        final Frames frames = new Frames(SMALL.maxFrameLength());
        final Received atFirst = new Received();
        frames.write(0, CLIENT, 50);
        assertThat(client.send(BROKER, frames.buffer, 0, 50)).isTrue();
        pumpUntil(() -> atFirst.count() == 1, client, first, atFirst);

        first.close();
        pumpUntil(() -> client.openConnections() == 0, client, client, new Received());

        // The same node id on the same port, as a restarted broker would come back.
        final TcpEndpoint second = TcpEndpoint.listen(BROKER, addresses, SMALL, address);
        closeables.add(second);
        final Received atSecond = new Received();
        frames.write(1, CLIENT, 60);
        assertThat(client.send(BROKER, frames.buffer, 0, 60)).isTrue();
        pumpUntil(() -> atSecond.count() == 1, client, second, atSecond);

        assertThat(FrameHeader.correlationId(atSecond.frames.get(0), 0)).isEqualTo(1);
        assertThat(atSecond.frames.get(0).capacity()).isEqualTo(60);
        assertThat(client.openConnections()).isEqualTo(1);
        assertThat(client.droppedFrames()).isZero();
    }

    @Test
    void deadPeerIsRedialledOnlyAfterTheReconnectBackoffAndItsLossAndReturnAreLoggedOnceEach() throws Exception {
        final InetSocketAddress address;
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            address = (InetSocketAddress) probe.getLocalAddress();
        }
        addresses.put(BROKER, address); // Nothing listens there now.
        final TcpEndpoint client = client(CLIENT, SMALL);
        final long backoffMs = 20;
        final long backoffMaxMs = 80;
        client.reconnectBackoff(backoffMs, backoffMaxMs);
        final Frames frames = new Frames(SMALL.maxFrameLength());
        frames.write(0, CLIENT, 50);
        final List<String> logged = new ArrayList<>();
        final Handler capture = new Handler() {
            @Override
            public void publish(final LogRecord record) {
                if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                    synchronized (logged) {
                        logged.add(record.getMessage());
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        final Logger logger = Logger.getLogger(TcpEndpoint.class.getName());
        logger.addHandler(capture);
        try {
            final long spinNanos = 300_000_000L;
            final long start = System.nanoTime();
            long sends = 0;
            while (System.nanoTime() - start < spinNanos) {
                assertThat(client.send(BROKER, frames.buffer, 0, 50)).isTrue();
                client.poll(new Received(), 100);
                sends++;
            }
            // Waits of 20, 40, then 80 ms (±20%) between dials: about six in 300 ms, where every send dialled before.
            assertThat(client.dialAttempts()).isBetween(3L, 10L);
            assertThat(sends).isGreaterThan(client.dialAttempts());

            final TcpEndpoint broker = TcpEndpoint.listen(BROKER, addresses, SMALL, address);
            closeables.add(broker);
            final Received atBroker = new Received();
            pumpUntil(() -> {
                client.send(BROKER, frames.buffer, 0, 50);
                return atBroker.count() > 0;
            }, client, broker, atBroker);
        } finally {
            logger.removeHandler(capture);
        }
        synchronized (logged) {
            assertThat(logged).filteredOn(line -> line.contains("lost its connection to node " + BROKER)).hasSize(1);
            assertThat(logged).filteredOn(line -> line.contains("reconnected to node " + BROKER)).hasSize(1);
        }
    }

    @Test
    void replyToAClientThatDisconnectedIsDroppedAndCounted() {
        final TcpEndpoint broker = broker(BROKER, SMALL);
        final TcpEndpoint client = client(CLIENT, SMALL);
        final Frames frames = new Frames(SMALL.maxFrameLength());
        final Received atBroker = new Received();
        frames.write(0, CLIENT, 50);
        assertThat(client.send(BROKER, frames.buffer, 0, 50)).isTrue();
        pumpUntil(() -> atBroker.count() == 1, client, broker, atBroker);

        client.close();
        pumpUntil(() -> broker.openConnections() == 0, broker, broker, atBroker);

        frames.write(0, BROKER, 50);
        assertThat(broker.send(CLIENT, frames.buffer, 0, 50)).isTrue();
        assertThat(broker.droppedFrames()).isEqualTo(1);
    }

    @Test
    void repliesFollowARestartedClientToItsNewConnection() {
        final TcpEndpoint broker = broker(BROKER, SMALL);
        final TcpEndpoint first = client(CLIENT, SMALL);
        final Frames frames = new Frames(SMALL.maxFrameLength());
        final Received atBroker = new Received();
        frames.write(0, CLIENT, 50);
        assertThat(first.send(BROKER, frames.buffer, 0, 50)).isTrue();
        pumpUntil(() -> atBroker.count() == 1, first, broker, atBroker);

        // The same client id connects again before the broker has noticed the first connection is gone.
        final TcpEndpoint second = client(CLIENT, SMALL);
        frames.write(1, CLIENT, 50);
        assertThat(second.send(BROKER, frames.buffer, 0, 50)).isTrue();
        pumpUntil(() -> atBroker.count() == 2, second, broker, atBroker);
        first.close();

        final Received atSecond = new Received();
        frames.write(0, BROKER, 70);
        assertThat(broker.send(CLIENT, frames.buffer, 0, 70)).isTrue();
        pumpUntil(() -> atSecond.count() == 1, broker, second, atSecond);
        pumpUntil(() -> broker.openConnections() == 1, broker, broker, atBroker);
        frames.write(1, BROKER, 70);
        assertThat(broker.send(CLIENT, frames.buffer, 0, 70)).isTrue();
        pumpUntil(() -> atSecond.count() == 2, broker, second, atSecond);

        atSecond.assertSequence(2, BROKER, seq -> 70);
        assertThat(broker.droppedFrames()).isZero();
    }

    @Test
    void twoBrokersShareTheConnectionTheFirstOneOpened() {
        final TcpEndpoint zero = broker(BROKER, SMALL);
        final TcpEndpoint one = broker(OTHER_BROKER, SMALL);
        final Frames frames = new Frames(SMALL.maxFrameLength());
        final Received atZero = new Received();
        final Received atOne = new Received();
        frames.write(0, BROKER, 30);
        assertThat(zero.send(OTHER_BROKER, frames.buffer, 0, 30)).isTrue();
        pumpUntil(() -> atOne.count() == 1, zero, one, atOne);
        frames.write(0, OTHER_BROKER, 30);
        assertThat(one.send(BROKER, frames.buffer, 0, 30)).isTrue();
        pumpUntil(() -> atZero.count() == 1, one, zero, atZero);

        assertThat(zero.openConnections()).isEqualTo(1);
        assertThat(one.openConnections()).isEqualTo(1);
    }

    @Test
    void brokersThatDialEachOtherAtOnceKeepSendingOnTheirOwnConnection() {
        final TcpEndpoint zero = broker(BROKER, SMALL);
        final TcpEndpoint one = broker(OTHER_BROKER, SMALL);
        final Frames frames = new Frames(SMALL.maxFrameLength());
        final Received atZero = new Received();
        final Received atOne = new Received();
        for (int seq = 0; seq < 3; seq++) {
            frames.write(seq, BROKER, 30 + seq);
            assertThat(zero.send(OTHER_BROKER, frames.buffer, 0, 30 + seq)).isTrue();
            frames.write(seq, OTHER_BROKER, 30 + seq);
            assertThat(one.send(BROKER, frames.buffer, 0, 30 + seq)).isTrue();
            // Both accept the other's connection and read its handshake between sends.
            zero.poll(atZero, 100);
            one.poll(atOne, 100);
        }
        final long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (atZero.count() < 3 || atOne.count() < 3) {
            assertThat(System.nanoTime()).as("time waiting for both brokers' frames").isLessThan(deadline);
            zero.poll(atZero, 100);
            one.poll(atOne, 100);
        }

        atZero.assertSequence(3, OTHER_BROKER, seq -> 30 + seq);
        atOne.assertSequence(3, BROKER, seq -> 30 + seq);
        assertThat(zero.openConnections()).isEqualTo(2);
        assertThat(one.openConnections()).isEqualTo(2);
    }

    @Test
    void oneClientsBacklogDoesNotStarveAnother() {
        final TcpEndpoint broker = broker(BROKER, SMALL);
        final TcpEndpoint quiet = client(OTHER_CLIENT, SMALL);
        final TcpEndpoint flooding = client(CLIENT, SMALL);
        final Frames frames = new Frames(SMALL.maxFrameLength());
        final Received atBroker = new Received();
        final Received ignored = new Received();
        frames.write(0, OTHER_CLIENT, 100);
        assertThat(quiet.send(BROKER, frames.buffer, 0, 100)).isTrue();
        pumpUntil(() -> atBroker.count() == 1, quiet, broker, atBroker);
        final int flood = 200;
        for (int seq = 0; seq < flood; seq++) {
            frames.write(seq, CLIENT, 1000);
            assertThat(flooding.send(BROKER, frames.buffer, 0, 1000)).isTrue();
        }
        // One frame per poll, as a broker under load takes a few per cycle: the broker accepts the flooding
        // connection, reads its handshake and hands on its first frames.
        final long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (atBroker.count() < 3) {
            assertThat(System.nanoTime()).as("time waiting for the flood").isLessThan(deadline);
            broker.poll(atBroker, 1);
        }
        // The flood reaches the broker: half of it read off the socket into the broker's buffer, a backlog not yet
        // handed on. A poll with limit 0 reads what the sockets have and hands on nothing.
        final int backlogBytes = flood / 2 * (TcpEndpoint.LENGTH_PREFIX + 1000);
        Await.until("the broker has read " + flood / 2 + " frames of the flood and not handed them on", () -> {
            flooding.poll(ignored, 0); // writes whatever the flooding client still has queued
            broker.poll(atBroker, 0);
            return broker.bufferedBytesFrom(CLIENT) >= backlogBytes;
        }, () -> broker.bufferedBytesFrom(CLIENT) + " bytes buffered");
        frames.write(1, OTHER_CLIENT, 100);
        assertThat(quiet.send(BROKER, frames.buffer, 0, 100)).isTrue();
        // The quiet client's frame reaches the broker too, behind nothing on its own connection.
        Await.until("the broker has read the quiet client's second frame and not handed it on", () -> {
            quiet.poll(ignored, 0);
            broker.poll(atBroker, 0);
            return broker.bufferedBytesFrom(OTHER_CLIENT) >= TcpEndpoint.LENGTH_PREFIX + 100;
        }, () -> broker.bufferedBytesFrom(OTHER_CLIENT) + " bytes buffered");

        final int before = atBroker.count();
        assertThat(before).as("frames handed on so far: the polls with limit 0 handed on none").isEqualTo(3);
        while (FrameHeader.source(atBroker.frames.get(atBroker.count() - 1), 0) != OTHER_CLIENT) {
            assertThat(System.nanoTime()).as("time waiting for the quiet client's frame").isLessThan(deadline);
            broker.poll(atBroker, 1);
        }

        // Flooding frames handed on before the quiet client's second: one or two, not the rest of the backlog.
        assertThat(atBroker.count() - before - 1).isLessThanOrEqualTo(2);
    }

    @Test
    void frameAboveTheMaximumIsRefusedBySend() {
        final TcpEndpoint client = client(CLIENT, SMALL);
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[SMALL.maxFrameLength() + 1]);

        assertThatThrownBy(() -> client.send(BROKER, frame, 0, SMALL.maxFrameLength() + 1))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Frame of 65537 bytes for node 0: must be in [0, 65536]");
    }

    @Test
    void sendAndPollOfSmallFramesAllocateNothingInSteadyState() {
        final TcpEndpoint broker = broker(BROKER, SMALL);
        final TcpEndpoint client = client(CLIENT, SMALL);
        final PingPong pingPong = new PingPong(broker, client);
        pingPong.run(20_000);

        final long before = AllocationMeter.currentThreadAllocatedBytes();
        pingPong.run(100_000);
        final long allocated = AllocationMeter.currentThreadAllocatedBytes() - before;

        assertThat(pingPong.pongs).isEqualTo(120_000);
        assertThat(allocated).as("bytes allocated by 100,000 request/response round trips").isLessThan(1024);
    }

    /** Client requests, broker replies from inside its handler as a broker does, client counts the replies. */
    private static final class PingPong {
        private final TcpEndpoint broker;
        private final TcpEndpoint client;
        private final UnsafeBuffer request = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
        private final UnsafeBuffer response = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
        private final FrameHandler onRequest = this::onRequest;
        private final FrameHandler onResponse = this::onResponse;
        int pongs;

        PingPong(final TcpEndpoint broker, final TcpEndpoint client) {
            this.broker = broker;
            this.client = client;
        }

        void run(final int rounds) {
            for (int i = 0; i < rounds; i++) {
                final int expected = pongs + 1;
                FrameHeader.write(request, 0, FrameHeader.PRODUCE_REQUEST, expected, CLIENT);
                while (!client.send(BROKER, request, 0, 64)) {
                    Thread.onSpinWait();
                }
                while (pongs != expected) {
                    broker.poll(onRequest, 10);
                    client.poll(onResponse, 10);
                }
            }
        }

        private void onRequest(final DirectBuffer buffer, final int offset, final int length) {
            FrameHeader.write(response, 0, FrameHeader.PRODUCE_RESPONSE, FrameHeader.correlationId(buffer, offset),
                BROKER);
            while (!broker.send(FrameHeader.source(buffer, offset), response, 0, 64)) {
                Thread.onSpinWait();
            }
        }

        private void onResponse(final DirectBuffer buffer, final int offset, final int length) {
            if (FrameHeader.correlationId(buffer, offset) != pongs + 1) {
                throw new AssertionError("Response " + FrameHeader.correlationId(buffer, offset) + " out of order");
            }
            pongs++;
        }
    }

    private static void pumpUntil(final BooleanSupplier done, final TcpEndpoint sender, final TcpEndpoint receiver,
                                  final FrameHandler handler) {
        final long deadline = System.nanoTime() + TIMEOUT_NANOS;
        final Received ignored = new Received();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for the endpoints");
            }
            if (sender != receiver) {
                sender.poll(ignored, 100);
            }
            receiver.poll(handler, 100);
        }
    }

    /** A frame buffer: header with the sequence number as correlation id, then bytes derived from it. */
    private static final class Frames {
        final UnsafeBuffer buffer;

        Frames(final int capacity) {
            buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(capacity));
        }

        void write(final int seq, final int source, final int length) {
            FrameHeader.write(buffer, 0, FrameHeader.PRODUCE_REQUEST, seq, source);
            for (int i = FrameHeader.LENGTH; i < length; i++) {
                buffer.putByte(i, patternByte(seq, i));
            }
        }
    }

    private static byte patternByte(final int seq, final int index) {
        return (byte) (seq * 31 + index * 7);
    }

    /** Copies every frame it is handed. */
    private static final class Received implements FrameHandler {
        final List<UnsafeBuffer> frames = new ArrayList<>();

        @Override
        public void onFrame(final DirectBuffer buffer, final int offset, final int length) {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            frames.add(new UnsafeBuffer(copy));
        }

        int count() {
            return frames.size();
        }

        void assertSequence(final int count, final int source, final java.util.function.IntUnaryOperator length) {
            assertThat(frames).hasSize(count);
            for (int seq = 0; seq < count; seq++) {
                final UnsafeBuffer frame = frames.get(seq);
                assertThat(frame.capacity()).as("length of frame %d", seq).isEqualTo(length.applyAsInt(seq));
                assertThat(FrameHeader.correlationId(frame, 0)).as("sequence of frame %d", seq).isEqualTo(seq);
                assertThat(FrameHeader.source(frame, 0)).isEqualTo(source);
                for (int i = FrameHeader.LENGTH; i < frame.capacity(); i++) {
                    if (frame.getByte(i) != patternByte(seq, i)) {
                        throw new AssertionError("Frame " + seq + " differs at byte " + i);
                    }
                }
            }
        }
    }
}
