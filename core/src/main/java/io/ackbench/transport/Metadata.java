package io.ackbench.transport;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Metadata: what a client asks a bootstrap broker before producing, and again whenever a leader may have moved
 * (Kafka's Metadata request, for one topic): the topic's partitions, each partition's current leader and leader
 * epoch, and its replicas, preferred leader first. A partition whose election is pending has leader -1
 * ({@link TopicLayout#NO_LEADER}). Not on the hot path; it builds Java objects.
 * <pre>
 *   request:   0 header | 12 int16 topicLength | 14 topic (ASCII)
 *   response:  0 header | 12 int16 errorCode | 14 int32 brokers | 18 int32 partitions | 22 int32 replicationFactor
 *              | 26 one entry per partition, in partition order | then int16 topicLength | topic (ASCII)
 *   entry:     +0 int32 leader (-1: none) | +4 int32 leaderEpoch | +8 int32 replica ids, preferred leader first
 * </pre>
 */
public final class Metadata {
    public static final int TOPIC_LENGTH_OFFSET = FrameHeader.LENGTH;
    public static final int TOPIC_OFFSET = TOPIC_LENGTH_OFFSET + 2;
    public static final int ERROR_OFFSET = FrameHeader.LENGTH;
    public static final int BROKERS_OFFSET = ERROR_OFFSET + 2;
    public static final int PARTITIONS_OFFSET = BROKERS_OFFSET + 4;
    public static final int REPLICATION_FACTOR_OFFSET = PARTITIONS_OFFSET + 4;
    /** Where the first partition's entry starts. */
    public static final int PARTITION_ENTRIES_OFFSET = REPLICATION_FACTOR_OFFSET + 4;
    /** Within a partition's entry: its current leader, or -1. */
    public static final int ENTRY_LEADER_OFFSET = 0;
    /** Within a partition's entry: its leader epoch. */
    public static final int ENTRY_LEADER_EPOCH_OFFSET = ENTRY_LEADER_OFFSET + 4;
    /** Within a partition's entry: its replica ids, preferred leader first. */
    public static final int ENTRY_REPLICAS_OFFSET = ENTRY_LEADER_EPOCH_OFFSET + 4;

    private Metadata() {
    }

    public static int encodeRequest(final MutableDirectBuffer buffer, final int offset, final int correlationId,
                                    final int source, final String topic) {
        FrameHeader.write(buffer, offset, FrameHeader.METADATA_REQUEST, correlationId, source);
        final byte[] name = topic.getBytes(StandardCharsets.US_ASCII);
        buffer.putShort(offset + TOPIC_LENGTH_OFFSET, (short) name.length);
        buffer.putBytes(offset + TOPIC_OFFSET, name);
        return TOPIC_OFFSET + name.length;
    }

    /** @throws MalformedFrameException if the topic's length does not fit the frame */
    public static String requestedTopic(final DirectBuffer buffer, final int offset, final int length) {
        FrameChecks.checkFixedPart("Metadata request", length, TOPIC_OFFSET);
        final int topicLength = buffer.getShort(offset + TOPIC_LENGTH_OFFSET);
        if (topicLength < 0 || topicLength > length - TOPIC_OFFSET) {
            throw new MalformedFrameException("Metadata request declares a " + topicLength + "-byte topic; the frame has "
                + (length - TOPIC_OFFSET) + " bytes left");
        }
        return buffer.getStringWithoutLengthAscii(offset + TOPIC_OFFSET, topicLength);
    }

    /** The bytes one partition's entry takes with {@code replicationFactor} replicas. */
    public static long entryLength(final int replicationFactor) {
        return ENTRY_REPLICAS_OFFSET + 4L * replicationFactor;
    }

    /**
     * A response describing {@code layout}, with each partition's current leader and leader epoch, or only
     * {@code errorCode} when {@code layout} is null.
     */
    public static int encodeResponse(final MutableDirectBuffer buffer, final int offset, final int correlationId,
                                     final int source, final short errorCode, final TopicLayout layout) {
        FrameHeader.write(buffer, offset, FrameHeader.METADATA_RESPONSE, correlationId, source);
        buffer.putShort(offset + ERROR_OFFSET, errorCode);
        final int partitions = layout == null ? 0 : layout.partitionCount();
        final int replicationFactor = layout == null ? 0 : layout.replicationFactor();
        buffer.putInt(offset + BROKERS_OFFSET, layout == null ? 0 : layout.brokerCount());
        buffer.putInt(offset + PARTITIONS_OFFSET, partitions);
        buffer.putInt(offset + REPLICATION_FACTOR_OFFSET, replicationFactor);
        int at = offset + PARTITION_ENTRIES_OFFSET;
        for (int p = 0; p < partitions; p++) {
            buffer.putInt(at + ENTRY_LEADER_OFFSET, layout.leader(p));
            buffer.putInt(at + ENTRY_LEADER_EPOCH_OFFSET, layout.leaderEpoch(p));
            at += ENTRY_REPLICAS_OFFSET;
            for (final int replica : layout.replicas(p)) {
                buffer.putInt(at, replica);
                at += 4;
            }
        }
        final byte[] name = layout == null ? new byte[0] : layout.topic().getBytes(StandardCharsets.US_ASCII);
        buffer.putShort(at, (short) name.length);
        buffer.putBytes(at + 2, name);
        return at + 2 + name.length - offset;
    }

    public static short errorCode(final DirectBuffer buffer, final int offset) {
        return buffer.getShort(offset + ERROR_OFFSET);
    }

    /**
     * The layout a response describes, current leaders and leader epochs included.
     *
     * @throws MalformedFrameException if its counts do not fit the frame, a replica id is outside the cluster, a
     *                                 leader is neither -1 nor one of its partition's replicas, or a leader epoch is
     *                                 negative
     */
    public static TopicLayout layout(final DirectBuffer buffer, final int offset, final int length) {
        FrameChecks.checkFixedPart("Metadata response", length, PARTITION_ENTRIES_OFFSET);
        final int brokers = buffer.getInt(offset + BROKERS_OFFSET);
        final int partitions = buffer.getInt(offset + PARTITIONS_OFFSET);
        final int replicationFactor = buffer.getInt(offset + REPLICATION_FACTOR_OFFSET);
        if (partitions < 1 || replicationFactor < 1
            || PARTITION_ENTRIES_OFFSET + partitions * entryLength(replicationFactor) + 2 > length) {
            throw new MalformedFrameException("Metadata response declares " + partitions + " partitions of "
                + replicationFactor + " replicas; " + length + " bytes cannot hold them");
        }
        final int[][] replicas = new int[partitions][replicationFactor];
        final int[] leaders = new int[partitions];
        final int[] leaderEpochs = new int[partitions];
        int at = offset + PARTITION_ENTRIES_OFFSET;
        for (int p = 0; p < partitions; p++) {
            leaders[p] = buffer.getInt(at + ENTRY_LEADER_OFFSET);
            leaderEpochs[p] = buffer.getInt(at + ENTRY_LEADER_EPOCH_OFFSET);
            at += ENTRY_REPLICAS_OFFSET;
            for (int r = 0; r < replicationFactor; r++) {
                replicas[p][r] = buffer.getInt(at);
                at += 4;
            }
            checkLeader(p, leaders[p], leaderEpochs[p], replicas[p]);
        }
        final int topicLength = buffer.getShort(at);
        if (topicLength < 0 || at + 2 + topicLength > offset + length) {
            throw new MalformedFrameException("Metadata response declares a " + topicLength + "-byte topic past its end");
        }
        final String topic = buffer.getStringWithoutLengthAscii(at + 2, topicLength);
        try {
            return TopicLayout.of(topic, brokers, replicas, leaders, leaderEpochs);
        } catch (final IllegalArgumentException e) {
            throw new MalformedFrameException("Metadata response for topic '" + topic + "' on " + brokers
                + " brokers: " + e.getMessage());
        }
    }

    private static void checkLeader(final int partition, final int leader, final int leaderEpoch,
                                    final int[] replicas) {
        if (leader != TopicLayout.NO_LEADER && !contains(replicas, leader)) {
            throw new MalformedFrameException("Metadata response names broker " + leader + " as partition "
                + partition + "'s leader, which is neither -1 nor one of its replicas " + Arrays.toString(replicas));
        }
        if (leaderEpoch < 0) {
            throw new MalformedFrameException("Metadata response gives partition " + partition + " leader epoch "
                + leaderEpoch + "; epochs start at 0");
        }
    }

    private static boolean contains(final int[] replicas, final int broker) {
        for (final int replica : replicas) {
            if (replica == broker) {
                return true;
            }
        }
        return false;
    }
}
