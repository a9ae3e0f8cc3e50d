package io.ackbench.controller;

/**
 * Kafka's codes for the controller's answers that {@link io.ackbench.transport.ErrorCode} lacks (numbers from Kafka's
 * {@code Errors}). They stay here, not in {@code ErrorCode}, until a frame carries them.
 */
public final class ControllerErrors {
    /** The request's epochs are newer than this controller's: the sender may be talking to a stale controller. */
    public static final short NOT_CONTROLLER = 41;
    /** AlterPartition from a leader whose leader epoch is older than the committed one. */
    public static final short FENCED_LEADER_EPOCH = 74;
    /** AlterPartition built on a partition epoch older than the committed one. */
    public static final short INVALID_UPDATE_VERSION = 96;
    /** Heartbeat from a broker id the controller does not know. */
    public static final short BROKER_ID_NOT_REGISTERED = 102;
    /** AlterPartition proposing an ISR with a fenced or unregistered broker. */
    public static final short INELIGIBLE_REPLICA = 107;
    /** AlterPartition committed, but the proposing leader is no longer the leader. */
    public static final short NEW_LEADER_ELECTED = 108;

    private ControllerErrors() {
    }

    /** Kafka's name for any code the controller answers with, for messages and reports. */
    public static String name(final short code) {
        switch (code) {
            case NOT_CONTROLLER: return "NOT_CONTROLLER";
            case FENCED_LEADER_EPOCH: return "FENCED_LEADER_EPOCH";
            case INVALID_UPDATE_VERSION: return "INVALID_UPDATE_VERSION";
            case BROKER_ID_NOT_REGISTERED: return "BROKER_ID_NOT_REGISTERED";
            case INELIGIBLE_REPLICA: return "INELIGIBLE_REPLICA";
            case NEW_LEADER_ELECTED: return "NEW_LEADER_ELECTED";
            default: return io.ackbench.transport.ErrorCode.name(code);
        }
    }
}
