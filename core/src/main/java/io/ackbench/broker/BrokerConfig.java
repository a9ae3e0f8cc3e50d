package io.ackbench.broker;

import io.ackbench.config.ConfigException;
import io.ackbench.config.ConfigReader;
import io.ackbench.controller.ControllerConfig;
import io.ackbench.config.IdleStrategies;
import io.ackbench.log.LogConfig;
import io.ackbench.transport.TcpSettings;
import io.ackbench.transport.TopicLayout;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The cluster's and its topic's settings, by Kafka's names where Kafka has one (kafka-semantics.md §4, §7.2), validated
 * when the cluster is built. ackbench's own keys start with {@code ackbench.}. Where ackbench's default differs
 * from Kafka's it says so: a benchmark cluster is 3 brokers with replication factor 3 unless told otherwise.
 */
public final class BrokerConfig {
    /** ackbench: how many brokers the in-process cluster runs. */
    public static final String BROKERS = "ackbench.brokers";
    /** ackbench: the one topic the cluster hosts. */
    public static final String TOPIC = "ackbench.topic";
    /** Kafka's num.partitions (default 1 there; 6 here, the benchmark's layout). */
    public static final String NUM_PARTITIONS = "num.partitions";
    /** Kafka's replication factor of the topic (default.replication.factor is 1 there; 3 here). */
    public static final String REPLICATION_FACTOR = "replication.factor";
    public static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";
    /**
     * Each partition's replicas, preferred leader first, in {@code kafka-topics --replica-assignment}'s syntax
     * ({@code 0:1:2,0:1:2}; see {@link ReplicaAssignment}). Unset, partition p's replicas are brokers p, p+1, ...
     * modulo the broker count ({@link TopicLayout#spread}).
     */
    public static final String REPLICA_ASSIGNMENT = ReplicaAssignment.KEY;
    public static final String REPLICA_LAG_TIME_MAX_MS = "replica.lag.time.max.ms";
    public static final String REPLICA_FETCH_MAX_BYTES = "replica.fetch.max.bytes";
    public static final String REPLICA_FETCH_WAIT_MAX_MS = "replica.fetch.wait.max.ms";
    public static final String REPLICA_FETCH_BACKOFF_MS = "replica.fetch.backoff.ms";
    public static final String MESSAGE_MAX_BYTES = "message.max.bytes";
    /** How often each broker writes its partitions' high watermarks to replication-offset-checkpoint; Kafka's 5000. */
    public static final String REPLICA_HIGH_WATERMARK_CHECKPOINT_INTERVAL_MS =
        "replica.high.watermark.checkpoint.interval.ms";
    /** How often each broker writes its logs' recovery points to recovery-point-offset-checkpoint; Kafka's 60000. */
    public static final String LOG_FLUSH_OFFSET_CHECKPOINT_INTERVAL_MS = "log.flush.offset.checkpoint.interval.ms";
    /** The largest frame a broker reads over TCP; Kafka's default is 100 MiB, ackbench's {@link #DEFAULT_SOCKET_REQUEST_MAX_BYTES}. */
    public static final String SOCKET_REQUEST_MAX_BYTES = "socket.request.max.bytes";
    /** SO_SNDBUF of the broker's sockets, -1 for the operating system's default. */
    public static final String SOCKET_SEND_BUFFER_BYTES = "socket.send.buffer.bytes";
    /** SO_RCVBUF of the broker's sockets, -1 for the operating system's default. */
    public static final String SOCKET_RECEIVE_BUFFER_BYTES = "socket.receive.buffer.bytes";
    /** ackbench: {@code shared} runs every broker on one thread, {@code per-broker} gives each its own. */
    public static final String THREADS = "ackbench.broker.threads";
    /**
     * ackbench: how an idle broker thread waits: one of {@link IdleStrategies}' names, or {@value SelectIdleStrategy#NAME}
     * (sleep in the TCP endpoint's selector), which needs a thread per broker and a TCP endpoint. Unset, a broker that
     * has a thread and a TCP endpoint of its own (a broker process, or {@code per-broker} threads over TCP) uses
     * {@value SelectIdleStrategy#NAME} and any other {@value IdleStrategies#DEFAULT} ({@link BrokerThreads}).
     */
    public static final String IDLE_STRATEGY = "ackbench.idle.strategy";
    /**
     * ackbench: whether a follower checks the CRC-32C of every batch it fetches before appending it, as Kafka's
     * {@code UnifiedLog.analyzeAndValidateRecords} does on every replica (default true). Off, fetched batches are
     * appended unchecked: a benchmark's way to measure what the check costs.
     */
    public static final String REPLICA_VERIFY_CRC = "ackbench.replica.verify.crc";
    /**
     * ackbench: whether the leader walks every record of an uncompressed client batch as Kafka's
     * {@code LogValidator.assignOffsetsNonCompressed} does (default true; {@link RecordValidator}). Off, only the
     * batch header and CRC are checked ({@link BatchValidator}).
     */
    public static final String VALIDATE_RECORDS = "ackbench.validate.records";
    /**
     * Kafka's topic setting: how far before the broker's clock a CreateTime record timestamp may lie (default
     * Long.MAX_VALUE, no limit). Read only when {@value #VALIDATE_RECORDS} is on.
     */
    public static final String MESSAGE_TIMESTAMP_BEFORE_MAX_MS = "message.timestamp.before.max.ms";
    /**
     * Kafka's topic setting: how far after the broker's clock a CreateTime record timestamp may lie (default 3600000
     * in Kafka 4.3.1). Read only when {@value #VALIDATE_RECORDS} is on.
     */
    public static final String MESSAGE_TIMESTAMP_AFTER_MAX_MS = "message.timestamp.after.max.ms";

