package io.ackbench.producer;

import io.ackbench.config.ConfigException;
import io.ackbench.config.ConfigReader;
import io.ackbench.config.IdleStrategies;
import io.ackbench.transport.ClientSocketOptions;
import io.ackbench.transport.Handshake;
import io.ackbench.transport.TcpEndpoint;
import io.ackbench.transport.TcpSettings;

import java.util.Map;
import java.util.Set;

/**
 * The producer's settings by their Kafka names, with Kafka 4.3.1's defaults and validation rules
 * (kafka-semantics.md §3.1, §5.6, §7.2). Immutable; every value is checked when it is built.
 */
public final class ProducerConfig {
    public static final String ACKS = "acks";
    public static final String BATCH_SIZE = "batch.size";
    public static final String LINGER_MS = "linger.ms";
    public static final String BUFFER_MEMORY = "buffer.memory";
    public static final String MAX_BLOCK_MS = "max.block.ms";
    public static final String MAX_REQUEST_SIZE = "max.request.size";
    public static final String ENABLE_IDEMPOTENCE = "enable.idempotence";
    public static final String MAX_IN_FLIGHT = "max.in.flight.requests.per.connection";
    public static final String RETRIES = "retries";
    public static final String RETRY_BACKOFF_MS = "retry.backoff.ms";
    public static final String RETRY_BACKOFF_MAX_MS = "retry.backoff.max.ms";
    public static final String REQUEST_TIMEOUT_MS = "request.timeout.ms";
    public static final String RECONNECT_BACKOFF_MS = "reconnect.backoff.ms";
    public static final String RECONNECT_BACKOFF_MAX_MS = "reconnect.backoff.max.ms";
    public static final String DELIVERY_TIMEOUT_MS = "delivery.timeout.ms";
    public static final String METADATA_MAX_AGE_MS = "metadata.max.age.ms";
    public static final String COMPRESSION_TYPE = "compression.type";
    public static final String PARTITIONER_CLASS = "partitioner.class";
    public static final String PARTITIONER_IGNORE_KEYS = "partitioner.ignore.keys";
    public static final String CLIENT_ID = "client.id";
    /** SO_SNDBUF of the producer's sockets, -1 for the operating system's default. */
    public static final String SEND_BUFFER_BYTES = "send.buffer.bytes";
    /** SO_RCVBUF of the producer's sockets, -1 for the operating system's default. */
    public static final String RECEIVE_BUFFER_BYTES = "receive.buffer.bytes";
    /** ackbench's own: the strategy for keyless records when a key-hash partitioner is chosen (see Partitioners). */
    public static final String NULL_KEY_PARTITIONER = "ackbench.partitioner.null.key";
    /** ackbench's own: how the sender thread waits when it has nothing to do (see IdleStrategies). */
    public static final String IDLE_STRATEGY = "ackbench.idle.strategy";

    /**
     * The largest batch this implementation can hold: a batch's write position lives in 24 bits of its
     * claim word (see {@link ProducerBatch}). Kafka itself allows larger values; nobody benchmarks them.
     */
    public static final int MAX_BATCH_BYTES = (1 << 24) - 1;
    /**
     * The smallest batch.size accepted. Kafka also takes 0 (one record per batch); ackbench pools buffers of
     * batch.size bytes and does not model that corner.
     */
    public static final int MIN_BATCH_BYTES = 128;

    private static final Set<String> KNOWN = Set.of(ACKS, BATCH_SIZE, LINGER_MS, BUFFER_MEMORY, MAX_BLOCK_MS,
        MAX_REQUEST_SIZE, ENABLE_IDEMPOTENCE, MAX_IN_FLIGHT, RETRIES, RETRY_BACKOFF_MS, RETRY_BACKOFF_MAX_MS,
        REQUEST_TIMEOUT_MS, RECONNECT_BACKOFF_MS, RECONNECT_BACKOFF_MAX_MS, DELIVERY_TIMEOUT_MS, METADATA_MAX_AGE_MS,
        COMPRESSION_TYPE, PARTITIONER_CLASS, PARTITIONER_IGNORE_KEYS,
        CLIENT_ID, SEND_BUFFER_BYTES, RECEIVE_BUFFER_BYTES, NULL_KEY_PARTITIONER, IDLE_STRATEGY);

    /** Kafka's limit: the broker remembers the last 5 batches per producer and partition (kafka-semantics.md §5.4). */
    private static final int MAX_IN_FLIGHT_FOR_IDEMPOTENCE = 5;

