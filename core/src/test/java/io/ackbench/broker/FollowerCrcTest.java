package io.ackbench.broker;

import io.ackbench.record.RecordBatchLayout;
import io.ackbench.transport.Endpoint;
import io.ackbench.transport.ErrorCode;
import io.ackbench.transport.FetchRequest;
import io.ackbench.transport.FetchResponse;
import io.ackbench.transport.FrameHeader;
import io.ackbench.transport.InProcessNetwork;
import io.ackbench.transport.TopicLayout;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A follower's CRC check on fetched batches ({@code ackbench.replica.verify.crc}). Broker 1 follows both partitions
 * of a topic whose leader, node 0, is this test: it reads each Fetch request and answers it by hand, corrupting a
 * byte where it wants, while the broker's duty cycle runs on the test thread against a clock the test moves. The
 * fetch offsets of the broker's next request are its log end offsets.
 */
class FollowerCrcTest {
    private static final String TOPIC = "ackbench";
    private static final int LEADER = 0;
    private static final int FOLLOWER = 1;
    private static final long BACKOFF_MS = 100;
    private static final int MAX_CYCLES = 100;

    @TempDir
    Path dataDir;

    private final UnsafeBuffer out = new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024));
    private long nowNanos = 1_000_000_000L;
    private Endpoint leader;
    private Broker follower;

    @Test
    void corruptBatchIsNotAppendedNorAnythingBeforeItAndThePartitionIsFetchedAgainAfterTheBackoff() {
        start(true);
        Fetch fetch = nextFetch();
        assertThat(fetch.offsets).isEqualTo(Map.of(0, 0L, 1, 0L));
        answer(fetch, Map.of(0, batches(0, 3), 1, batches(100, 2)));

        fetch = nextFetch();
        assertThat(fetch.offsets).isEqualTo(Map.of(0, 3L, 1, 2L));
        // Partition 0 gets an intact batch followed by one with a flipped value byte; partition 1 an intact one.
        final byte[] intact = concat(batchAt(3, 3, 2), batchAt(5, 5, 2));
        final byte[] corrupt = intact.clone();
        corrupt[corrupt.length - 1] ^= 0x01;
        answer(fetch, Map.of(0, corrupt, 1, batchAt(2, 102, 1)));

        // Nothing of partition 0's answer was appended; partition 1's was, and only it is fetched during the backoff.
        fetch = nextFetch();
        assertThat(follower.corruptFetches()).isEqualTo(1);
        assertThat(fetch.offsets).isEqualTo(Map.of(1, 3L));
        answer(fetch, Map.of());
        nowNanos += (BACKOFF_MS - 1) * 1_000_000L;
        fetch = nextFetch();
        assertThat(fetch.offsets).isEqualTo(Map.of(1, 3L));
        answer(fetch, Map.of());
        nowNanos += 1_000_000L;

        // The backoff is over: partition 0 is fetched again from where it stood, and the leader's intact data is taken.
        fetch = nextFetch();
        assertThat(fetch.offsets).isEqualTo(Map.of(0, 3L, 1, 3L));
        answer(fetch, Map.of(0, intact));
        fetch = nextFetch();
        assertThat(fetch.offsets).isEqualTo(Map.of(0, 7L, 1, 3L));
        assertThat(follower.corruptFetches()).isEqualTo(1);
        follower.onClose();

        assertThat(LogContents.read(LogContents.partitionDir(dataDir, FOLLOWER, TOPIC, 0)))
            .containsExactlyElementsOf(entries(0, 0, 7));
        assertThat(LogContents.read(LogContents.partitionDir(dataDir, FOLLOWER, TOPIC, 1)))
            .containsExactlyElementsOf(entries(0, 100, 3));
    }

    @Test
    void withTheCheckOffTheCorruptBatchIsAppended() {
        start(false);
        final Fetch first = nextFetch();
        final byte[] corrupt = concat(batchAt(0, 0, 3), batchAt(3, 3, 2));
        corrupt[corrupt.length - 1] ^= 0x01;
        answer(first, Map.of(0, corrupt, 1, batchAt(0, 100, 1)));

        final Fetch next = nextFetch();
        assertThat(next.offsets).isEqualTo(Map.of(0, 5L, 1, 1L));
        assertThat(follower.corruptFetches()).isZero();
        follower.onClose();
    }

    private void start(final boolean verifyCrc) {
        final BrokerConfig config = BrokerConfig.of(Map.of(BrokerConfig.BROKERS, "2",
            BrokerConfig.REPLICATION_FACTOR, "2", BrokerConfig.NUM_PARTITIONS, "2",
            BrokerConfig.REPLICA_FETCH_BACKOFF_MS, Long.toString(BACKOFF_MS),
            BrokerConfig.REPLICA_VERIFY_CRC, Boolean.toString(verifyCrc)));
        final TopicLayout layout = TopicLayout.of(TOPIC, 2, new int[][] {{LEADER, FOLLOWER}, {LEADER, FOLLOWER}});
        final InProcessNetwork network = new InProcessNetwork(1 << 20);
        leader = network.addNode();
        final Endpoint followerEndpoint = network.addNode();
        assertThat(followerEndpoint.nodeId()).isEqualTo(FOLLOWER);
        follower = new Broker(FOLLOWER, config, layout, dataDir, followerEndpoint, new ProducerIdAllocator(),
            new BrokerLiveness(2, nowNanos / 1_000_000L), () -> nowNanos);
    }

    /** Runs the follower until its next Fetch request reaches the leader; exactly one must. */
    private Fetch nextFetch() {
        final List<Fetch> fetches = new ArrayList<>();
        for (int cycle = 0; cycle < MAX_CYCLES && fetches.isEmpty(); cycle++) {
            follower.doWork();
            leader.poll((buffer, offset, length) -> {
                assertThat(FrameHeader.type(buffer, offset)).isEqualTo(FrameHeader.FETCH_REQUEST);
                final FetchRequest request = new FetchRequest().wrapForDecode(buffer, offset, length);
                final Map<Integer, Long> offsets = new LinkedHashMap<>();
                for (int i = 0; i < request.entryCount(); i++) {
                    offsets.put(request.partition(i), request.fetchOffset(i));
                }
                fetches.add(new Fetch(request.correlationId(), offsets));
            }, 16);
        }
        assertThat(fetches).hasSize(1);
        return fetches.get(0);
    }

    /** Answers every partition the fetch asked for: with the bytes given for it, or none. */
    private void answer(final Fetch fetch, final Map<Integer, byte[]> data) {
        final FetchResponse response = new FetchResponse().wrapForEncode(out, 0, out.capacity(), fetch.correlationId,
            LEADER);
        for (final int partition : fetch.offsets.keySet()) {
            final byte[] bytes = data.getOrDefault(partition, new byte[0]);
            response.beginEntry(partition, ErrorCode.NONE, 0);
            out.putBytes(response.recordsOffset(), bytes);
            response.endEntry(bytes.length);
        }
        assertThat(leader.send(FOLLOWER, out, 0, response.encodedLength())).isTrue();
    }

    private static byte[] batches(final long firstValue, final int count) {
        return batchAt(0, firstValue, count);
    }

    /** A batch of {@code count} numbered records as the leader's log holds it: at {@code baseOffset}, epoch 0. */
    private static byte[] batchAt(final long baseOffset, final long firstValue, final int count) {
        final byte[] bytes = TestBatches.plain(firstValue, count);
        final UnsafeBuffer batch = new UnsafeBuffer(bytes);
        // Neither field is covered by the CRC.
        batch.putLong(RecordBatchLayout.BASE_OFFSET_OFFSET, baseOffset, ByteOrder.BIG_ENDIAN);
        batch.putInt(RecordBatchLayout.PARTITION_LEADER_EPOCH_OFFSET, 0, ByteOrder.BIG_ENDIAN);
        return bytes;
    }

    private static byte[] concat(final byte[]... parts) {
        final ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (final byte[] part : parts) {
            joined.writeBytes(part);
        }
        return joined.toByteArray();
    }

    private static List<LogContents.Entry> entries(final long offset, final long firstValue, final int count) {
        final List<LogContents.Entry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(new LogContents.Entry(offset + i, firstValue + i));
        }
        return entries;
    }

    private record Fetch(int correlationId, Map<Integer, Long> offsets) {
    }
}