    private static final int MAX_BROKERS = 64;
    /**
     * Every TCP connection holds two buffers of two largest frames each, allocated up front so that no frame makes
     * the broker allocate; Kafka's 100 MiB default would cost 400 MiB per connection, so ackbench defaults to its
     * in-process network's 2 MiB frames (message.max.bytes' 1 MiB and replica.fetch.max.bytes' 1 MiB fit) and caps
     * the setting at 64 MiB.
     */
    public static final int DEFAULT_SOCKET_REQUEST_MAX_BYTES = TcpSettings.DEFAULT_MAX_FRAME_LENGTH;
    private static final int MAX_SOCKET_REQUEST_BYTES = 64 * 1024 * 1024;
    /** Room in a frame for everything but the batches: header, topic, partition entries. */
    private static final int FRAME_OVERHEAD_BYTES = 64 * 1024;
    /** Kafka's broker default for both socket buffers. */
    private static final int DEFAULT_SOCKET_BUFFER_BYTES = 102_400;

    private final int brokers;
    private final String topic;
    private final int partitions;
    private final int replicationFactor;
    private final int minInsyncReplicas;
    /** Null when the topic's replicas are spread. */
    private final ReplicaAssignment replicaAssignment;
    private final long replicaLagTimeMaxMs;
    private final int replicaFetchMaxBytes;
    private final int replicaFetchWaitMaxMs;
    private final long replicaFetchBackoffMs;
    private final int messageMaxBytes;
    private final long highWatermarkCheckpointIntervalMs;
    private final long recoveryPointCheckpointIntervalMs;
    private final TcpSettings tcp;
    private final ControllerConfig controller;
    private final boolean threadPerBroker;
    private final String idleStrategy;
    private final boolean replicaVerifyCrc;
    private final boolean validateRecords;
    private final long messageTimestampBeforeMaxMs;
    private final long messageTimestampAfterMaxMs;
    private final LogConfig log;