    private final Acks acks;
    private final int batchSize;
    private final long lingerMs;
    private final long bufferMemory;
    private final long maxBlockMs;
    private final int maxRequestSize;
    private final boolean idempotence;
    private final int maxInFlight;
    private final int retries;
    private final long retryBackoffMs;
    private final long retryBackoffMaxMs;
    private final int requestTimeoutMs;
    private final long reconnectBackoffMs;
    private final long reconnectBackoffMaxMs;
    private final int deliveryTimeoutMs;
    private final long metadataMaxAgeMs;
    private final String partitionerClass;
    private final boolean partitionerIgnoreKeys;
    private final ClientSocketOptions socketOptions;
    private final String idleStrategy;

    private ProducerConfig(final ConfigReader in) {
        acks = Acks.parse(ACKS, in.string(ACKS, "all"));
        batchSize = in.intValue(BATCH_SIZE, 16384, MIN_BATCH_BYTES, MAX_BATCH_BYTES);
        lingerMs = in.longValue(LINGER_MS, 5, 0, Integer.MAX_VALUE);
        bufferMemory = in.longValue(BUFFER_MEMORY, 33554432L, 0, Long.MAX_VALUE);
        maxBlockMs = in.longValue(MAX_BLOCK_MS, 60000, 0, Long.MAX_VALUE);
        maxRequestSize = in.intValue(MAX_REQUEST_SIZE, 1048576, 0, MAX_BATCH_BYTES);
        maxInFlight = in.intValue(MAX_IN_FLIGHT, 5, 1, Integer.MAX_VALUE);
        retries = in.intValue(RETRIES, Integer.MAX_VALUE, 0, Integer.MAX_VALUE);
        retryBackoffMs = in.longValue(RETRY_BACKOFF_MS, 100, 0, Long.MAX_VALUE);
        retryBackoffMaxMs = in.longValue(RETRY_BACKOFF_MAX_MS, 1000, 0, Long.MAX_VALUE);
        requestTimeoutMs = in.intValue(REQUEST_TIMEOUT_MS, 30000, 0, Integer.MAX_VALUE);
        reconnectBackoffMs = in.longValue(RECONNECT_BACKOFF_MS, TcpEndpoint.DEFAULT_RECONNECT_BACKOFF_MS, 0,
            Long.MAX_VALUE);
        reconnectBackoffMaxMs = in.longValue(RECONNECT_BACKOFF_MAX_MS, TcpEndpoint.DEFAULT_RECONNECT_BACKOFF_MAX_MS, 0,
            Long.MAX_VALUE);
        metadataMaxAgeMs = in.longValue(METADATA_MAX_AGE_MS, 300000, 0, Long.MAX_VALUE);
        partitionerClass = in.string(PARTITIONER_CLASS, null);
        partitionerIgnoreKeys = in.booleanValue(PARTITIONER_IGNORE_KEYS, false);
        final String clientId = in.string(CLIENT_ID, ClientSocketOptions.DEFAULTS.clientId());
        try {
            Handshake.checkClientId(clientId);
        } catch (final IllegalArgumentException e) {
            throw new ConfigException(CLIENT_ID, e.getMessage());
        }
        socketOptions = new ClientSocketOptions(clientId,
            socketBuffer(in, SEND_BUFFER_BYTES, ClientSocketOptions.DEFAULTS.sendBufferBytes()),
            socketBuffer(in, RECEIVE_BUFFER_BYTES, ClientSocketOptions.DEFAULTS.receiveBufferBytes()));
        idleStrategy = IdleStrategies.check(IDLE_STRATEGY, in.string(IDLE_STRATEGY, IdleStrategies.DEFAULT));

        final String compression = in.string(COMPRESSION_TYPE, "none");
        if (!"none".equals(compression)) {
            throw new ConfigException(COMPRESSION_TYPE, compression,
                "ackbench measures uncompressed batches only; allowed: none");
        }
        if (bufferMemory < Math.max(batchSize, 1)) {
            throw new ConfigException(BUFFER_MEMORY, bufferMemory,
                "must hold at least one batch of batch.size=" + batchSize + " bytes");
        }
        idempotence = resolveIdempotence(in);
        deliveryTimeoutMs = resolveDeliveryTimeout(in);
    }

    /** Builds a config from Kafka-named settings; absent keys take Kafka 4.3.1's defaults. */
    public static ProducerConfig of(final Map<String, String> settings) {
        return new ProducerConfig(new ConfigReader("producer", settings, KNOWN));
    }

    /** Kafka 4.3.1's defaults. */
    public static ProducerConfig defaults() {
        return of(Map.of());
    }

