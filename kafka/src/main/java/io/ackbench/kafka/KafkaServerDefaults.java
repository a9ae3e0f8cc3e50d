package io.ackbench.kafka;

import java.util.Map;

/**
 * Apache Kafka 4.3.1's defaults of the broker settings a target's resource lines report (read from its
 * {@code KafkaConfig} definition), for an embedded cluster whose server.properties leaves them unset.
 */
final class KafkaServerDefaults {
    static final String NUM_NETWORK_THREADS = "num.network.threads";
    static final String NUM_IO_THREADS = "num.io.threads";
    static final String NUM_REPLICA_FETCHERS = "num.replica.fetchers";
    static final String BACKGROUND_THREADS = "background.threads";
    static final String LOG_FLUSH_INTERVAL_MESSAGES = "log.flush.interval.messages";
    /** No default: unset, Kafka takes {@value #LOG_FLUSH_SCHEDULER_INTERVAL_MS} instead. */
    static final String LOG_FLUSH_INTERVAL_MS = "log.flush.interval.ms";
    static final String LOG_FLUSH_SCHEDULER_INTERVAL_MS = "log.flush.scheduler.interval.ms";
    static final String SOCKET_SEND_BUFFER_BYTES = "socket.send.buffer.bytes";
    static final String SOCKET_RECEIVE_BUFFER_BYTES = "socket.receive.buffer.bytes";

    static final Map<String, String> DEFAULTS = Map.of(
        NUM_NETWORK_THREADS, "3",
        NUM_IO_THREADS, "8",
        NUM_REPLICA_FETCHERS, "1",
        BACKGROUND_THREADS, "10",
        LOG_FLUSH_INTERVAL_MESSAGES, Long.toString(Long.MAX_VALUE),
        LOG_FLUSH_SCHEDULER_INTERVAL_MS, Long.toString(Long.MAX_VALUE),
        SOCKET_SEND_BUFFER_BYTES, "102400",
        SOCKET_RECEIVE_BUFFER_BYTES, "102400");

    private KafkaServerDefaults() {
    }
}