    private BrokerConfig(final ConfigReader in) {
        brokers = in.intValue(BROKERS, 3, 1, MAX_BROKERS);
        topic = TopicName.validate(in.string(TOPIC, "ackbench"));
        partitions = in.intValue(NUM_PARTITIONS, 6, 1, 100_000);
        replicationFactor = in.intValue(REPLICATION_FACTOR, Math.min(3, brokers), 1, MAX_BROKERS);
        if (replicationFactor > brokers) {
            throw new ConfigException(REPLICATION_FACTOR, Integer.toString(replicationFactor),
                "it cannot exceed the broker count " + BROKERS + "=" + brokers);
        }
        minInsyncReplicas = in.intValue(MIN_INSYNC_REPLICAS, 1, 1, MAX_BROKERS);
        if (minInsyncReplicas > replicationFactor) {
            throw new ConfigException(MIN_INSYNC_REPLICAS, Integer.toString(minInsyncReplicas),
                "it cannot exceed " + REPLICATION_FACTOR + "=" + replicationFactor
                    + ": acks=all could never be satisfied");
        }
        replicaAssignment = in.isSet(REPLICA_ASSIGNMENT)
            ? ReplicaAssignment.parse(in.string(REPLICA_ASSIGNMENT, null), partitions, replicationFactor, brokers)
            : null;
        replicaLagTimeMaxMs = in.longValue(REPLICA_LAG_TIME_MAX_MS, 30_000, 1, Long.MAX_VALUE / 2);
        replicaFetchMaxBytes = in.intValue(REPLICA_FETCH_MAX_BYTES, 1_048_576, 1, Integer.MAX_VALUE);
        replicaFetchWaitMaxMs = in.intValue(REPLICA_FETCH_WAIT_MAX_MS, 500, 0, Integer.MAX_VALUE);
        replicaFetchBackoffMs = in.longValue(REPLICA_FETCH_BACKOFF_MS, 1000, 0, Long.MAX_VALUE);
        messageMaxBytes = in.intValue(MESSAGE_MAX_BYTES, 1_048_588, 0, Integer.MAX_VALUE);
        highWatermarkCheckpointIntervalMs = in.longValue(REPLICA_HIGH_WATERMARK_CHECKPOINT_INTERVAL_MS, 5000, 1,
            Long.MAX_VALUE / 2);
        recoveryPointCheckpointIntervalMs = in.longValue(LOG_FLUSH_OFFSET_CHECKPOINT_INTERVAL_MS, 60_000, 1,
            Long.MAX_VALUE / 2);
        final int requestMaxBytes = in.intValue(SOCKET_REQUEST_MAX_BYTES, DEFAULT_SOCKET_REQUEST_MAX_BYTES, 1,
            MAX_SOCKET_REQUEST_BYTES);
        final long largestPayload = Math.max(messageMaxBytes, replicaFetchMaxBytes);
        if (requestMaxBytes < largestPayload + FRAME_OVERHEAD_BYTES) {
            throw new ConfigException(SOCKET_REQUEST_MAX_BYTES, Integer.toString(requestMaxBytes),
                "it must hold the larger of " + MESSAGE_MAX_BYTES + "=" + messageMaxBytes + " and "
                    + REPLICA_FETCH_MAX_BYTES + "=" + replicaFetchMaxBytes + " plus " + FRAME_OVERHEAD_BYTES
                    + " bytes of framing");
        }
        tcp = TcpSettings.forMaxFrameLength(requestMaxBytes)
            .withSocketSendBufferBytes(socketBuffer(in, SOCKET_SEND_BUFFER_BYTES))
            .withSocketReceiveBufferBytes(socketBuffer(in, SOCKET_RECEIVE_BUFFER_BYTES));
        final Map<String, String> controllerSettings = new HashMap<>();
        for (final String key : ControllerConfig.KEYS) {
            if (in.isSet(key)) {
                controllerSettings.put(key, in.string(key, null));
            }
        }
        controller = ControllerConfig.of(controllerSettings);
        final String threads = in.string(THREADS, "shared").toLowerCase(Locale.ROOT);
        if (!threads.equals("shared") && !threads.equals("per-broker")) {
            throw new ConfigException(THREADS, threads, "expected shared or per-broker");
        }
        threadPerBroker = threads.equals("per-broker");
        idleStrategy = checkIdleStrategy(in.string(IDLE_STRATEGY, null));
        replicaVerifyCrc = in.booleanValue(REPLICA_VERIFY_CRC, true);
        validateRecords = in.booleanValue(VALIDATE_RECORDS, true);
        messageTimestampBeforeMaxMs = in.longValue(MESSAGE_TIMESTAMP_BEFORE_MAX_MS, Long.MAX_VALUE, 0,
            Long.MAX_VALUE);
        messageTimestampAfterMaxMs = in.longValue(MESSAGE_TIMESTAMP_AFTER_MAX_MS, 3_600_000, 0, Long.MAX_VALUE);
        log = LogConfig.from(in);
    }

    /**
     * Validates every setting: unknown keys, numbers out of range, {@code replication.factor} above the broker
     * count, {@code min.insync.replicas} above the replication factor and a {@code replica.assignment} that does not
     * fit the topic each fail naming the key and the bound.
     */
    public static BrokerConfig of(final Map<String, String> settings) {
        final Set<String> known = new HashSet<>(Set.of(BROKERS, TOPIC, NUM_PARTITIONS, REPLICATION_FACTOR,
            MIN_INSYNC_REPLICAS, REPLICA_ASSIGNMENT, REPLICA_LAG_TIME_MAX_MS, REPLICA_FETCH_MAX_BYTES, REPLICA_FETCH_WAIT_MAX_MS,
            REPLICA_FETCH_BACKOFF_MS, MESSAGE_MAX_BYTES, REPLICA_HIGH_WATERMARK_CHECKPOINT_INTERVAL_MS,
            LOG_FLUSH_OFFSET_CHECKPOINT_INTERVAL_MS, SOCKET_REQUEST_MAX_BYTES, SOCKET_SEND_BUFFER_BYTES,
            SOCKET_RECEIVE_BUFFER_BYTES, THREADS, IDLE_STRATEGY, REPLICA_VERIFY_CRC, VALIDATE_RECORDS,
            MESSAGE_TIMESTAMP_BEFORE_MAX_MS, MESSAGE_TIMESTAMP_AFTER_MAX_MS));
        known.addAll(LogConfig.KEYS);
        known.addAll(ControllerConfig.KEYS);
        return new BrokerConfig(new ConfigReader("broker", settings, known));
    }

