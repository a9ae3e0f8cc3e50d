package io.ackbench.transport;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Metadata: what a client asks a bootstrap broker before producing (Kafka's Metadata request, for one topic): the
 * topic's partitions and each partition's replicas, leader first. Not on the hot path; it builds Java objects.
 * <pre>
 *   request:   0 header | 12 int16 topicLength | 14 topic (ASCII)
 *   response:  0 header | 12 int16 errorCode | 14 int32 brokers | 18 int32 partitions | 22 int32 replicationFactor
 *              | 26 int32 replica ids, partition by partition, leader first | then int16 topicLength | topic (ASCII)
 * </pre>
 */
public final class Metadata {
    public static final int TOPIC_LENGTH_OFFSET = FrameHeader.LENGTH;
    public static final int TOPIC_OFFSET = TOPIC_LENGTH_OFFSET + 2;
    public static final int ERROR_OFFSET = FrameHeader.LENGTH;
    public static final int BROKERS_OFFSET = ERROR_OFFSET + 2;
    public static final int PARTITIONS_OFFSET = BROKERS_OFFSET + 4;
    public static final int REPLICATION_FACTOR_OFFSET = PARTITIONS_OFFSET + 4;
    public static final int REPLICAS_OFFSET = REPLICATION_FACTOR_OFFSET + 4;

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

    /** A response describing {@code layout}, or only {@code errorCode} when {@code layout} is null. */
    public static int encodeResponse(final MutableDirectBuffer buffer, final int offset, final int correlationId,
                                     final int source, final short errorCode, final TopicLayout layout) {
        FrameHeader.write(buffer, offset, FrameHeader.METADATA_RESPONSE, correlationId, source);
        buffer.putShort(offset + ERROR_OFFSET, errorCode);
        final int partitions = layout == null ? 0 : layout.partitionCount();
        final int replicationFactor = layout == null ? 0 : layout.replicationFactor();
        buffer.putInt(offset + BROKERS_OFFSET, layout == null ? 0 : layout.brokerCount());
        buffer.putInt(offset + PARTITIONS_OFFSET, partitions);
        buffer.putInt(offset + REPLICATION_FACTOR_OFFSET, replicationFactor);
        int at = offset + REPLICAS_OFFSET;
        for (int p = 0; p < partitions; p++) {
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
     * The layout a response describes.
     *
     * @throws MalformedFrameException if its counts do not fit the frame
     */
    public static TopicLayout layout(final DirectBuffer buffer, final int offset, final int length) {
        FrameChecks.checkFixedPart("Metadata response", length, REPLICAS_OFFSET);
        final int brokers = buffer.getInt(offset + BROKERS_OFFSET);
        final int partitions = buffer.getInt(offset + PARTITIONS_OFFSET);
        final int replicationFactor = buffer.getInt(offset + REPLICATION_FACTOR_OFFSET);
        final long replicaBytes = (long) partitions * replicationFactor * 4;
        if (partitions < 1 || replicationFactor < 1 || REPLICAS_OFFSET + replicaBytes + 2 > length) {
            throw new MalformedFrameException("Metadata response declares " + partitions + " partitions of "
                + replicationFactor + " replicas; " + length + " bytes cannot hold them");
        }
        final int[][] replicas = new int[partitions][replicationFactor];
        int at = offset + REPLICAS_OFFSET;
        for (int p = 0; p < partitions; p++) {
            for (int r = 0; r < replicationFactor; r++) {
                replicas[p][r] = buffer.getInt(at);
                at += 4;
            }
        }
        final int topicLength = buffer.getShort(at);
        if (topicLength < 0 || at + 2 + topicLength > offset + length) {
            throw new MalformedFrameException("Metadata response declares a " + topicLength + "-byte topic past its end");
        }
        return TopicLayout.of(buffer.getStringWithoutLengthAscii(at + 2, topicLength), brokers, replicas);
    }
}
