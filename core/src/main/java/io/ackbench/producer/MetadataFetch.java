package io.ackbench.producer;

import io.ackbench.transport.Endpoint;
import io.ackbench.transport.ErrorCode;
import io.ackbench.transport.FrameHeader;
import io.ackbench.transport.Metadata;
import io.ackbench.transport.TopicLayout;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.locks.LockSupport;

/**
 * Asks a bootstrap broker where a topic's partitions live, before the producer's sender starts (Kafka's first
 * Metadata request, bounded like it by max.block.ms). Runs on the caller's thread and uses the endpoint the sender
 * takes over afterwards, or a harness's own endpoint; it allocates, once.
 */
public final class MetadataFetch {
    private static final int CORRELATION_ID = 0;
    private static final long POLL_PAUSE_NANOS = 100_000;

    private MetadataFetch() {
    }

    public static TopicLayout fetch(final Endpoint endpoint, final int bootstrapNode, final String topic,
                             final long maxBlockMs) {
        final UnsafeBuffer request = new UnsafeBuffer(BufferUtil.allocateDirectAligned(64 + topic.length(), 64));
        final int length = Metadata.encodeRequest(request, 0, CORRELATION_ID, endpoint.nodeId(), topic);
        final long deadline = System.nanoTime() + maxBlockMs * 1_000_000L;
        while (!endpoint.send(bootstrapNode, request, 0, length)) {
            waitOrFail(deadline, topic, maxBlockMs, bootstrapNode);
        }
        final TopicLayout[] layout = new TopicLayout[1];
        final short[] error = {ErrorCode.NONE};
        while (layout[0] == null && error[0] == ErrorCode.NONE) {
            final int frames = endpoint.poll((buffer, offset, frameLength) -> {
                if (frameLength >= FrameHeader.LENGTH
                    && FrameHeader.type(buffer, offset) == FrameHeader.METADATA_RESPONSE
                    && FrameHeader.correlationId(buffer, offset) == CORRELATION_ID) {
                    error[0] = Metadata.errorCode(buffer, offset);
                    if (error[0] == ErrorCode.NONE) {
                        layout[0] = Metadata.layout(buffer, offset, frameLength);
                    }
                }
            }, 16);
            if (frames == 0) {
                waitOrFail(deadline, topic, maxBlockMs, bootstrapNode);
            }
        }
        if (error[0] != ErrorCode.NONE) {
            throw new IllegalStateException("Broker " + bootstrapNode + " answered " + ErrorCode.name(error[0])
                + " for topic '" + topic + "'");
        }
        return layout[0];
    }

    private static void waitOrFail(final long deadline, final String topic, final long maxBlockMs, final int node) {
        if (System.nanoTime() - deadline > 0) {
            throw new MetadataTimeoutException("Topic '" + topic + "' not present in metadata from broker " + node
                + " after max.block.ms=" + maxBlockMs);
        }
        LockSupport.parkNanos(POLL_PAUSE_NANOS);
    }
}