    /**
     * Explicit enable.idempotence=true with a conflicting setting is an error; when left at its default it is
     * silently switched off by acks other than all or retries=0. In 4.x, more than 5 in flight is an error
     * either way (kafka-semantics.md §5.6).
     */
    private boolean resolveIdempotence(final ConfigReader in) {
        final boolean explicit = in.isSet(ENABLE_IDEMPOTENCE);
        final boolean requested = in.booleanValue(ENABLE_IDEMPOTENCE, true);
        if (!requested) {
            return false;
        }
        if (maxInFlight > MAX_IN_FLIGHT_FOR_IDEMPOTENCE) {
            throw new ConfigException(MAX_IN_FLIGHT, maxInFlight, "must be at most "
                + MAX_IN_FLIGHT_FOR_IDEMPOTENCE + " while enable.idempotence is true (set enable.idempotence=false)");
        }
        if (acks != Acks.ALL) {
            if (explicit) {
                throw new ConfigException(ACKS, in.string(ACKS, "all"),
                    "must be all (-1) when enable.idempotence=true");
            }
            return false;
        }
        if (retries == 0) {
            if (explicit) {
                throw new ConfigException(RETRIES, 0, "must be greater than 0 when enable.idempotence=true");
            }
            return false;
        }
        return true;
    }

    /** delivery.timeout.ms must cover linger.ms + request.timeout.ms: an explicit smaller value is an error, a default is raised. */
    private int resolveDeliveryTimeout(final ConfigReader in) {
        final int configured = in.intValue(DELIVERY_TIMEOUT_MS, 120000, 0, Integer.MAX_VALUE);
        final long floor = lingerMs + requestTimeoutMs;
        if (configured >= floor) {
            return configured;
        }
        if (in.isSet(DELIVERY_TIMEOUT_MS)) {
            throw new ConfigException(DELIVERY_TIMEOUT_MS, configured,
                "must be at least linger.ms + request.timeout.ms = " + floor);
        }
        return (int) Math.min(Integer.MAX_VALUE, floor);
    }

    public Acks acks() {
        return acks;
    }

    /** batch.size: the capacity of a pooled batch buffer. */
    public int batchSize() {
        return batchSize;
    }

    public long lingerMs() {
        return lingerMs;
    }

    public long bufferMemory() {
        return bufferMemory;
    }

    public long maxBlockMs() {
        return maxBlockMs;
    }

    public int maxRequestSize() {
        return maxRequestSize;
    }

    /** Whether idempotence is in effect after Kafka's resolution rules. */
    public boolean idempotence() {
        return idempotence;
    }

    public int maxInFlightRequestsPerConnection() {
        return maxInFlight;
    }

    public int retries() {
        return retries;
    }

    public long retryBackoffMs() {
        return retryBackoffMs;
    }

    public long retryBackoffMaxMs() {
        return retryBackoffMaxMs;
    }

    public int requestTimeoutMs() {
        return requestTimeoutMs;
    }

    /** How long a broker whose connection closed is left alone before it is dialled again (Kafka: 50). */
    public long reconnectBackoffMs() {
        return reconnectBackoffMs;
    }

    /** The cap on that wait as it doubles with each failed attempt (Kafka: 1000). */
    public long reconnectBackoffMaxMs() {
        return reconnectBackoffMaxMs;
    }

    public int deliveryTimeoutMs() {
        return deliveryTimeoutMs;
    }

    /** How old the sender's view of the partition leaders may grow before it asks again unprompted (Kafka: 300000). */
    public long metadataMaxAgeMs() {
        return metadataMaxAgeMs;
    }

    /** partitioner.class, or null for Kafka's built-in behaviour (murmur2 for keys, uniform sticky otherwise). */
    public String partitionerClass() {
        return partitionerClass;
    }

    public boolean partitionerIgnoreKeys() {
        return partitionerIgnoreKeys;
    }

    /** client.id, send.buffer.bytes and receive.buffer.bytes, for the connections to the brokers. */
    public ClientSocketOptions socketOptions() {
        return socketOptions;
    }

    private static int socketBuffer(final ConfigReader in, final String key, final int defaultBytes) {
        final int bytes = in.intValue(key, defaultBytes, TcpSettings.OS_DEFAULT, Integer.MAX_VALUE);
        if (bytes == 0) {
            throw new ConfigException(key, "0", "expected a size in bytes, or -1 for the operating system's default");
        }
        return bytes;
    }

    public String idleStrategy() {
        return idleStrategy;
    }
}
