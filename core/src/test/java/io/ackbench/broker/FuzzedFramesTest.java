package io.ackbench.broker;

import io.ackbench.producer.Producer;
import io.ackbench.record.RecordBatchLayout;
import io.ackbench.record.RecordBatchWriter;
import io.ackbench.transport.ErrorCode;
import io.ackbench.transport.ErrorResponse;
import io.ackbench.transport.FetchRequest;
import io.ackbench.transport.FrameHeader;
import io.ackbench.transport.Handshake;
import io.ackbench.transport.InitProducerId;
import io.ackbench.transport.ProduceRequest;
import io.ackbench.transport.TcpEndpoint;
import io.ackbench.transport.TcpSettings;
import io.ackbench.transport.TopicLayout;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Raw sockets send broker 0 seeded random and mutated frames, each followed by an InitProducerId request that
 * tells whether the connection survived it; then real producers must be served exactly as if nothing had happened.
 * The frames that must cost the connection (bad lengths, unknown api keys, unsupported versions) are checked one by
 * one; the mutated ones may or may not, and whatever they appended to the log is told apart by its values.
 */
class FuzzedFramesTest {
    private static final long SEED = 0x5EED_F022L;
    private static final int FRAMES = 10_000;
    private static final int PARTITIONS = 3;
    private static final int RECORDS = 2_000;
    /** Raw clients take node ids from here up, round the 256 the network allows, far from the producers' ids. */
    private static final int FIRST_RAW_NODE = 100;
    /** Records inside the fuzzer's own batches hold values from here: never a producer record's number. */
    private static final long FUZZ_VALUE_BASE = 1L << 40;
    private static final int READ_TIMEOUT_MS = 10_000;
    private static final short ACKS_LEADER = 1;
    private static final int MAX_FRAME = TcpSettings.DEFAULT_MAX_FRAME_LENGTH;

    @TempDir
    Path dataDir;

    @Tag("slow")
    @Test
    void brokerSurvivesFuzzedFramesAndStoresExactlyWhatItAcknowledged() throws Exception {
        final Map<String, String> brokerSettings = Map.of(BrokerConfig.NUM_PARTITIONS, Integer.toString(PARTITIONS),
            BrokerConfig.MIN_INSYNC_REPLICAS, "2", BrokerConfig.REPLICA_FETCH_WAIT_MAX_MS, "20");
        final LogCounter transportLog = LogCounter.attach(TcpEndpoint.class.getName());
        final LogCounter brokerThreadLog = LogCounter.attach(BrokerThreads.class.getName());
        final DeliveryRecorder firstRound = new DeliveryRecorder();
        final DeliveryRecorder secondRound = new DeliveryRecorder();
        final TcpCluster cluster = TcpCluster.start(brokerSettings, dataDir);
        final Fuzzer fuzzer;
        try (cluster) {
            fuzzer = new Fuzzer(cluster.endpoint(0).localAddress());
            fuzzer.run(FRAMES);
            produce(cluster, firstRound, 0);
            produce(cluster, secondRound, RECORDS);
        } finally {
            transportLog.detach();
            brokerThreadLog.detach();
        }

        assertThat(fuzzer.sent).isEqualTo(FRAMES);
        assertThat(fuzzer.mustClose).isGreaterThan(FRAMES / 4);
        assertThat(fuzzer.errorResponses).isEqualTo(fuzzer.mustCloseInDispatch).isGreaterThan(FRAMES / 8);
        // Every connection the broker closed, it closed for a frame of this run, in one logged line.
        final long rejected = cluster.endpoint(0).rejectedConnections();
        assertThat(rejected).isEqualTo(fuzzer.closedByBroker);
        assertThat(transportLog.warningsStartingWith("Node 0 closed the connection from /127.0.0.1:"))
            .isEqualTo(rejected);
        assertThat(transportLog.warnings()).isEqualTo(rejected);
        // Unknown api keys and versions reach the broker's dispatch; bad lengths and sources stop in the transport.
        assertThat(cluster.broker(0).malformedFrames()).isBetween(fuzzer.mustCloseInDispatch, rejected);
        for (int broker = 1; broker < 3; broker++) {
            assertThat(cluster.broker(broker).malformedFrames()).isZero();
            assertThat(cluster.endpoint(broker).rejectedConnections()).isZero();
        }
        assertThat(brokerThreadLog.records()).isZero();

        final Map<Long, Long> offsetOf = new HashMap<>();
        for (final DeliveryRecorder recorder : List.of(firstRound, secondRound)) {
            for (final DeliveryRecorder.Delivery delivery : recorder.deliveries()) {
                assertThat(delivery.errorCode()).isEqualTo(ErrorCode.NONE);
                assertThat(offsetOf.put(delivery.record(), delivery.offset())).isNull();
            }
        }
        assertThat(offsetOf).hasSize(2 * RECORDS);
        final TopicLayout layout = cluster.layout();
        int stored = 0;
        int fuzzed = 0;
        for (int p = 0; p < PARTITIONS; p++) {
            final List<LogContents.Entry> leaderLog = LogContents.read(
                LogContents.partitionDir(dataDir, layout.preferredLeader(p), layout.topic(), p));
            for (final LogContents.Entry entry : leaderLog) {
                if (entry.value() >= FUZZ_VALUE_BASE) {
                    // A mutation that left a produce request valid: appended and answered like any other.
                    fuzzed++;
                    continue;
                }
                assertThat(offsetOf.get(entry.value())).as("record %d", entry.value()).isEqualTo(entry.offset());
                stored++;
            }
            for (final int replica : layout.replicas(p)) {
                assertThat(LogContents.read(LogContents.partitionDir(dataDir, replica, layout.topic(), p)))
                    .isEqualTo(leaderLog);
            }
        }
        assertThat(stored).isEqualTo(2 * RECORDS);
        System.out.printf("Fuzzed %d frames over %d connections: %d had to close it, %d closed it in all, %d "
                + "malformed at dispatch, %d error responses, %d truncated, %d fuzzed records appended%n", fuzzer.sent,
            fuzzer.connections, fuzzer.mustClose, fuzzer.closedByBroker, cluster.broker(0).malformedFrames(),
            fuzzer.errorResponses, fuzzer.truncated, fuzzed);
    }

