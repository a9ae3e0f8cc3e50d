package io.ackbench.broker;

import io.ackbench.log.PartitionLog;
import io.ackbench.record.RecordBatchWriter;
import io.ackbench.transport.Endpoint;
import io.ackbench.transport.FrameHeader;
import io.ackbench.transport.InProcessNetwork;
import io.ackbench.transport.ProduceRequest;
import io.ackbench.transport.ProduceResponse;
import io.ackbench.transport.TopicLayout;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flush that fails after the log end offset moved past a batch. The log package has no seam for failing the force
 * itself, but with flush.ms set its append reads the flush-policy clock after the batch is written and before it
 * forces, so a clock that throws there fails the append at exactly that point. One broker, one partition, driven by
 * calling its duty cycle on the test thread.
 */
class BrokerStorageErrorTest {
    private static final String TOPIC = "ackbench";
    private static final short ACKS_LEADER = 1;
    private static final int NONE = 0;
    private static final int KAFKA_STORAGE_ERROR = 56;
    private static final long PRODUCER_ID = 1000;
    private static final int MAX_CYCLES = 1_000;

    @TempDir
    Path dataDir;

    /** Armed by the test thread, which is also the broker's: the log's next flush-policy clock read throws. */
    private boolean failNextFlush;
    private final UnsafeBuffer out = new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024));
    private final List<ProduceResponse> answers = new ArrayList<>();

    @Test
    void batchWhoseFlushFailedIsAnsweredWithAStorageErrorAndItsRetryIsADuplicate() {
        final BrokerConfig config = BrokerConfig.of(Map.of(BrokerConfig.BROKERS, "1",
            BrokerConfig.REPLICATION_FACTOR, "1", BrokerConfig.NUM_PARTITIONS, "1",
            "flush.messages", "1", "flush.ms", "3600000"));
        final TopicLayout layout = TopicLayout.spread(TOPIC, 1, 1, 1);
        final InProcessNetwork network = new InProcessNetwork(1 << 20);
        final Endpoint brokerEndpoint = network.addNode();
        final Endpoint client = network.addNode();
        final long nowMs = SystemNanoClock.INSTANCE.nanoTime() / 1_000_000L;
        final Broker broker = new Broker(brokerEndpoint.nodeId(), config, layout, dataDir, brokerEndpoint,
            new ProducerIdAllocator(), new BrokerLiveness(1, nowMs), SystemNanoClock.INSTANCE,
            (dir, logConfig) -> PartitionLog.open(dir, logConfig, this::flushClockMs));
        try {
            assertAnswer(produce(broker, client, 1, batch(0, 5, 0)), NONE, 0);

            failNextFlush = true;
            final ByteBuffer failing = batch(5, 5, 5);
            assertAnswer(produce(broker, client, 2, failing), KAFKA_STORAGE_ERROR, -1);
            assertThat(failNextFlush).as("the injected failure was used").isFalse();

            // The producer retries the batch it was told failed: it is in the log already.
            assertAnswer(produce(broker, client, 3, failing), NONE, 5);
            assertAnswer(produce(broker, client, 4, batch(10, 5, 10)), NONE, 10);
        } finally {
            broker.onClose();
        }
        assertThat(broker.appendedBatches()).isEqualTo(3);
        assertThat(broker.duplicateBatches()).isEqualTo(1);
        final List<LogContents.Entry> log = LogContents.read(LogContents.partitionDir(dataDir, 0, TOPIC, 0));
        assertThat(log).hasSize(15);
        for (int i = 0; i < log.size(); i++) {
            assertThat(log.get(i)).isEqualTo(new LogContents.Entry(i, i));
        }
    }

    private long flushClockMs() {
        if (failNextFlush) {
            failNextFlush = false;
            throw new UncheckedIOException(new IOException("injected: the flush after this append failed"));
        }
        return System.currentTimeMillis();
    }

    /** Sends one acks=1 Produce request and runs the broker until it answers. */
    private ProduceResponse produce(final Broker broker, final Endpoint client, final int correlationId,
                                    final ByteBuffer batch) {
        final ProduceRequest request = new ProduceRequest();
        request.wrapForEncode(out, 0, out.capacity(), correlationId, client.nodeId(), ACKS_LEADER, 30_000);
        request.addBatch(0, new UnsafeBuffer(batch), 0, batch.capacity());
        assertThat(client.send(0, out, 0, request.encodedLength())).isTrue();
        answers.clear();
        for (int cycle = 0; cycle < MAX_CYCLES && answers.isEmpty(); cycle++) {
            broker.doWork();
            client.poll((buffer, offset, length) -> {
                assertThat(FrameHeader.type(buffer, offset)).isEqualTo(FrameHeader.PRODUCE_RESPONSE);
                final byte[] copy = new byte[length];
                buffer.getBytes(offset, copy);
                answers.add(new ProduceResponse().wrapForDecode(new UnsafeBuffer(copy), 0, length));
            }, 16);
        }
        assertThat(answers).as("answers to request %d", correlationId).hasSize(1);
        assertThat(answers.get(0).correlationId()).isEqualTo(correlationId);
        return answers.get(0);
    }

    private static void assertAnswer(final ProduceResponse response, final int errorCode, final long baseOffset) {
        assertThat(response.entryCount()).isEqualTo(1);
        assertThat(response.errorCode(0)).as("error code").isEqualTo((short) errorCode);
        assertThat(response.baseOffset(0)).as("base offset").isEqualTo(baseOffset);
    }

    /** An idempotent batch of {@code count} records numbered from {@code firstValue}, exactly its length. */
    private static ByteBuffer batch(final long firstValue, final int count, final int baseSequence) {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(8 * 1024));
        final UnsafeBuffer value = new UnsafeBuffer(ByteBuffer.allocateDirect(Long.BYTES));
        final RecordBatchWriter writer = new RecordBatchWriter().wrap(buffer, 0, buffer.capacity());
        writer.producerState(PRODUCER_ID, (short) 0, baseSequence);
        for (int i = 0; i < count; i++) {
            value.putLong(0, firstValue + i, ByteOrder.BIG_ENDIAN);
            assertThat(writer.append(System.currentTimeMillis(), null, 0, -1, value, 0, Long.BYTES, null)).isTrue();
        }
        final int length = writer.seal();
        final ByteBuffer sealed = ByteBuffer.allocateDirect(length);
        buffer.getBytes(0, sealed, 0, length);
        return sealed;
    }
}
