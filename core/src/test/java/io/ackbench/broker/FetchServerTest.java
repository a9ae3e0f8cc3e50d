package io.ackbench.broker;

import io.ackbench.log.LogConfig;
import io.ackbench.log.PartitionLog;
import io.ackbench.record.RecordBatchWriter;
import io.ackbench.transport.Endpoint;
import io.ackbench.transport.ErrorCode;
import io.ackbench.transport.FetchRequest;
import io.ackbench.transport.FetchResponse;
import io.ackbench.transport.FrameHeader;
import io.ackbench.transport.InProcessNetwork;
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
 * The leader's {@link FetchServer} driven directly on the test thread: broker 0 leads partition 0 with followers 1
 * and 2, and the test plays follower 1 over an in-process network, so each parked fetch and each answer is seen.
 */
class FetchServerTest {
    private static final int LEADER = 0;
    private static final int FOLLOWER = 1;
    private static final int MAX_WAIT_MS = 500;
    private static final long NOW_MS = 1_000;

    @TempDir
    Path dataDir;

    private PartitionLog log;
    private PartitionReplica replica;
    private FetchServer server;
    private Endpoint follower;
    private final UnsafeBuffer out = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));
    private final FetchRequest request = new FetchRequest();

    @BeforeEach
    void setUp() {
        final InProcessNetwork network = new InProcessNetwork(1 << 20);
        final Endpoint leader = network.addNode();
        follower = network.addNode();
        network.addNode();
        log = PartitionLog.open(dataDir.resolve("p0"), LogConfig.defaults());
        replica = new PartitionReplica(0, log);
        final PartitionReplica[] replicas = {replica};
        replicas[0].becomeLeader(LEADER, 0, new ReplicaSet(new int[] {0, 1, 2}, LEADER, 1, 600_000, NOW_MS),
            new int[] {1, 2});
        final Replies replies = new Replies(leader);
        final DelayedProduces delayed = new DelayedProduces(replicas, replies, LEADER,
            new ClientConnections(FrameHeader.MAX_NODES));
        server = new FetchServer(LEADER, 3, replicas, delayed, replies);
    }

    @AfterEach
    void tearDown() {
        log.close();
    }

    @Test
    void secondFetchReplacesTheParkedOneAndIsAnsweredOnce() {
        server.onFetch(fetch(1, 0), NOW_MS);
        server.onFetch(fetch(2, 0), NOW_MS);
        assertThat(server.parkedCount()).as("parked fetches").isEqualTo(1);
        assertThat(received()).as("answers before the wait is over").isEmpty();

        assertThat(server.expire(NOW_MS + MAX_WAIT_MS)).isEqualTo(1);
        assertThat(received()).containsExactly(2);
        assertThat(server.parkedCount()).as("parked fetches").isZero();
        assertThat(server.expire(NOW_MS + 10 * MAX_WAIT_MS)).isZero();
        assertThat(received()).isEmpty();
    }

    @Test
    void fetchAnsweredAtOnceLeavesNoParkedFetchBehind() {
        server.onFetch(fetch(1, 0), NOW_MS);
        appendOneBatch();
        // The follower gave up on its parked fetch and asks again; there is data now, so it is answered at once.
        server.onFetch(fetch(2, 0), NOW_MS);
        assertThat(received()).containsExactly(2);
        assertThat(server.parkedCount()).as("parked fetches").isZero();

        assertThat(server.expire(NOW_MS + 10 * MAX_WAIT_MS)).isZero();
        assertThat(received()).as("answers after the first fetch's wait").isEmpty();
    }

    @Test
    void fetchWithAnOlderLeaderEpochIsFencedAndANewerOneIsUnknown() {
        replica.log().assignEpochStartOffset(2);
        replica.becomeFollower(FOLLOWER, 1);
        replica.becomeLeader(LEADER, 2, new ReplicaSet(new int[] {0, 1, 2}, LEADER, 1, 600_000, NOW_MS),
            new int[] {1, 2});
        server.onFetch(fetch(1, 1, 0, FetchRequest.NO_EPOCH), NOW_MS);
        server.onFetch(fetch(2, 3, 0, FetchRequest.NO_EPOCH), NOW_MS);
        assertThat(answers()).containsExactly("1 " + ErrorCode.FENCED_LEADER_EPOCH + " -1 -1",
            "2 " + ErrorCode.UNKNOWN_LEADER_EPOCH + " -1 -1");
    }

    @Test
    void fetchWhoseLastFetchedEpochEndedBelowItsOffsetIsAnsweredWithTheDivergingEpochAndNoRecords() {
        appendOneBatch(0);
        appendOneBatch(0);                      // epoch 0: [0, 2)
        replica.log().assignEpochStartOffset(1);
        appendOneBatch(1);                      // epoch 1: [2, 3)
        // The follower has epoch 0 up to offset 4: its offsets 2 and 3 never were the leader's.
        server.onFetch(fetch(1, 0, 4, 0), NOW_MS);
        // After truncating to 2 it fetches again, still in epoch 0: no divergence, the epoch-1 batch comes.
        server.onFetch(fetch(2, 0, 2, 0), NOW_MS);
        // In the latest epoch, past the end: diverging at the log end.
        server.onFetch(fetch(3, 0, 5, 1), NOW_MS);
        assertThat(answers()).containsExactly("1 0 0 2", "2 0 -1 -1 records", "3 0 1 3");
    }

    private FetchRequest fetch(final int correlationId, final int currentEpoch, final long fetchOffset,
                               final int lastFetchedEpoch) {
        request.wrapForEncode(out, 0, correlationId, FOLLOWER, MAX_WAIT_MS, 64 * 1024);
        request.add(0, currentEpoch, fetchOffset, lastFetchedEpoch);
        return new FetchRequest().wrapForDecode(out, 0, request.encodedLength());
    }

    /** Each answer since the last call: correlation id, error, diverging epoch and end offset, and whether records came. */
    private List<String> answers() {
        final List<String> answers = new ArrayList<>();
        while (follower.poll((buffer, offset, length) -> {
            final FetchResponse response = new FetchResponse().wrapForDecode(buffer, offset, length);
            assertThat(response.nextEntry()).isTrue();
            answers.add(response.correlationId() + " " + response.errorCode() + " " + response.divergingEpoch() + " "
                + response.divergingEndOffset() + (response.recordsLength() > 0 ? " records" : ""));
        }, 16) > 0) {
            // read everything on the connection
        }
        return answers;
    }

    private FetchRequest fetch(final int correlationId, final long fetchOffset) {
        request.wrapForEncode(out, 0, correlationId, FOLLOWER, MAX_WAIT_MS, 64 * 1024);
        request.add(0, fetchOffset);
        return new FetchRequest().wrapForDecode(out, 0, request.encodedLength());
    }

    private void appendOneBatch() {
        appendOneBatch(0);
    }

    private void appendOneBatch(final int epoch) {
        final UnsafeBuffer batch = new UnsafeBuffer(ByteBuffer.allocateDirect(1024));
        final UnsafeBuffer value = new UnsafeBuffer(ByteBuffer.allocateDirect(8));
        final RecordBatchWriter writer = new RecordBatchWriter().wrap(batch, 0, batch.capacity());
        assertThat(writer.append(NOW_MS, null, 0, -1, value, 0, 8, null)).isTrue();
        log.appendAsLeader(batch, 0, writer.seal(), epoch);
    }

    /** The correlation ids of the fetch responses that reached the follower since the last call. */
    private List<Integer> received() {
        final List<Integer> correlationIds = new ArrayList<>();
        while (follower.poll((buffer, offset, length) -> {
            assertThat(FrameHeader.type(buffer, offset)).isEqualTo(FrameHeader.FETCH_RESPONSE);
            correlationIds.add(new FetchResponse().wrapForDecode(buffer, offset, length).correlationId());
        }, 16) > 0) {
            // read everything on the connection
        }
        return correlationIds;
    }
}
