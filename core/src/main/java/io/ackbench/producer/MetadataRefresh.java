package io.ackbench.producer;

import io.ackbench.transport.Endpoint;
import io.ackbench.transport.ErrorCode;
import io.ackbench.transport.FrameHeader;
import io.ackbench.transport.Metadata;
import io.ackbench.transport.TopicLayout;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

/**
 * When the sender asks again where the topic's partitions live, and whom (Kafka's {@code Metadata.requestUpdate},
 * {@code timeToNextUpdate} and the least loaded node, kafka-semantics.md §3.5). The view becomes stale on a metadata
 * error, a disconnect, a request timeout, or while a partition with records waiting has no leader, and grows old
 * after metadata.max.age.ms; either way at most one Metadata request is in flight, and none goes out sooner than
 * retry.backoff.ms after the previous attempt ended. It goes to the broker that failed least recently, so not to the
 * one that just failed. The request's bytes are written once here and only their correlation id changes, so asking
 * allocates nothing. Sender thread only.
 */
final class MetadataRefresh {
    private static final int NO_BROKER = -1;
    /** A broker's last failure time before it ever failed; compared apart from real times, which may be negative. */
    private static final long NEVER = Long.MIN_VALUE;
    /** Room for a Metadata request: its header, the topic's length and a topic of up to 255 ASCII bytes. */
    private static final int REQUEST_CAPACITY = 512;

    private final Endpoint endpoint;
    private final UnsafeBuffer request;
    private final int requestLength;
    private final long backoffNanos;
    private final long maxAgeNanos;
    private final long requestTimeoutNanos;
    /** Per broker: when it last failed (disconnect, timeout, metadata error or a refused Metadata request). */
    private final long[] lastFailureNanos;

    private boolean stale;
    /** When the latest attempt went out or ended (answer, error or timeout); the next waits retry.backoff.ms. */
    private long lastAttemptNanos;
    /** When the current view was last confirmed by an answer (or handed over at connect). */
    private long lastUpdateNanos;
    private int inFlightBroker = NO_BROKER;
    private int inFlightCorrelationId;
    private long inFlightSentNanos;

    MetadataRefresh(final ProducerConfig config, final Endpoint endpoint, final TopicLayout layout, final long nowNanos) {
        this.endpoint = endpoint;
        this.request = new UnsafeBuffer(BufferUtil.allocateDirectAligned(REQUEST_CAPACITY, 64));
        this.requestLength = Metadata.encodeRequest(request, 0, 0, endpoint.nodeId(), layout.topic());
        this.backoffNanos = config.retryBackoffMs() * 1_000_000L;
        this.maxAgeNanos = config.metadataMaxAgeMs() * 1_000_000L;
        this.requestTimeoutNanos = config.requestTimeoutMs() * 1_000_000L;
        this.lastFailureNanos = new long[layout.brokerCount()];
        Arrays.fill(lastFailureNanos, NEVER);
        // The layout the producer connected with counts as the first answer, as Kafka's bootstrap metadata does.
        this.lastAttemptNanos = nowNanos;
        this.lastUpdateNanos = nowNanos;
    }

    /** Kafka's InvalidMetadataException family, whose answers mean the client's view of the leaders may be wrong. */
    static boolean isMetadataError(final short error) {
        return error == ErrorCode.NOT_LEADER_OR_FOLLOWER || error == ErrorCode.UNKNOWN_TOPIC_OR_PARTITION
            || error == ErrorCode.LEADER_NOT_AVAILABLE || error == ErrorCode.NETWORK_EXCEPTION
            || error == ErrorCode.REQUEST_TIMED_OUT || error == ErrorCode.FENCED_LEADER_EPOCH
            || error == ErrorCode.UNKNOWN_LEADER_EPOCH;
    }

    /** {@code broker} answered with a metadata error, or its connection broke: ask again, and someone else. */
    void onBrokerFailed(final int broker, final long nowNanos) {
        stale = true;
        if (broker >= 0 && broker < lastFailureNanos.length) {
            lastFailureNanos[broker] = nowNanos;
        }
    }

