package io.ackbench.broker;

import io.ackbench.config.ConfigException;
import io.ackbench.record.RecordBatchWriter;
import io.ackbench.testing.Await;
import io.ackbench.transport.AddressBook;
import io.ackbench.transport.ErrorCode;
import io.ackbench.transport.FrameHeader;
import io.ackbench.transport.InProcessNetwork;
import io.ackbench.transport.NodeIds;
import io.ackbench.transport.ProduceRequest;
import io.ackbench.transport.ProduceResponse;
import io.ackbench.transport.TcpEndpoint;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A broker on a thread of its own over TCP, idling in its selector ({@link SelectIdleStrategy}): it answers frames that
 * arrive while it sleeps, applies work handed over by another thread with no frame to wake it, and runs its timers
 * with no frame arriving. Broker 0 leads the one partition, whose other replica, broker 1, never runs: an acks=all
 * request can only end by its timeout. The broker has no controller, so no heartbeat frame reaches it either.
 */
class SelectIdleStrategyTest {
    private static final int CLIENT = NodeIds.firstClient(2);
    private static final short ACKS_ALL = -1;
    private static final short ACKS_LEADER = 1;

    @TempDir
    Path dataDir;

    private final AddressBook addresses = new AddressBook();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final UnsafeBuffer out = new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024));
    private int nextCorrelationId = 1;

    @AfterEach
    void closeAll() throws Exception {
        // Threads first (each broker closes its logs on its own thread), then the endpoints.
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    private static BrokerConfig config(final String... overrides) {
        final Map<String, String> settings = new HashMap<>();
        settings.put(BrokerConfig.BROKERS, "2");
        settings.put(BrokerConfig.REPLICATION_FACTOR, "2");
        settings.put(BrokerConfig.NUM_PARTITIONS, "1");
        for (int i = 0; i < overrides.length; i += 2) {
            settings.put(overrides[i], overrides[i + 1]);
        }
        return BrokerConfig.of(settings);
    }

    private Broker tcpBroker(final int id, final BrokerConfig config) {
        final TcpEndpoint endpoint = TcpEndpoint.listen(id, addresses, config.tcp());
        addresses.put(id, endpoint.localAddress());
        closeables.add(endpoint);
        return new Broker(id, config, config.layout(), dataDir, endpoint, new ProducerIdAllocator(),
            new BrokerLiveness(2, 0), SystemNanoClock.INSTANCE);
    }

    private BrokerThreads run(final BrokerConfig config, final Broker... brokers) {
        final BrokerThreads threads = new BrokerThreads(config, brokers);
        closeables.add(threads);
        return threads;
    }

    private TcpEndpoint client() {
        final TcpEndpoint endpoint = TcpEndpoint.client(CLIENT, addresses, config().tcp());
        closeables.add(endpoint);
        return endpoint;
    }

    /** Sends a one-record batch for partition 0 and waits for the answer, "ERROR@baseOffset". */
    private String produce(final TcpEndpoint client, final short acks, final int timeoutMs) {
        final UnsafeBuffer batch = new UnsafeBuffer(ByteBuffer.allocateDirect(1024));
        final UnsafeBuffer value = new UnsafeBuffer(ByteBuffer.allocateDirect(16));
        value.putLong(0, 42, ByteOrder.BIG_ENDIAN);
        final RecordBatchWriter writer = new RecordBatchWriter().wrap(batch, 0, batch.capacity());
        assertThat(writer.append(1_000L, null, 0, -1, value, 0, 16, null)).isTrue();
        final int correlationId = nextCorrelationId++;
        final ProduceRequest request = new ProduceRequest().wrapForEncode(out, 0, out.capacity(), correlationId,
            CLIENT, acks, timeoutMs);
        request.addBatch(0, batch, 0, writer.seal());
        assertThat(client.send(0, out, 0, request.encodedLength())).isTrue();
        final String[] answer = new String[1];
        Await.until("an answer from broker 0", () -> {
            client.poll((buffer, offset, length) -> {
                assertThat(FrameHeader.type(buffer, offset)).isEqualTo(FrameHeader.PRODUCE_RESPONSE);
                final ProduceResponse response = new ProduceResponse().wrapForDecode(buffer, offset, length);
                assertThat(response.correlationId()).isEqualTo(correlationId);
                answer[0] = ErrorCode.name(response.errorCode(0)) + "@" + response.baseOffset(0);
            }, 1);
            return answer[0] != null;
        });
        return answer[0];
    }

    /** Until the broker has run duty cycles for a few milliseconds with nothing to do: it is asleep between them. */
    private static void awaitIdleCycles(final Broker broker) {
        final long since = broker.heartbeatMs();
        Await.until("idle duty cycles of broker " + broker.id(), () -> broker.heartbeatMs() >= since + 5);
    }

    @Test
    void aFrameArrivingWhileTheBrokerSleepsIsAnswered() {
        final BrokerConfig config = config(BrokerConfig.IDLE_STRATEGY, "select");
        final Broker broker = tcpBroker(0, config);
        assertThat(run(config, broker).idleStrategies()).containsExactly("select");
        final TcpEndpoint client = client();
        awaitIdleCycles(broker);
        assertThat(produce(client, ACKS_LEADER, 30_000)).isEqualTo("NONE@0");
        awaitIdleCycles(broker);
        assertThat(produce(client, ACKS_LEADER, 30_000)).isEqualTo("NONE@1");
    }

    @Test
    void aRoleChangeFromAnotherThreadIsAppliedWithNoFrameArriving() throws Exception {
        final BrokerConfig config = config(BrokerConfig.IDLE_STRATEGY, "select");
        final Broker broker = tcpBroker(0, config);
        run(config, broker);
        awaitIdleCycles(broker);
        broker.becomeLeader(0, 1, 0).get(Await.DEFAULT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        assertThat(broker.leaderEpoch(0)).isEqualTo(1);
        assertThat(broker.isrSize(0)).isEqualTo(1);
    }

    @Test
    void aParkedProduceTimesOutWithNoFrameArriving() {
        final BrokerConfig config = config(BrokerConfig.IDLE_STRATEGY, "select");
        final Broker broker = tcpBroker(0, config);
        run(config, broker);
        // Broker 1 never fetches, so only the request's 50 ms timeout, a timer of the sleeping broker, answers it.
        assertThat(produce(client(), ACKS_ALL, 50)).isEqualTo("REQUEST_TIMED_OUT@-1");
    }

    @Test
    void unsetTheStrategyIsSelectForABrokerAloneOnItsThreadOverTcpAndBackoffElsewhere() {
        final BrokerConfig shared = config();
        final Broker first = tcpBroker(0, shared);
        assertThat(run(shared, first).idleStrategies()).containsExactly("select");
        final BrokerConfig perBroker = config(BrokerConfig.THREADS, "per-broker");
        final Path otherDir = dataDir.resolve("other");
        final TcpEndpoint zero = TcpEndpoint.listen(0, new AddressBook(), perBroker.tcp());
        final TcpEndpoint one = TcpEndpoint.listen(1, new AddressBook(), perBroker.tcp());
        closeables.add(zero);
        closeables.add(one);
        final Broker b0 = new Broker(0, perBroker, perBroker.layout(), otherDir, zero, new ProducerIdAllocator(),
            new BrokerLiveness(2, 0), SystemNanoClock.INSTANCE);
        final Broker b1 = new Broker(1, perBroker, perBroker.layout(), otherDir, one, new ProducerIdAllocator(),
            new BrokerLiveness(2, 0), SystemNanoClock.INSTANCE);
        assertThat(run(perBroker, b0, b1).idleStrategies()).containsExactly("select", "select");
        final InProcessNetwork network = new InProcessNetwork(64 * 1024);
        final Broker inProcess = new Broker(0, shared, shared.layout(), dataDir.resolve("rings"), network.addNode(),
            new ProducerIdAllocator(), new BrokerLiveness(2, 0), SystemNanoClock.INSTANCE);
        assertThat(run(shared, inProcess).idleStrategies()).containsExactly("backoff");
    }

    @Test
    void selectIsRefusedOnASharedThreadOrWithoutTcpNamingTheKeyAndValue() {
        final BrokerConfig config = config(BrokerConfig.IDLE_STRATEGY, "select");
        final Broker zero = tcpBroker(0, config);
        final Broker one = tcpBroker(1, config);
        closeables.add(zero::onClose); // never started: their logs close here
        closeables.add(one::onClose);
        assertThatThrownBy(() -> run(config, zero, one)).isInstanceOf(ConfigException.class)
            .hasMessage("Invalid value 'select' for configuration ackbench.idle.strategy: a thread that sleeps in one "
                + "broker's selector would leave the other 1 brokers sharing it unserved; set "
                + "ackbench.broker.threads=per-broker, or another idle strategy");
        assertThatThrownBy(() -> InProcessCluster.start(Map.of(BrokerConfig.IDLE_STRATEGY, "select"),
            dataDir.resolve("in-process")))
            .isInstanceOf(ConfigException.class)
            .hasMessage("Invalid value 'select' for configuration ackbench.idle.strategy: needs a TCP endpoint, and "
                + "this broker's network is in-process rings, which no selector watches; choose another idle "
                + "strategy");
        assertThatThrownBy(() -> TcpCluster.start(Map.of(BrokerConfig.IDLE_STRATEGY, "SELECT"),
            dataDir.resolve("tcp")))
            .isInstanceOf(ConfigException.class)
            .hasMessageStartingWith("Invalid value 'select' for configuration ackbench.idle.strategy: a thread that "
                + "sleeps in one broker's selector would leave the other 2 brokers");
    }
}