    private static void produce(final TcpCluster cluster, final DeliveryRecorder deliveries, final long from)
        throws InterruptedException {
        try (Producer producer = Producer.connect(Map.of("acks", "all"), cluster.layout(), cluster.connectClient(),
            deliveries)) {
            new NumberedRecords(100, true).send(producer, from, RECORDS);
            assertThat(deliveries.awaitCount(RECORDS, 30, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** Kinds of fuzzed frame, each with what it must do to the connection. */
    private enum Kind {
        RANDOM_BYTES(false, false),
        FLIPPED_BYTES(false, false),
        TRUNCATED(false, false),
        OVERSIZE_LENGTH(true, false),
        NEGATIVE_LENGTH(true, false),
        ZERO_LENGTH(true, false),
        UNSUPPORTED_VERSION(true, true),
        UNKNOWN_API_KEY(true, true);

        final boolean mustClose;
        final boolean reachesDispatch;

        Kind(final boolean mustClose, final boolean reachesDispatch) {
            this.mustClose = mustClose;
            this.reachesDispatch = reachesDispatch;
        }
    }

    /**
     * Sends the frames over raw blocking sockets. After each, an InitProducerId request with a fresh correlation id
     * goes out, and the answer to it, or the connection closing, says what the frame did: frames after one that
     * closed the connection would never reach the broker, so each is checked before the next is sent.
     */
    private static final class Fuzzer {
        private final InetSocketAddress broker;
        private final SplittableRandom random = new SplittableRandom(SEED);
        private final UnsafeBuffer frame = new UnsafeBuffer(ByteBuffer.allocate(64 * 1024));
        private final UnsafeBuffer batches = new UnsafeBuffer(ByteBuffer.allocateDirect(8 * 1024));
        private final UnsafeBuffer value = new UnsafeBuffer(ByteBuffer.allocateDirect(Long.BYTES));
        private final ProduceRequest produce = new ProduceRequest();
        private final FetchRequest fetch = new FetchRequest();
        private Socket socket;
        private DataInputStream in;
        private OutputStream out;
        private int node = FIRST_RAW_NODE - 1;
        private int nextCorrelationId;
        private long nextFuzzValue = FUZZ_VALUE_BASE;
        long sent;
        long connections;
        long mustClose;
        long mustCloseInDispatch;
        long closedByBroker;
        long truncated;
        long errorResponses;
        /** The error response seen by the last {@link #survives} call, or NONE. */
        private short errorResponseCode;
        private int errorResponseCorrelationId;

        Fuzzer(final InetSocketAddress broker) {
            this.broker = broker;
        }

        void run(final int frames) throws IOException {
            final Kind[] kinds = Kind.values();
            try {
                for (int i = 0; i < frames; i++) {
                    if (socket == null) {
                        connect();
                    }
                    final Kind kind = kinds[random.nextInt(kinds.length)];
                    sent++;
                    if (kind == Kind.TRUNCATED) {
                        sendTruncated();
                        continue;
                    }
                    final byte[] bytes = fuzzedFrameWithSync(kind);
                    final int fuzzedCorrelationId = nextCorrelationId - 1;
                    final boolean closed = !survives(bytes);
                    if (kind.mustClose) {
                        mustClose++;
                        mustCloseInDispatch += kind.reachesDispatch ? 1 : 0;
                        assertThat(closed).as("frame %d (%s) closed the connection", i, kind).isTrue();
                    }
                    if (kind.reachesDispatch) {
                        // The header was readable, so the broker said why before it closed.
                        assertThat(errorResponseCode).as("frame %d (%s) got an error response", i, kind)
                            .isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
                        assertThat(errorResponseCorrelationId).isEqualTo(fuzzedCorrelationId);
                        errorResponses++;
                    }
                    if (closed) {
                        closedByBroker++;
                        disconnect();
                    }
                }
            } finally {
                disconnect();
            }
        }

        private void connect() throws IOException {
            node = node + 1 < FrameHeader.MAX_NODES ? node + 1 : FIRST_RAW_NODE;
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(READ_TIMEOUT_MS);
            socket.connect(broker);
            in = new DataInputStream(socket.getInputStream());
            out = socket.getOutputStream();
            connections++;
            final UnsafeBuffer handshake = new UnsafeBuffer(new byte[TcpEndpoint.LENGTH_PREFIX + Handshake.MAX_LENGTH]);
            final int length = Handshake.encode(handshake, TcpEndpoint.LENGTH_PREFIX, node, "fuzzer-" + node);
            handshake.putInt(0, length, ByteOrder.BIG_ENDIAN);
            out.write(handshake.byteArray(), 0, TcpEndpoint.LENGTH_PREFIX + length);
        }

        private void disconnect() throws IOException {
            if (socket != null) {
                socket.close();
                socket = null;
            }
        }

        /** A valid frame cut anywhere before its end, then the connection closed: the broker sees end of stream. */
        private void sendTruncated() throws IOException {
            final int length = validFrame();
            final byte[] bytes = prefixed(length);
            truncated++;
            try {
                out.write(bytes, 0, random.nextInt(bytes.length));
            } catch (final IOException e) {
                throw new AssertionError("The broker closed a connection that had sent only valid frames", e);
            }
            disconnect();
        }

        private byte[] fuzzedFrameWithSync(final Kind kind) {
            int length;
            int prefix;
            switch (kind) {
                case RANDOM_BYTES:
                    length = random.nextInt(512);
                    for (int i = 0; i < length; i++) {
                        frame.putByte(i, (byte) random.nextInt(256));
                    }
                    prefix = length;
                    break;
                case FLIPPED_BYTES:
                    length = validFrame();
                    final int flips = 1 + random.nextInt(8);
                    for (int f = 0; f < flips; f++) {
                        final int at = random.nextInt(length);
                        frame.putByte(at, (byte) (frame.getByte(at) ^ (1 + random.nextInt(255))));
                    }
                    prefix = length;
                    break;
                case OVERSIZE_LENGTH:
                    length = validFrame();
                    prefix = MAX_FRAME + 1 + random.nextInt(Integer.MAX_VALUE - MAX_FRAME);
                    break;
                case NEGATIVE_LENGTH:
                    length = validFrame();
                    prefix = -1 - random.nextInt(Integer.MAX_VALUE);
                    break;
                case ZERO_LENGTH:
                    length = 0;
                    prefix = 0;
                    break;
                case UNSUPPORTED_VERSION:
                    length = validFrame();
                    frame.putShort(FrameHeader.VERSION_OFFSET, (short) (1 + random.nextInt(Short.MAX_VALUE)));
                    prefix = length;
                    break;
                case UNKNOWN_API_KEY:
                    length = validFrame();
                    frame.putShort(FrameHeader.TYPE_OFFSET, (short) (FrameHeader.ERROR_RESPONSE + 1
                        + random.nextInt(Short.MAX_VALUE - FrameHeader.ERROR_RESPONSE)));
                    prefix = length;
                    break;
                default:
                    throw new IllegalStateException("Unexpected kind " + kind);
            }
            final int syncLength = TcpEndpoint.LENGTH_PREFIX + InitProducerId.REQUEST_LENGTH;
            final byte[] bytes = new byte[TcpEndpoint.LENGTH_PREFIX + length + syncLength];
            final UnsafeBuffer view = new UnsafeBuffer(bytes);
            view.putInt(0, prefix, ByteOrder.BIG_ENDIAN);
            view.putBytes(TcpEndpoint.LENGTH_PREFIX, frame, 0, length);
            final int syncAt = TcpEndpoint.LENGTH_PREFIX + length;
            view.putInt(syncAt, InitProducerId.REQUEST_LENGTH, ByteOrder.BIG_ENDIAN);
            InitProducerId.encodeRequest(view, syncAt + TcpEndpoint.LENGTH_PREFIX, nextCorrelationId, node);
            return bytes;
        }

        /** Sends the frame and the sync; true if the sync's answer came back, false if the broker closed first. */
        private boolean survives(final byte[] bytes) throws IOException {
            final int syncCorrelationId = nextCorrelationId++;
            errorResponseCode = ErrorCode.NONE;
            try {
                out.write(bytes);
                final byte[] header = new byte[ErrorResponse.LENGTH];
                final UnsafeBuffer headerView = new UnsafeBuffer(header);
                while (true) {
                    final int length = in.readInt();
                    assertThat(length).isBetween(FrameHeader.LENGTH, MAX_FRAME);
                    in.readFully(header, 0, FrameHeader.LENGTH);
                    final short type = FrameHeader.type(headerView, 0);
                    if (type == FrameHeader.ERROR_RESPONSE) {
                        assertThat(length).isEqualTo(ErrorResponse.LENGTH);
                        in.readFully(header, FrameHeader.LENGTH, ErrorResponse.LENGTH - FrameHeader.LENGTH);
                        errorResponseCode = ErrorResponse.errorCode(headerView, 0);
                        errorResponseCorrelationId = FrameHeader.correlationId(headerView, 0);
                        continue;
                    }
                    in.skipNBytes(length - FrameHeader.LENGTH);
                    if (type == FrameHeader.INIT_PRODUCER_ID_RESPONSE
                        && FrameHeader.correlationId(headerView, 0) == syncCorrelationId) {
                        return true;
                    }
                }
            } catch (final SocketTimeoutException e) {
                throw new AssertionError("The broker neither answered nor closed within " + READ_TIMEOUT_MS
                    + " ms", e);
            } catch (final IOException e) {
                // End of stream, or a reset because the broker closed with our sync still unread.
                return false;
            }
        }

        /** Writes one valid request from this connection's node into {@link #frame}; returns its length. */
        private int validFrame() {
            final int correlationId = nextCorrelationId++;
            switch (random.nextInt(3)) {
                case 0:
                    // acks=1: answered at once, so no later frame waits behind it for the broker's attention.
                    produce.wrapForEncode(frame, 0, frame.capacity(), correlationId, node, ACKS_LEADER, 1_000);
                    final int entries = 1 + random.nextInt(PARTITIONS);
                    for (int e = 0; e < entries; e++) {
                        final int length = batch(1 + random.nextInt(4));
                        produce.addBatch(random.nextInt(PARTITIONS), batches, 0, length);
                    }
                    return produce.encodedLength();
                case 1:
                    fetch.wrapForEncode(frame, 0, correlationId, node, 0, 1024 * 1024);
                    fetch.add(random.nextInt(PARTITIONS), random.nextInt(100));
                    return fetch.encodedLength();
                default:
                    return InitProducerId.encodeRequest(frame, 0, correlationId, node);
            }
        }

        private int batch(final int records) {
            final RecordBatchWriter writer = new RecordBatchWriter().wrap(batches, 0, batches.capacity());
            writer.producerState(RecordBatchLayout.NO_PRODUCER_ID, RecordBatchLayout.NO_PRODUCER_EPOCH,
                RecordBatchLayout.NO_SEQUENCE);
            for (int r = 0; r < records; r++) {
                value.putLong(0, nextFuzzValue++, ByteOrder.BIG_ENDIAN);
                assertThat(writer.append(1_000_000L, null, 0, -1, value, 0, Long.BYTES, null)).isTrue();
            }
            return writer.seal();
        }

        private byte[] prefixed(final int length) {
            final byte[] bytes = new byte[TcpEndpoint.LENGTH_PREFIX + length];
            final UnsafeBuffer view = new UnsafeBuffer(bytes);
            view.putInt(0, length, ByteOrder.BIG_ENDIAN);
            view.putBytes(TcpEndpoint.LENGTH_PREFIX, frame, 0, length);
            return bytes;
        }
    }

    /** Counts what one logger publishes, instead of printing it, for the duration of the test. */
    private static final class LogCounter extends Handler {
        private final Logger logger;
        private final boolean usedParentHandlers;
        private final AtomicInteger records = new AtomicInteger();
        private final AtomicInteger warnings = new AtomicInteger();
        private final List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();

        private LogCounter(final Logger logger) {
            this.logger = logger;
            this.usedParentHandlers = logger.getUseParentHandlers();
        }

        static LogCounter attach(final String name) {
            final LogCounter counter = new LogCounter(Logger.getLogger(name));
            counter.logger.addHandler(counter);
            counter.logger.setUseParentHandlers(false);
            return counter;
        }

        void detach() {
            logger.removeHandler(this);
            logger.setUseParentHandlers(usedParentHandlers);
        }

        @Override
        public void publish(final LogRecord record) {
            records.incrementAndGet();
            if (record.getLevel() == Level.WARNING) {
                warnings.incrementAndGet();
                messages.add(record.getMessage());
            }
        }

        int records() {
            return records.get();
        }

        int warnings() {
            return warnings.get();
        }

        long warningsStartingWith(final String prefix) {
            return messages.stream().filter(m -> m.startsWith(prefix)).count();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
