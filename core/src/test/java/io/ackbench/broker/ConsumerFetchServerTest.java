package io.ackbench.broker;

import io.ackbench.log.LogConfig;
import io.ackbench.log.PartitionLog;
import io.ackbench.record.RecordBatchReader;
import io.ackbench.record.RecordBatchWriter;
import io.ackbench.transport.Endpoint;
import io.ackbench.transport.ErrorCode;
import io.ackbench.transport.FetchRequest;
import io.ackbench.transport.FetchResponse;
import io.ackbench.transport.FrameHeader;
import io.ackbench.transport.InProcessNetwork;
import io.ackbench.transport.NodeIds;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leader's answers to a consumer's fetches, with {@link FetchServer} driven on the test thread: broker 0 leads
 * partition 0 with followers 1 and 2 (whose fetches the test sends), and node {@code firstClient(3)} is the consumer.
 * Each answer reads as "correlation error highWatermark [offsets of the records]".
 */
class ConsumerFetchServerTest {
    private static final int BROKERS = 3;
    private static final int LEADER = 0;
    private static final int MAX_WAIT_MS = 500;
    private static final long NOW_MS = 1_000;

    @TempDir
    Path dataDir;

    private PartitionLog log;
    private PartitionReplica replica;
    private ReplicaSet replicaSet;
    private FetchServer server;
    private Endpoint consumer;
    private final Endpoint[] followers = new Endpoint[BROKERS];
    private final UnsafeBuffer out = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));
    private final FetchRequest request = new FetchRequest();

    @BeforeEach
    void setUp() {
        final InProcessNetwork network = new InProcessNetwork(1 << 20);
        final Endpoint leader = network.addNode();
        followers[1] = network.addNode();
        followers[2] = network.addNode();
        network.addNode(); // the controller's id
        consumer = network.addNode();
        assertThat(consumer.nodeId()).isEqualTo(NodeIds.firstClient(BROKERS));
        log = PartitionLog.open(dataDir.resolve("p0"), LogConfig.defaults());
        replica = new PartitionReplica(0, log);
        replicaSet = new ReplicaSet(new int[] {0, 1, 2}, LEADER, 1, 600_000, NOW_MS);
        final PartitionReplica[] replicas = {replica};
        replica.becomeLeader(LEADER, 0, replicaSet, new int[] {1, 2});
        final Replies replies = new Replies(leader);
        final DelayedProduces delayed = new DelayedProduces(replicas, replies, LEADER,
            new ClientConnections(FrameHeader.MAX_NODES));
        server = new FetchServer(LEADER, BROKERS, replicas, delayed, replies);
    }

    @AfterEach
    void tearDown() {
        log.close();
    }

    @Test
    void acksOneRecordsAboveTheHighWatermarkAreNotReadUntilTheFollowersHaveThem() {
        appendBatch(2); // offsets 0, 1
        appendBatch(1); // offset 2
        assertThat(replicaSet.highWatermark()).isZero();

        server.onFetch(consumerFetch(1, 0, 0), NOW_MS);
        assertThat(answers()).containsExactly("1 NONE 0 []");

        // Both followers have the first batch: the high watermark is 2, and only that batch is readable.
        followerFetch(1, 2);
        followerFetch(2, 2);
        assertThat(replicaSet.highWatermark()).isEqualTo(2);
        server.onFetch(consumerFetch(2, 0, 0), NOW_MS);
        assertThat(answers()).containsExactly("2 NONE 2 [0, 1]");

        followerFetch(1, 3);
        followerFetch(2, 3);
        server.onFetch(consumerFetch(3, 2, 0), NOW_MS);
        assertThat(answers()).containsExactly("3 NONE 3 [2]");
    }

    @Test
    void parkedConsumerFetchIsAnsweredWhenTheHighWatermarkPassesItsOffset() {
        appendBatch(2);
        server.onFetch(consumerFetch(7, 0, MAX_WAIT_MS), NOW_MS);
        assertThat(server.parkedConsumerCount()).isEqualTo(1);
        assertThat(answers()).isEmpty();

        // One follower is not enough to move the high watermark of an ISR of three: still parked.
        followerFetch(1, 2);
        assertThat(server.serveArrivals()).isZero();
        assertThat(answers()).isEmpty();

        followerFetch(2, 2);
        assertThat(server.serveArrivals()).isEqualTo(1);
        assertThat(answers()).containsExactly("7 NONE 2 [0, 1]");
        assertThat(server.parkedConsumerCount()).isZero();
        assertThat(server.expire(NOW_MS + 10 * MAX_WAIT_MS)).isZero();
    }

    @Test
    void parkedConsumerFetchWithNothingCommittedIsAnsweredEmptyWhenItsWaitIsOver() {
        appendBatch(1);
        server.onFetch(consumerFetch(4, 0, MAX_WAIT_MS), NOW_MS);
        assertThat(server.expire(NOW_MS + MAX_WAIT_MS - 1)).isZero();
        assertThat(server.expire(NOW_MS + MAX_WAIT_MS)).isEqualTo(1);
        assertThat(answers()).containsExactly("4 NONE 0 []");
    }

    @Test
    void consumerFetchDoesNotMoveTheHighWatermarkOrTheIsr() {
        appendBatch(2);
        server.onFetch(consumerFetch(1, 2, 0), NOW_MS);
        assertThat(answers()).containsExactly("1 NONE 0 []");
        assertThat(replicaSet.highWatermark()).isZero();
        assertThat(replicaSet.isrSize()).isEqualTo(3);
    }

    @Test
    void followerAnswersNotLeaderOrFollowerAndAParkedFetchIsAnsweredWhenLeadershipGoes() {
        server.onFetch(consumerFetch(1, 0, MAX_WAIT_MS), NOW_MS);
        replica.becomeFollower(1, 1);
        server.onHighWatermark(0); // what Broker.follow does
        assertThat(server.serveArrivals()).isEqualTo(1);
        server.onFetch(consumerFetch(2, 0, MAX_WAIT_MS), NOW_MS);
        assertThat(answers()).containsExactly("1 NOT_LEADER_OR_FOLLOWER -1 []", "2 NOT_LEADER_OR_FOLLOWER -1 []");
    }

    @Test
    void offsetPastTheLogEndIsOutOfRangeAndOneBetweenHighWatermarkAndLogEndReadsNothing() {
        appendBatch(2);
        followerFetch(1, 1);
        followerFetch(2, 1);
        assertThat(replicaSet.highWatermark()).isEqualTo(1);
        server.onFetch(consumerFetch(1, 3, MAX_WAIT_MS), NOW_MS);
        server.onFetch(consumerFetch(2, 2, 0), NOW_MS);
        assertThat(answers()).containsExactly("1 OFFSET_OUT_OF_RANGE 1 []", "2 NONE 1 []");
    }

    @Test
    void olderLeaderEpochIsFencedAndNewerOneUnknown() {
        replica.log().assignEpochStartOffset(2);
        replica.becomeFollower(1, 1);
        replica.becomeLeader(LEADER, 2, replicaSet, new int[] {1, 2});
        server.onFetch(consumerFetch(1, 1, 0, 0), NOW_MS);
        server.onFetch(consumerFetch(2, 3, 0, 0), NOW_MS);
        server.onFetch(consumerFetch(3, 2, 0, 0), NOW_MS);
        assertThat(answers()).containsExactly("1 FENCED_LEADER_EPOCH -1 []", "2 UNKNOWN_LEADER_EPOCH -1 []",
            "3 NONE 0 []");
    }

    @Test
    void aFetchThatFindsEverySlotTakenIsAnsweredAtOnce() {
        final InProcessNetwork network = new InProcessNetwork(64 * 1024);
        final Endpoint leader = network.addNode();
        for (int n = 1; n < NodeIds.firstClient(BROKERS); n++) {
            network.addNode();
        }
        final List<Endpoint> clients = new ArrayList<>();
        for (int c = 0; c <= ConsumerFetches.CAPACITY; c++) {
            clients.add(network.addNode());
        }
        final PartitionReplica[] replicas = {replica};
        final Replies replies = new Replies(leader);
        final FetchServer crowded = new FetchServer(LEADER, BROKERS, replicas,
            new DelayedProduces(replicas, replies, LEADER, new ClientConnections(FrameHeader.MAX_NODES)), replies);
        for (final Endpoint client : clients) {
            request.wrapForEncode(out, 0, 9, client.nodeId(), MAX_WAIT_MS, 1024);
            request.add(0, 0);
            crowded.onFetch(new FetchRequest().wrapForDecode(out, 0, request.encodedLength()), NOW_MS);
        }
        assertThat(crowded.parkedConsumerCount()).isEqualTo(ConsumerFetches.CAPACITY);
        final List<Integer> answered = new ArrayList<>();
        for (int c = 0; c < clients.size(); c++) {
            if (clients.get(c).poll((buffer, offset, length) -> { }, 16) > 0) {
                answered.add(c);
            }
        }
        assertThat(answered).as("clients answered at once").containsExactly(ConsumerFetches.CAPACITY);
    }

    private void appendBatch(final int records) {
        final UnsafeBuffer batch = new UnsafeBuffer(ByteBuffer.allocateDirect(1024));
        final UnsafeBuffer value = new UnsafeBuffer(ByteBuffer.allocateDirect(8));
        final RecordBatchWriter writer = new RecordBatchWriter().wrap(batch, 0, batch.capacity());
        for (int r = 0; r < records; r++) {
            assertThat(writer.append(NOW_MS, null, 0, -1, value, 0, 8, null)).isTrue();
        }
        log.appendAsLeader(batch, 0, writer.seal(), replica.leaderEpoch());
        if (replicaSet.onLeaderAppend(log.logEndOffset())) {
            server.onHighWatermark(0);
        }
        server.onAppend(0);
    }

    /** Follower {@code id} fetches from {@code offset}, its log end; its answer is read and dropped. */
    private void followerFetch(final int id, final long offset) {
        request.wrapForEncode(out, 0, 100, id, 0, 64 * 1024);
        request.add(0, offset);
        server.onFetch(new FetchRequest().wrapForDecode(out, 0, request.encodedLength()), NOW_MS);
        followers[id].poll((buffer, at, length) -> { }, 16);
    }

    private FetchRequest consumerFetch(final int correlationId, final long fetchOffset, final int maxWaitMs) {
        return consumerFetch(correlationId, FetchRequest.NO_EPOCH, fetchOffset, maxWaitMs);
    }

    private FetchRequest consumerFetch(final int correlationId, final int currentEpoch, final long fetchOffset,
                                       final int maxWaitMs) {
        request.wrapForEncode(out, 0, correlationId, consumer.nodeId(), maxWaitMs, 64 * 1024);
        request.add(0, currentEpoch, fetchOffset, FetchRequest.NO_EPOCH);
        return new FetchRequest().wrapForDecode(out, 0, request.encodedLength());
    }

    /** The consumer's answers since the last call. */
    private List<String> answers() {
        final List<String> answers = new ArrayList<>();
        while (consumer.poll((buffer, offset, length) -> {
            final FetchResponse response = new FetchResponse().wrapForDecode(buffer, offset, length);
            assertThat(response.nextEntry()).isTrue();
            final List<Long> offsets = new ArrayList<>();
            final RecordBatchReader reader = new RecordBatchReader();
            final int end = response.recordsOffset() + response.recordsLength();
            for (int at = response.recordsOffset(); at < end; at = reader.nextBatchOffset()) {
                reader.wrap(buffer, at, end - at);
                for (long o = reader.baseOffset(); o <= reader.lastOffset(); o++) {
                    offsets.add(o);
                }
            }
            answers.add(response.correlationId() + " " + ErrorCode.name(response.errorCode()) + " "
                + response.highWatermark() + " " + offsets);
        }, 16) > 0) {
            // read everything on the connection
        }
        return answers;
    }
}