    /**
     * The view lacks something the sender needs, such as a leader for a partition with records waiting (Kafka's
     * {@code requestUpdate} for a topic with an unknown leader): ask again once retry.backoff.ms has passed since the
     * last attempt, blaming no broker.
     */
    void requestUpdate() {
        stale = true;
    }

    boolean isStale() {
        return stale;
    }

    /**
     * Sends a Metadata request if one is due: stale or older than metadata.max.age.ms, none in flight, the
     * backoff passed. A request unanswered for request.timeout.ms counts as its broker's failure. Returns whether a
     * request went out.
     */
    boolean maybeSend(final long nowNanos, final int correlationId) {
        if (inFlightBroker != NO_BROKER) {
            if (nowNanos - inFlightSentNanos < requestTimeoutNanos) {
                return false;
            }
            endAttempt(nowNanos, false);
        }
        if (!stale && nowNanos - lastUpdateNanos < maxAgeNanos || nowNanos - lastAttemptNanos < backoffNanos) {
            return false;
        }
        final int broker = leastRecentlyFailed();
        FrameHeader.write(request, 0, FrameHeader.METADATA_REQUEST, correlationId, endpoint.nodeId());
        lastAttemptNanos = nowNanos;
        if (!endpoint.send(broker, request, 0, requestLength)) {
            lastFailureNanos[broker] = nowNanos; // A connection that takes nothing; the next try goes elsewhere.
            return false;
        }
        inFlightBroker = broker;
        inFlightCorrelationId = correlationId;
        inFlightSentNanos = nowNanos;
        return true;
    }

    /** Whether a Metadata response from {@code broker} answers the request in flight. */
    boolean isAnswer(final int broker, final int correlationId) {
        return inFlightBroker != NO_BROKER && broker == inFlightBroker && correlationId == inFlightCorrelationId;
    }

    /** The request in flight was answered: with a layout the sender took ({@code applied}), or with an error. */
    void onAnswer(final long nowNanos, final boolean applied) {
        endAttempt(nowNanos, applied);
    }

    /**
     * Whether the answer names, for some partition, another leader or leader epoch than {@code current} does, or
     * another broker or partition count. Reads the frame in place, so an unchanged answer costs no allocation.
     */
    static boolean leadersDiffer(final DirectBuffer buffer, final int offset, final int length,
                                 final TopicLayout current) {
        if (length < Metadata.PARTITION_ENTRIES_OFFSET) {
            return true; // Let the full decoder report what is wrong.
        }
        final int partitions = buffer.getInt(offset + Metadata.PARTITIONS_OFFSET);
        final int replicationFactor = buffer.getInt(offset + Metadata.REPLICATION_FACTOR_OFFSET);
        if (buffer.getInt(offset + Metadata.BROKERS_OFFSET) != current.brokerCount()
            || partitions != current.partitionCount() || replicationFactor < 1
            || Metadata.PARTITION_ENTRIES_OFFSET + partitions * Metadata.entryLength(replicationFactor) > length) {
            return true;
        }
        final int entryLength = (int) Metadata.entryLength(replicationFactor);
        for (int p = 0, entry = offset + Metadata.PARTITION_ENTRIES_OFFSET; p < partitions; p++, entry += entryLength) {
            if (buffer.getInt(entry + Metadata.ENTRY_LEADER_OFFSET) != current.leader(p)
                || buffer.getInt(entry + Metadata.ENTRY_LEADER_EPOCH_OFFSET) != current.leaderEpoch(p)) {
                return true;
            }
        }
        return false;
    }

    private void endAttempt(final long nowNanos, final boolean success) {
        if (success) {
            stale = false;
            lastUpdateNanos = nowNanos;
        } else {
            lastFailureNanos[inFlightBroker] = nowNanos;
        }
        lastAttemptNanos = nowNanos;
        inFlightBroker = NO_BROKER;
    }

    /** The broker that failed longest ago, or never, the lowest id among equals: whom to ask what any broker answers. */
    int leastRecentlyFailed() {
        int best = 0;
        for (int broker = 1; broker < lastFailureNanos.length; broker++) {
            final long candidate = lastFailureNanos[broker];
            final long incumbent = lastFailureNanos[best];
            if (incumbent != NEVER && (candidate == NEVER || candidate - incumbent < 0)) {
                best = broker;
            }
        }
        return best;
    }
}