    private static int socketBuffer(final ConfigReader in, final String key) {
        final int bytes = in.intValue(key, DEFAULT_SOCKET_BUFFER_BYTES, TcpSettings.OS_DEFAULT, Integer.MAX_VALUE);
        if (bytes == 0) {
            throw new ConfigException(key, "0", "expected a size in bytes, or -1 for the operating system's default");
        }
        return bytes;
    }

    public static BrokerConfig defaults() {
        return of(Map.of());
    }

    /** The broker's TCP settings: frame limit from socket.request.max.bytes, its socket buffer sizes. */
    public TcpSettings tcp() {
        return tcp;
    }

    public int brokers() {
        return brokers;
    }

    public String topic() {
        return topic;
    }

    public int partitions() {
        return partitions;
    }

    public int replicationFactor() {
        return replicationFactor;
    }

    public int minInsyncReplicas() {
        return minInsyncReplicas;
    }

    /**
     * The topic as created: the {@value #REPLICA_ASSIGNMENT} given, else partition p's replicas are brokers p, p+1,
     * ... modulo the broker count; every partition led by its first replica in leader epoch 0.
     */
    public TopicLayout layout() {
        return replicaAssignment == null ? TopicLayout.spread(topic, partitions, replicationFactor, brokers)
            : TopicLayout.of(topic, brokers, replicaAssignment.toArray());
    }

    /** Kafka's effectiveMinIsr (kafka-semantics.md §4.1): min.insync.replicas capped at the replication factor. */
    public int effectiveMinIsr() {
        return Math.min(minInsyncReplicas, replicationFactor);
    }

    public long replicaLagTimeMaxMs() {
        return replicaLagTimeMaxMs;
    }

    public int replicaFetchMaxBytes() {
        return replicaFetchMaxBytes;
    }

    public int replicaFetchWaitMaxMs() {
        return replicaFetchWaitMaxMs;
    }

    public long replicaFetchBackoffMs() {
        return replicaFetchBackoffMs;
    }

    public int messageMaxBytes() {
        return messageMaxBytes;
    }

    public long highWatermarkCheckpointIntervalMs() {
        return highWatermarkCheckpointIntervalMs;
    }

    public long recoveryPointCheckpointIntervalMs() {
        return recoveryPointCheckpointIntervalMs;
    }

    /** The controller's settings (broker.session.timeout.ms, broker.heartbeat.interval.ms, unclean election). */
    public ControllerConfig controller() {
        return controller;
    }

    public boolean threadPerBroker() {
        return threadPerBroker;
    }

    /** The idle strategy's name as set, normalised, or null when unset: {@link BrokerThreads} then picks it. */
    public String idleStrategy() {
        return idleStrategy;
    }

    private static String checkIdleStrategy(final String name) {
        if (name == null) {
            return null;
        }
        final String normalised = name.toLowerCase(Locale.ROOT);
        if (normalised.equals(SelectIdleStrategy.NAME)) {
            return normalised;
        }
        try {
            return IdleStrategies.check(IDLE_STRATEGY, name);
        } catch (final ConfigException e) {
            throw new ConfigException(IDLE_STRATEGY, name, "expected one of " + IdleStrategies.BACKOFF + ", "
                + IdleStrategies.YIELDING + ", " + IdleStrategies.SLEEPING + ", " + IdleStrategies.BUSY_SPIN + ", "
                + SelectIdleStrategy.NAME);
        }
    }

    /** {@value #REPLICA_VERIFY_CRC}: whether followers check each fetched batch's CRC. */
    public boolean replicaVerifyCrc() {
        return replicaVerifyCrc;
    }

    /** {@value #VALIDATE_RECORDS}: whether the leader walks each record of a client batch. */
    public boolean validateRecords() {
        return validateRecords;
    }

    public long messageTimestampBeforeMaxMs() {
        return messageTimestampBeforeMaxMs;
    }

    public long messageTimestampAfterMaxMs() {
        return messageTimestampAfterMaxMs;
    }

    public LogConfig log() {
        return log;
    }
}
