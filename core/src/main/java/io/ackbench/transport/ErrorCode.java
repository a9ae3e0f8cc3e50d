package io.ackbench.transport;

/**
 * Kafka's error codes as they travel in responses (kafka-semantics.md §4.5, {@code Errors.java} of 4.3.1), and which of
 * them a producer may retry. Codes are {@code short}s on the wire and in listeners, so nothing is boxed.
 */
public final class ErrorCode {
    public static final short UNKNOWN_SERVER_ERROR = -1;
    public static final short NONE = 0;
    public static final short OFFSET_OUT_OF_RANGE = 1;
    public static final short CORRUPT_MESSAGE = 2;
    public static final short UNKNOWN_TOPIC_OR_PARTITION = 3;
    public static final short LEADER_NOT_AVAILABLE = 5;
    public static final short NOT_LEADER_OR_FOLLOWER = 6;
    public static final short REQUEST_TIMED_OUT = 7;
    public static final short MESSAGE_TOO_LARGE = 10;
    public static final short NETWORK_EXCEPTION = 13;
    /** InitProducerId: the broker has no producer id to give yet (no block from the controller); retriable. */
    public static final short COORDINATOR_LOAD_IN_PROGRESS = 14;
    public static final short INVALID_TOPIC_EXCEPTION = 17;
    public static final short RECORD_LIST_TOO_LARGE = 18;
    public static final short NOT_ENOUGH_REPLICAS = 19;
    public static final short NOT_ENOUGH_REPLICAS_AFTER_APPEND = 20;
    public static final short INVALID_REQUIRED_ACKS = 21;
    public static final short INVALID_TIMESTAMP = 32;
    public static final short UNSUPPORTED_VERSION = 35;
    public static final short INVALID_REQUEST = 42;
    public static final short OUT_OF_ORDER_SEQUENCE_NUMBER = 45;
    public static final short DUPLICATE_SEQUENCE_NUMBER = 46;
    public static final short INVALID_PRODUCER_EPOCH = 47;
    public static final short KAFKA_STORAGE_ERROR = 56;
    public static final short UNKNOWN_PRODUCER_ID = 59;
    public static final short INVALID_RECORD = 87;
    public static final short FENCED_LEADER_EPOCH = 74;
    public static final short UNKNOWN_LEADER_EPOCH = 76;
    public static final short PRODUCER_FENCED = 90;

    private ErrorCode() {
    }

    /** Whether Kafka's client exception for this code is a {@code RetriableException}. */
    public static boolean isRetriable(final short code) {
        switch (code) {
            case CORRUPT_MESSAGE:
            case UNKNOWN_TOPIC_OR_PARTITION:
            case LEADER_NOT_AVAILABLE:
            case NOT_LEADER_OR_FOLLOWER:
            case REQUEST_TIMED_OUT:
            case NETWORK_EXCEPTION:
            case COORDINATOR_LOAD_IN_PROGRESS:
            case NOT_ENOUGH_REPLICAS:
            case NOT_ENOUGH_REPLICAS_AFTER_APPEND:
            case KAFKA_STORAGE_ERROR:
            case FENCED_LEADER_EPOCH:
            case UNKNOWN_LEADER_EPOCH:
                return true;
            default:
                return false;
        }
    }

    /** Kafka's name for the code, for messages and reports (not for the hot path). */
    public static String name(final short code) {
        switch (code) {
            case UNKNOWN_SERVER_ERROR: return "UNKNOWN_SERVER_ERROR";
            case NONE: return "NONE";
            case OFFSET_OUT_OF_RANGE: return "OFFSET_OUT_OF_RANGE";
            case CORRUPT_MESSAGE: return "CORRUPT_MESSAGE";
            case UNKNOWN_TOPIC_OR_PARTITION: return "UNKNOWN_TOPIC_OR_PARTITION";
            case LEADER_NOT_AVAILABLE: return "LEADER_NOT_AVAILABLE";
            case NOT_LEADER_OR_FOLLOWER: return "NOT_LEADER_OR_FOLLOWER";
            case REQUEST_TIMED_OUT: return "REQUEST_TIMED_OUT";
            case MESSAGE_TOO_LARGE: return "MESSAGE_TOO_LARGE";
            case NETWORK_EXCEPTION: return "NETWORK_EXCEPTION";
            case COORDINATOR_LOAD_IN_PROGRESS: return "COORDINATOR_LOAD_IN_PROGRESS";
            case INVALID_TOPIC_EXCEPTION: return "INVALID_TOPIC_EXCEPTION";
            case RECORD_LIST_TOO_LARGE: return "RECORD_LIST_TOO_LARGE";
            case NOT_ENOUGH_REPLICAS: return "NOT_ENOUGH_REPLICAS";
            case NOT_ENOUGH_REPLICAS_AFTER_APPEND: return "NOT_ENOUGH_REPLICAS_AFTER_APPEND";
            case INVALID_REQUIRED_ACKS: return "INVALID_REQUIRED_ACKS";
            case INVALID_TIMESTAMP: return "INVALID_TIMESTAMP";
            case UNSUPPORTED_VERSION: return "UNSUPPORTED_VERSION";
            case INVALID_REQUEST: return "INVALID_REQUEST";
            case OUT_OF_ORDER_SEQUENCE_NUMBER: return "OUT_OF_ORDER_SEQUENCE_NUMBER";
            case DUPLICATE_SEQUENCE_NUMBER: return "DUPLICATE_SEQUENCE_NUMBER";
            case INVALID_PRODUCER_EPOCH: return "INVALID_PRODUCER_EPOCH";
            case KAFKA_STORAGE_ERROR: return "KAFKA_STORAGE_ERROR";
            case UNKNOWN_PRODUCER_ID: return "UNKNOWN_PRODUCER_ID";
            case INVALID_RECORD: return "INVALID_RECORD";
            case FENCED_LEADER_EPOCH: return "FENCED_LEADER_EPOCH";
            case UNKNOWN_LEADER_EPOCH: return "UNKNOWN_LEADER_EPOCH";
            case PRODUCER_FENCED: return "PRODUCER_FENCED";
            default: return "ERROR_" + code;
        }
    }
}
