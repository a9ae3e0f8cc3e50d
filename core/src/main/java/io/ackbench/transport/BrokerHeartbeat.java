package io.ackbench.transport;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * A broker's heartbeat to the controller (KRaft's BrokerRegistration and BrokerHeartbeat in one): the broker's id is
 * its source, and its incarnation (a number that changes each time the broker starts) tells the controller that a
 * broker came back from a crash faster than its session expired, whose heartbeats the controller then ignores until
 * the old session has expired, as Kafka's controller refuses such a registration. The controller does not answer it; it sends the broker every partition's
 * {@link LeaderAndIsr} instead, so a broker that missed a pushed change (a broken connection, a restart, a pause) has
 * it again within one heartbeat interval.
 */
public final class BrokerHeartbeat {
    public static final int INCARNATION_OFFSET = FrameHeader.LENGTH;
    public static final int LENGTH = INCARNATION_OFFSET + 8;

    private BrokerHeartbeat() {
    }

    public static int encode(final MutableDirectBuffer buffer, final int offset, final int brokerId,
                             final long incarnation) {
        FrameHeader.write(buffer, offset, FrameHeader.BROKER_HEARTBEAT, 0, brokerId);
        buffer.putLong(offset + INCARNATION_OFFSET, incarnation);
        return LENGTH;
    }

    /** @throws MalformedFrameException if the frame is short */
    public static long incarnation(final DirectBuffer buffer, final int offset, final int length) {
        FrameChecks.checkFixedPart("BrokerHeartbeat", length, LENGTH);
        return buffer.getLong(offset + INCARNATION_OFFSET);
    }
}
