package io.ackbench.transport;

import io.ackbench.testing.AllocationMeter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link TcpEndpoint#awaitInput}: the thread sleeps in the selector and wakes for what it must handle. Every wait here
 * is a minute long, far past the test's timeout, so a wait that slept through what should have woken it fails the
 * test instead of passing slowly; none of them asserts how fast it woke.
 */
@Timeout(30)
class TcpEndpointAwaitTest {
    private static final int BROKER = 0;
    private static final int CLIENT = 3;
    private static final long MINUTE_MS = 60_000;
    private static final int FRAME = 100;
    private static final TcpSettings SETTINGS = TcpSettings.forMaxFrameLength(64 * 1024);

    private final AddressBook addresses = new AddressBook();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final UnsafeBuffer frame = new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024));

    @AfterEach
    void closeAll() throws Exception {
        for (final AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    private TcpEndpoint broker(final TcpSettings settings) {
        final TcpEndpoint endpoint = TcpEndpoint.listen(BROKER, addresses, settings);
        addresses.put(BROKER, endpoint.localAddress());
        closeables.add(endpoint);
        return endpoint;
    }

    private TcpEndpoint client(final TcpSettings settings) {
        final TcpEndpoint endpoint = TcpEndpoint.client(CLIENT, addresses, settings);
        closeables.add(endpoint);
        return endpoint;
    }

    private int frame(final int correlationId, final int length) {
        FrameHeader.write(frame, 0, FrameHeader.PRODUCE_REQUEST, correlationId, CLIENT);
        return length;
    }

    private static FrameHandler counting(final AtomicInteger count) {
        return (buffer, offset, length) -> count.incrementAndGet();
    }

    @Test
    void aFrameSentWhileTheEndpointSleepsWakesItAndTheNextPollHandsItOn() throws Exception {
        final TcpEndpoint broker = broker(SETTINGS);
        final TcpEndpoint client = client(SETTINGS);
        final AtomicBoolean received = new AtomicBoolean();
        // The client on a thread of its own (Thread.start hands it over), since this one sleeps in the broker's.
        final Thread sender = new Thread(() -> {
            client.send(BROKER, frame, 0, frame(7, FRAME));
            while (!received.get()) {
                client.poll((buffer, offset, length) -> { }, 1); // finishes the connect, writes what is queued
                Thread.onSpinWait();
            }
        });
        sender.start();
        final AtomicInteger correlationId = new AtomicInteger(-1);
        // Each wait returns for the accept, then for the bytes; none may sleep through them.
        while (correlationId.get() < 0) {
            broker.awaitInput(MINUTE_MS);
            broker.poll((buffer, offset, length) -> correlationId.set(FrameHeader.correlationId(buffer, offset)), 16);
        }
        received.set(true);
        sender.join();
        assertThat(correlationId.get()).isEqualTo(7);
    }

    @Test
    void wakeupFromAnotherThreadEndsTheWait() throws Exception {
        final TcpEndpoint broker = broker(SETTINGS);
        final Thread waker = new Thread(broker::wakeup);
        waker.start();
        // Whether the wake-up comes before the select or during it, the select returns.
        assertThat(broker.awaitInput(MINUTE_MS)).isZero();
        waker.join();
    }

    @Test
    void aWholeFrameAlreadyReadEndsTheWaitAtOnce() {
        final TcpEndpoint broker = broker(SETTINGS);
        final TcpEndpoint client = client(SETTINGS);
        final AtomicInteger delivered = new AtomicInteger();
        client.send(BROKER, frame, 0, frame(1, FRAME));
        while (delivered.get() < 1) { // the handshake and a first frame: the connection knows its peer
            client.poll(counting(delivered), 1);
            broker.poll(counting(delivered), 16);
        }
        client.send(BROKER, frame, 0, frame(2, FRAME));
        client.send(BROKER, frame, 0, frame(3, FRAME));
        while (broker.bufferedBytesFrom(CLIENT) < 2 * (TcpEndpoint.LENGTH_PREFIX + FRAME)) {
            client.poll(counting(delivered), 1);
            broker.poll(counting(delivered), 0); // reads, hands on nothing
        }
        assertThat(broker.poll(counting(delivered), 1)).isOne();
        // The last frame is in the endpoint's buffer, where no selector sees it: the wait must not sleep.
        assertThat(broker.awaitInput(MINUTE_MS)).isZero();
        assertThat(broker.poll(counting(delivered), 16)).isOne();
        assertThat(delivered.get()).isEqualTo(3);
    }

    @Test
    void aConnectionWithBytesQueuedWakesTheWaitWhenTheSocketTakesMore() throws Exception {
        // Small kernel buffers, so the client's own queue holds what the sockets cannot while the broker reads
        // nothing.
        final TcpSettings settings = SETTINGS.withSocketSendBufferBytes(8 * 1024).withSocketReceiveBufferBytes(8 * 1024);
        final TcpEndpoint broker = broker(settings);
        final TcpEndpoint client = client(settings);
        final int frameLength = 16 * 1024;
        int sent = 0;
        while (client.send(BROKER, frame, 0, frame(sent, frameLength))) {
            sent++;
            client.poll((buffer, offset, length) -> { }, 1);
        }
        final int total = sent;
        final AtomicInteger delivered = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        // The broker reads on a thread of its own, handed over by Thread.start; the client sleeps in its selector.
        final Thread reader = new Thread(() -> {
            try {
                while (delivered.get() < total) {
                    broker.poll(counting(delivered), 16);
                    Thread.onSpinWait();
                }
                client.wakeup(); // the last frames may leave the client's queue before the broker reads them
            } catch (final Throwable t) {
                failure.set(t);
            }
        });
        reader.start();
        while (delivered.get() < total && failure.get() == null) {
            // Only the client's writes can bring the last frames to the broker: each wait must end when its socket
            // has room again.
            client.awaitInput(MINUTE_MS);
            client.poll((buffer, offset, length) -> { }, 1);
        }
        reader.join();
        assertThat(failure.get()).isNull();
        assertThat(delivered.get()).isEqualTo(total);
        assertThat(total).as("frames queued beyond the sockets").isGreaterThan(2);
    }

    @Test
    void waitingAllocatesNothing() {
        final TcpEndpoint broker = broker(SETTINGS);
        final TcpEndpoint client = client(SETTINGS);
        final AtomicInteger delivered = new AtomicInteger();
        final FrameHandler handler = counting(delivered);
        client.send(BROKER, frame, 0, frame(1, FRAME));
        while (delivered.get() < 1) { // an open connection in the selector, as a broker's
            client.poll(handler, 1);
            broker.poll(handler, 16);
        }
        for (int i = 0; i < 10_000; i++) { // warm-up: the JIT compiles the path
            broker.wakeup();
            broker.awaitInput(1);
        }
        // A round of 1,000 waits; on a loaded machine the JIT may still be compiling the path in the first rounds
        // (a run at load 3.8 on 2 cores saw 1,840 bytes once), so the guard is that some round allocates nothing
        // to speak of: a path that allocates on every wait fails all of them.
        long fewest = Long.MAX_VALUE;
        for (int round = 0; round < 5 && fewest >= 1024; round++) {
            final long before = AllocationMeter.currentThreadAllocatedBytes();
            for (int i = 0; i < 1_000; i++) { // woken at once, as a hand-over does, and now and then by the timeout
                if (i % 100 != 0) {
                    broker.wakeup();
                }
                broker.awaitInput(1);
                broker.poll(handler, 16);
            }
            fewest = Math.min(fewest, AllocationMeter.currentThreadAllocatedBytes() - before);
        }
        assertThat(fewest).as("bytes allocated by 1,000 waits, in the round that allocated fewest").isLessThan(1024);
    }

    @Test
    void aWaitOfZeroIsRefusedSinceTheSelectorWouldTakeItAsForever() {
        final TcpEndpoint broker = broker(SETTINGS);
        assertThatThrownBy(() -> broker.awaitInput(0)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Wait of 0 ms: must be at least 1");
    }
}
