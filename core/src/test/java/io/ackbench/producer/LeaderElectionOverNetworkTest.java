package io.ackbench.producer;

import io.ackbench.record.RecordBatchReader;
import io.ackbench.testing.Await;
import io.ackbench.transport.Endpoint;
import io.ackbench.transport.ErrorCode;
import io.ackbench.transport.FrameHeader;
import io.ackbench.transport.InProcessNetwork;
import io.ackbench.transport.Metadata;
import io.ackbench.transport.ProduceRequest;
import io.ackbench.transport.ProduceResponse;
import io.ackbench.transport.TopicLayout;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connected producer, on its own sender thread, over the in-process network, facing two stand-in brokers that answer
 * Metadata from a view the test changes and append every batch they are sent. While partition 0 has no leader nothing
 * is produced and the producer keeps asking where it is; once broker 1 is named its leader, every record goes there.
 */
class LeaderElectionOverNetworkTest {
    /** Small connections: the frames here are a few hundred bytes. */
    private static final int RING_BYTES = 1024 * 1024;
    private static final String TOPIC = "orders";
    private static final int PARTITION = 0;
    private static final int RECORDS = 3;
    private static final int NEW_LEADER = 1;
    /** Metadata questions the producer must ask while the partition is leaderless: more than one means it kept asking. */
    private static final int QUESTIONS_WHILE_LEADERLESS = 3;

    @Test
    void recordsWaitWhileThePartitionHasNoLeaderAndAllGoToTheLeaderNamedNext() throws Exception {
        final InProcessNetwork network = new InProcessNetwork(RING_BYTES);
        final TopicLayout created = TopicLayout.spread(TOPIC, 1, 2, 2);
        final StandInBrokers brokers = new StandInBrokers(network.addNode(), network.addNode(),
            created.withLeader(PARTITION, TopicLayout.NO_LEADER, 1));
        final Endpoint client = network.addNode();
        final Queue<Short> outcomes = new ConcurrentLinkedQueue<>();
        final Thread brokerThread = new Thread(brokers::run, "stand-in-brokers");
        brokerThread.start();
        try (Producer producer = Producer.connect(Map.of(
                ProducerConfig.LINGER_MS, "0",
                ProducerConfig.MAX_REQUEST_SIZE, "65536", // Fits the small rings' largest frame.
                ProducerConfig.ENABLE_IDEMPOTENCE, "false",
                ProducerConfig.RETRY_BACKOFF_MS, "5",
                ProducerConfig.RETRY_BACKOFF_MAX_MS, "5"),
            brokers.view, client, (partition, offset, errorCode, appendNanos) -> outcomes.add(errorCode))) {
            final UnsafeBuffer value = new UnsafeBuffer(ByteBuffer.allocateDirect(Long.BYTES));
            for (int i = 0; i < RECORDS; i++) {
                value.putLong(0, i);
                assertThat(producer.send(null, 0, -1, value, 0, Long.BYTES, null, 1L)).isEqualTo(PARTITION);
            }

            Await.until("the producer asks again and again where partition 0's leader is",
                () -> brokers.metadataRequests.get() >= QUESTIONS_WHILE_LEADERLESS, brokers.metadataRequests::get);
            assertThat(brokers.produceRequestsTo).as("produce requests while the partition had no leader").isEmpty();
            assertThat(outcomes).isEmpty();

            brokers.view = created.withLeader(PARTITION, NEW_LEADER, 2);
            Await.until("every record is acknowledged", () -> outcomes.size() == RECORDS, outcomes::toString);
            assertThat(outcomes).containsOnly(ErrorCode.NONE);
            assertThat(brokers.produceRequestsTo).isNotEmpty().containsOnly(NEW_LEADER);
            assertThat(brokers.appended.get()).isEqualTo(RECORDS);
        } finally {
            brokers.running.set(false);
            brokerThread.join();
        }
        assertThat(brokers.failure.get()).isNull();
    }

    /**
     * Two brokers on one thread: each answers Metadata with {@link #view} and appends every batch it is sent, whether
     * or not it leads the partition (the test checks where the batches went).
     */
    private static final class StandInBrokers {
        private final Endpoint[] endpoints;
        private final UnsafeBuffer reply = new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024));
        private final ProduceRequest request = new ProduceRequest();
        private final ProduceResponse response = new ProduceResponse();
        private final RecordBatchReader reader = new RecordBatchReader();
        /** What the brokers say: written by the test thread, read by the brokers' thread (volatile). */
        private volatile TopicLayout view;
        /** Set by the test thread to stop the brokers' thread. */
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger metadataRequests = new AtomicInteger();
        private final AtomicInteger appended = new AtomicInteger();
        /** The broker each Produce request went to, in arrival order. */
        private final Queue<Integer> produceRequestsTo = new ConcurrentLinkedQueue<>();
        /** What ended the brokers' thread, if it failed. */
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private long nextOffset;

        StandInBrokers(final Endpoint broker0, final Endpoint broker1, final TopicLayout view) {
            this.endpoints = new Endpoint[] {broker0, broker1};
            this.view = view;
        }

        void run() {
            try {
                while (running.get()) {
                    int work = 0;
                    for (final Endpoint endpoint : endpoints) {
                        work += endpoint.poll((buffer, offset, length) -> answer(endpoint, buffer, offset, length), 16);
                    }
                    if (work == 0) {
                        Thread.onSpinWait();
                    }
                }
            } catch (final Throwable e) {
                failure.set(e);
            }
        }

        private void answer(final Endpoint endpoint, final DirectBuffer buffer, final int offset, final int length) {
            final short type = FrameHeader.type(buffer, offset);
            final int client = FrameHeader.source(buffer, offset);
            final int correlationId = FrameHeader.correlationId(buffer, offset);
            final int replyLength;
            if (type == FrameHeader.METADATA_REQUEST) {
                metadataRequests.incrementAndGet();
                replyLength = Metadata.encodeResponse(reply, 0, correlationId, endpoint.nodeId(), ErrorCode.NONE, view);
            } else if (type == FrameHeader.PRODUCE_REQUEST) {
                produceRequestsTo.add(endpoint.nodeId());
                request.wrapForDecode(buffer, offset, length).checkEntries();
                response.wrapForEncode(reply, 0, correlationId, endpoint.nodeId());
                while (request.nextEntry()) {
                    reader.wrap(buffer, request.batchOffset(), request.batchLength());
                    final int records = (int) (reader.lastOffset() - reader.baseOffset() + 1);
                    response.add(request.partition(), ErrorCode.NONE, nextOffset);
                    nextOffset += records;
                    appended.addAndGet(records);
                }
                replyLength = response.encodedLength();
            } else {
                throw new AssertionError("Unexpected frame type " + type);
            }
            while (!endpoint.send(client, reply, 0, replyLength)) {
                Thread.onSpinWait();
            }
        }
    }
}
