package io.ackbench.load;

import io.ackbench.broker.BrokerConfig;
import io.ackbench.config.ConfigException;
import io.ackbench.producer.ProducerConfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a load-generator run sends, and to what cluster: record size, keys, partitions, producer threads, target
 * rate, length (a record count or a duration), warm-up, and the producer's and brokers' settings by their Kafka
 * names. Immutable; {@link Builder#build()} validates every field and both settings maps up front, and a
 * {@link ConfigException} names the flag (as {@code produce-perf} spells it) or the Kafka key at fault.
 *
 * <p>The record size is the value's size in bytes, as in kafka-producer-perf-test; keyed records carry an 8-byte
 * key on top ({@link KeySource}). The record count and the duration exclude the warm-up, whose records are sent
 * at the same rate before measuring starts and are not reported. The warm-up lasts a fixed time, or with
 * {@code --warmup steady} until the throughput and p50 latency stop moving ({@link SteadyStateDetector}), at most
 * {@code --warmup-max}.
 */
public final class Workload {
    public static final String RECORD_SIZE = "--record-size";
    public static final String KEY_DISTRIBUTION = "--key-distribution";
    public static final String PARTITIONS = "--partitions";
    public static final String PRODUCER_THREADS = "--producer-threads";
    public static final String THROUGHPUT = "--throughput";
    public static final String NUM_RECORDS = "--num-records";
    public static final String DURATION = "--duration";
    public static final String WARMUP = "--warmup";
    /** The {@link #WARMUP} value asking for a steady-state warm-up. */
    public static final String STEADY = "steady";
    public static final String WARMUP_MAX = "--warmup-max";
    /** The shortest a steady-state warm-up lasts, whatever the figures do: for a system known to climb in steps. */
    public static final String WARMUP_MIN = "--warmup-min";
    /** The longest a steady-state warm-up lasts unless {@link #WARMUP_MAX} says otherwise. */
    public static final long DEFAULT_WARMUP_MAX_NANOS = TimeUnit.SECONDS.toNanos(120);
    public static final String BROKERS = "--brokers";
    public static final String REPLICATION_FACTOR = "--replication-factor";
    public static final String MIN_INSYNC_REPLICAS = "--min-insync-replicas";
    public static final String REPORTING_INTERVAL = "--reporting-interval-ms";
    public static final String CONSUMERS = "--consumers";
    public static final String RECORD_STAGES = "--record-stages";
    public static final String BROKER_JVM_OPTIONS = "--broker-jvm-options";

    /** A target rate meaning "as fast as the producer takes records". */
    public static final long UNLIMITED = OpenLoopSchedule.UNBOUNDED;
    /** 0 means no count: the run is bounded by its duration instead. */
    public static final long NO_RECORD_COUNT = 0;
    /** 0 means no duration: the run is bounded by its record count instead. */
    public static final long NO_DURATION = 0;

    /** Largest value size: Kafka's default max.request.size is 1 MiB; 64 MiB leaves room for raised limits. */
    public static final int MAX_RECORD_SIZE = 64 << 20;
    /** More producer threads than this on 2 cores measures the scheduler, not the producer. */
    public static final int MAX_PRODUCER_THREADS = 64;
    public static final int MAX_PARTITIONS = 100_000;
    public static final int MAX_BROKERS = 64;

    /** Broker settings that the workload's own fields set. */
    private static final String[] FLAG_OWNED_BROKER_SETTINGS = {BrokerConfig.BROKERS, BrokerConfig.NUM_PARTITIONS,
        BrokerConfig.REPLICATION_FACTOR, BrokerConfig.MIN_INSYNC_REPLICAS};

    private final int recordSize;
    private final KeyDistribution keyDistribution;
    private final int partitions;
    private final int producerThreads;
    private final long targetRate;
    private final long numRecords;
    private final long durationNanos;
    private final long warmupNanos;
    private final boolean steadyWarmup;
    private final long warmupMinNanos;
    private final long reportingIntervalNanos;
    private final int brokers;
    private final int replicationFactor;
    private final int minInsyncReplicas;
    private final long seed;
    private final int consumers;
    private final boolean recordStages;
    private final Map<String, String> producerSettings;
    private final Map<String, String> brokerSettings;
    private final Map<String, String> givenBrokerSettings;
    private final List<String> brokerJvmOptions;

    private Workload(final Builder b) {
        recordSize = b.recordSize;
        keyDistribution = b.keyDistribution;
        partitions = b.partitions;
        producerThreads = b.producerThreads;
        targetRate = b.targetRate < 0 ? UNLIMITED : b.targetRate;
        numRecords = b.numRecords;
        durationNanos = b.durationNanos;
        steadyWarmup = b.steadyWarmup;
        warmupNanos = b.steadyWarmup ? b.warmupMaxNanos : b.warmupNanos;
        warmupMinNanos = b.steadyWarmup ? b.warmupMinNanos : 0;
        reportingIntervalNanos = b.reportingIntervalNanos;
        brokers = b.brokers;
        replicationFactor = b.replicationFactor;
        minInsyncReplicas = b.minInsyncReplicas;
        seed = b.seed;
        consumers = b.consumers;
        recordStages = b.recordStages;
        producerSettings = Map.copyOf(b.producerSettings);
        givenBrokerSettings = Map.copyOf(b.brokerSettings);
        brokerJvmOptions = List.copyOf(b.brokerJvmOptions);
        final Map<String, String> merged = new LinkedHashMap<>(b.brokerSettings);
        merged.put(BrokerConfig.BROKERS, Integer.toString(brokers));
        merged.put(BrokerConfig.NUM_PARTITIONS, Integer.toString(partitions));
        merged.put(BrokerConfig.REPLICATION_FACTOR, Integer.toString(replicationFactor));
        merged.put(BrokerConfig.MIN_INSYNC_REPLICAS, Integer.toString(minInsyncReplicas));
        brokerSettings = Map.copyOf(merged);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this workload's values, to derive a variant (a sweep step at another rate). */
    public Builder toBuilder() {
        final Builder b = new Builder();
        b.recordSize = recordSize;
        b.keyDistribution = keyDistribution;
        b.partitions = partitions;
        b.producerThreads = producerThreads;
        b.targetRate = targetRate;
        b.numRecords = numRecords;
        b.durationNanos = durationNanos;
        b.steadyWarmup = steadyWarmup;
        if (steadyWarmup) {
            b.warmupMaxNanos = warmupNanos;
            b.warmupMinNanos = warmupMinNanos;
        } else {
            b.warmupNanos = warmupNanos;
        }
        b.reportingIntervalNanos = reportingIntervalNanos;
        b.brokers = brokers;
        b.replicationFactor = replicationFactor;
        b.minInsyncReplicas = minInsyncReplicas;
        b.seed = seed;
        b.consumers = consumers;
        b.recordStages = recordStages;
        b.producerSettings.putAll(producerSettings);
        b.brokerSettings.putAll(brokerSettings);
        b.brokerJvmOptions = brokerJvmOptions;
        for (final String ownedByFlag : FLAG_OWNED_BROKER_SETTINGS) {
            b.brokerSettings.remove(ownedByFlag);
        }
        return b;
    }

    /** Value bytes per record. */
    public int recordSize() {
        return recordSize;
    }

    public KeyDistribution keyDistribution() {
        return keyDistribution;
    }

    public int partitions() {
        return partitions;
    }

    public int producerThreads() {
        return producerThreads;
    }

    /** Records per second over all producer threads, or {@link #UNLIMITED}. */
    public long targetRate() {
        return targetRate;
    }

    public boolean isRateLimited() {
        return targetRate != UNLIMITED;
    }

    /** Measured records to send, or {@link #NO_RECORD_COUNT} when the run has a duration. */
    public long numRecords() {
        return numRecords;
    }

    /** How long to measure, or {@link #NO_DURATION} when the run has a record count. */
    public long durationNanos() {
        return durationNanos;
    }

    /**
     * How long the warm-up lasts; with {@link #steadyWarmup()}, the longest it may last (the measurement starts when
     * the warm-up settles, at the latest then).
     */
    public long warmupNanos() {
        return warmupNanos;
    }

    /** Whether the warm-up lasts until the throughput and p50 latency stop moving, rather than a fixed time. */
    public boolean steadyWarmup() {
        return steadyWarmup;
    }

    /** The shortest a steady-state warm-up lasts ({@value #WARMUP_MIN}); 0 for a fixed one or by default. */
    public long warmupMinNanos() {
        return warmupMinNanos;
    }

    public long reportingIntervalNanos() {
        return reportingIntervalNanos;
    }

    public int brokers() {
        return brokers;
    }

    public int replicationFactor() {
        return replicationFactor;
    }

    public int minInsyncReplicas() {
        return minInsyncReplicas;
    }

    /** Seeds the key generators (thread {@code t} uses {@code seed + t}) and the record values. */
    public long seed() {
        return seed;
    }

    /**
     * Consuming threads reading the topic while it is loaded, for end-to-end latency; 0 (the default) for none.
     * Consumer {@code i} reads the partitions {@code p} with {@code p % consumers == i}.
     */
    public int consumers() {
        return consumers;
    }

    /**
     * Whether the producers stamp where each record's latency goes, stage by stage, for the run's stage breakdown
     * ({@link LoadCluster#stages()}); default true. Off, they take none of those timestamps.
     */
    public boolean recordStages() {
        return recordStages;
    }

    /** The producer's settings by their Kafka names. */
    public Map<String, String> producerSettings() {
        return producerSettings;
    }

    /** The brokers' and topic's settings by their Kafka names, with the brokers, partitions, RF and min.insync above. */
    public Map<String, String> brokerSettings() {
        return brokerSettings;
    }

    /** Only the broker and topic settings given one by one (--broker-props), without the cluster's shape. */
    public Map<String, String> givenBrokerSettings() {
        return givenBrokerSettings;
    }

    /**
     * The heap and GC options of each broker JVM the run starts, in place of the target's own; empty (the default)
     * for each target's own ({@link BrokerJvmOptions}).
     */
    public List<String> brokerJvmOptions() {
        return brokerJvmOptions;
    }

    /** Thread {@code thread}'s share of {@code total}: equal shares, the remainder spread over the first threads. */
    public long shareOf(final long total, final int thread) {
        final long base = total / producerThreads;
        return base + (thread < total % producerThreads ? 1 : 0);
    }

    /** A short name for directories: {@code acks-all_r50000_s100_p6_t1}. */
    public String shortName() {
        return "acks-" + producerSettings.getOrDefault(ProducerConfig.ACKS, "all")
            + ("true".equals(producerSettings.get(ProducerConfig.ENABLE_IDEMPOTENCE)) ? "-idem" : "")
            + "_r" + (isRateLimited() ? Long.toString(targetRate) : "max")
            + "_s" + recordSize + "_p" + partitions + "_b" + brokers + "-rf" + replicationFactor
            + "-isr" + minInsyncReplicas + "_t" + producerThreads + (consumers > 0 ? "_c" + consumers : "");
    }

    /** Collects a workload's values; {@link #build()} checks them. Defaults: see each setter. */
    public static final class Builder {
        private int recordSize = 100;
        private KeyDistribution keyDistribution = KeyDistribution.NONE;
        private int partitions = 6;
        private int producerThreads = 1;
        private long targetRate = UNLIMITED;
        private long numRecords = NO_RECORD_COUNT;
        private long durationNanos = NO_DURATION;
        private long warmupNanos;
        private boolean steadyWarmup;
        private long warmupMaxNanos = DEFAULT_WARMUP_MAX_NANOS;
        private long warmupMinNanos;
        private long reportingIntervalNanos = TimeUnit.SECONDS.toNanos(5);
        private int brokers = 3;
        private int replicationFactor = 3;
        private int minInsyncReplicas = 2;
        private long seed = 42;
        private int consumers;
        private boolean recordStages = true;
        private final Map<String, String> producerSettings = new LinkedHashMap<>();
        private final Map<String, String> brokerSettings = new LinkedHashMap<>();
        private List<String> brokerJvmOptions = List.of();

        private Builder() {
        }

        /** Value bytes per record, 1 to {@link #MAX_RECORD_SIZE}; default 100. */
        public Builder recordSize(final int bytes) {
            this.recordSize = bytes;
            return this;
        }

        /** Default {@link KeyDistribution#NONE}. */
        public Builder keyDistribution(final KeyDistribution distribution) {
            this.keyDistribution = distribution;
            return this;
        }

        /** Default 6. */
        public Builder partitions(final int partitions) {
            this.partitions = partitions;
            return this;
        }

        /** Threads calling send, each with its own producer (and so its own sender thread); default 1. */
        public Builder producerThreads(final int threads) {
            this.producerThreads = threads;
            return this;
        }

        /** Records per second over all threads; 0 or -1 for unlimited (the default). */
        public Builder targetRate(final long recordsPerSecond) {
            this.targetRate = recordsPerSecond;
            return this;
        }

        /** Measured records to send; give this or a duration. */
        public Builder numRecords(final long records) {
            this.numRecords = records;
            return this;
        }

        /** How long to measure; give this or a record count. */
        public Builder duration(final long amount, final TimeUnit unit) {
            this.durationNanos = unit.toNanos(amount);
            return this;
        }

        /** How long to send before measuring; default 0. Replaces a steady-state warm-up. */
        public Builder warmup(final long amount, final TimeUnit unit) {
            this.warmupNanos = unit.toNanos(amount);
            this.steadyWarmup = false;
            return this;
        }

        /** Warms up until the throughput and p50 latency settle ({@link SteadyStateDetector}), at most the maximum. */
        public Builder steadyWarmup() {
            this.steadyWarmup = true;
            return this;
        }

        /** The shortest a steady-state warm-up lasts, settled or not before; default 0. */
        public Builder warmupMin(final long amount, final TimeUnit unit) {
            this.warmupMinNanos = unit.toNanos(amount);
            return this;
        }

        /** The longest a steady-state warm-up lasts; default 120 s. */
        public Builder warmupMax(final long amount, final TimeUnit unit) {
            this.warmupMaxNanos = unit.toNanos(amount);
            return this;
        }

        /** How often a progress line (and an .hlog interval) is written; default 5 s. */
        public Builder reportingInterval(final long amount, final TimeUnit unit) {
            this.reportingIntervalNanos = unit.toNanos(amount);
            return this;
        }

        /** Default 3. */
        public Builder brokers(final int brokers) {
            this.brokers = brokers;
            return this;
        }

        /** Default 3. */
        public Builder replicationFactor(final int replicationFactor) {
            this.replicationFactor = replicationFactor;
            return this;
        }

        /** Default 2. */
        public Builder minInsyncReplicas(final int minInsyncReplicas) {
            this.minInsyncReplicas = minInsyncReplicas;
            return this;
        }

        /** Default 42. */
        public Builder seed(final long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Consuming threads for end-to-end latency, 0 to the partitions (each reads at least one); default 0. Needs
         * a record size of at least 16 bytes: each value carries its intended send time after its id.
         */
        public Builder consumers(final int consumers) {
            this.consumers = consumers;
            return this;
        }

        /** Whether the producers record stage latencies; default true. */
        public Builder recordStages(final boolean record) {
            this.recordStages = record;
            return this;
        }

        /** Adds (or replaces) one producer setting by its Kafka name. */
        public Builder producerSetting(final String key, final String value) {
            producerSettings.put(key, value);
            return this;
        }

        /**
         * Adds (or replaces) one broker or topic setting by its Kafka name. The brokers, partitions, replication
         * factor and min.insync.replicas are the fields above; setting them here is an error.
         */
        public Builder brokerSetting(final String key, final String value) {
            brokerSettings.put(key, value);
            return this;
        }

        /**
         * Each broker JVM's heap and GC options, each starting with {@code -}, in place of the target's own; empty
         * (the default) for the target's own. A target without broker JVMs refuses any.
         */
        public Builder brokerJvmOptions(final List<String> options) {
            this.brokerJvmOptions = List.copyOf(options);
            return this;
        }

        /** @throws ConfigException naming the flag or setting whose value is not allowed */
        public Workload build() {
            requireRange(RECORD_SIZE, recordSize, 1, MAX_RECORD_SIZE);
            if (keyDistribution == null) {
                throw new ConfigException(KEY_DISTRIBUTION, "must be given (none, uniform:K or zipf:K:s)");
            }
            requireRange(PARTITIONS, partitions, 1, MAX_PARTITIONS);
            requireRange(PRODUCER_THREADS, producerThreads, 1, MAX_PRODUCER_THREADS);
            if (targetRate < -1 || targetRate > OpenLoopSchedule.MAX_RECORDS_PER_SECOND) {
                throw new ConfigException(THROUGHPUT, targetRate, "expected -1 or 0 (unlimited) or records/s from 1 to "
                    + OpenLoopSchedule.MAX_RECORDS_PER_SECOND);
            }
            if (targetRate > 0 && targetRate < producerThreads) {
                throw new ConfigException(THROUGHPUT, targetRate, "each of the " + producerThreads
                    + " producer threads (" + PRODUCER_THREADS + ") needs at least 1 record/s");
            }
            if (numRecords < 0) {
                throw new ConfigException(NUM_RECORDS, numRecords, "expected a positive number of records");
            }
            if (durationNanos < 0) {
                throw new ConfigException(DURATION, durationNanos / 1e9 + " s", "expected a positive duration");
            }
            if (numRecords == NO_RECORD_COUNT && durationNanos == NO_DURATION) {
                throw new ConfigException(NUM_RECORDS, "give the run's length: " + NUM_RECORDS + " or " + DURATION);
            }
            if (numRecords != NO_RECORD_COUNT && durationNanos != NO_DURATION) {
                throw new ConfigException(DURATION, "give " + NUM_RECORDS + " or " + DURATION + ", not both");
            }
            if (numRecords != NO_RECORD_COUNT && numRecords < producerThreads) {
                throw new ConfigException(NUM_RECORDS, numRecords, "each of the " + producerThreads
                    + " producer threads (" + PRODUCER_THREADS + ") needs at least one record");
            }
            if (warmupNanos < 0) {
                throw new ConfigException(WARMUP, warmupNanos / 1e9 + " s", "expected 0 or a positive duration");
            }
            if (warmupMinNanos < 0 || steadyWarmup && warmupMinNanos > warmupMaxNanos) {
                throw new ConfigException(WARMUP_MIN, warmupMinNanos / 1e9 + " s", "expected 0 to " + WARMUP_MAX
                    + " (" + warmupMaxNanos / 1e9 + " s)");
            }
            final int windows = new SteadyStateDetector().windows();
            if (steadyWarmup && warmupMaxNanos < SteadyWarmup.WINDOW_NANOS * windows) {
                throw new ConfigException(WARMUP_MAX, warmupMaxNanos / 1e9 + " s", "a steady-state warm-up compares "
                    + windows + " windows of " + SteadyWarmup.WINDOW_NANOS / 1_000_000_000L + " s: expected at least "
                    + windows + " s");
            }
            if (reportingIntervalNanos < TimeUnit.MILLISECONDS.toNanos(1)) {
                throw new ConfigException(REPORTING_INTERVAL, reportingIntervalNanos / 1e6 + " ms",
                    "expected at least 1 ms");
            }
            requireConsumers();
            requireRange(BROKERS, brokers, 1, MAX_BROKERS);
            requireRange(REPLICATION_FACTOR, replicationFactor, 1, brokers);
            requireRange(MIN_INSYNC_REPLICAS, minInsyncReplicas, 1, replicationFactor);
            refuseBrokerSettingOwnedByFlag(BrokerConfig.BROKERS, BROKERS);
            refuseBrokerSettingOwnedByFlag(BrokerConfig.NUM_PARTITIONS, PARTITIONS);
            refuseBrokerSettingOwnedByFlag(BrokerConfig.REPLICATION_FACTOR, REPLICATION_FACTOR);
            refuseBrokerSettingOwnedByFlag(BrokerConfig.MIN_INSYNC_REPLICAS, MIN_INSYNC_REPLICAS);
            BrokerJvmOptions.check(brokerJvmOptions);
            // The producer and broker settings are the target's to check (LoadTarget.check): ackbench and Kafka
            // know different keys.
            return new Workload(this);
        }

        private void requireConsumers() {
            if (consumers < 0) {
                throw new ConfigException(CONSUMERS, consumers, "expected 0 (no consumers) or a number of consumers"
                    + " up to the partitions (" + partitions + ", " + PARTITIONS + ")");
            }
            if (consumers > partitions) {
                throw new ConfigException(CONSUMERS, consumers, "each consumer reads at least one partition, so at"
                    + " most " + partitions + " (" + PARTITIONS + ")");
            }
            if (consumers > 0 && !RecordId.fitsIntendedNanos(recordSize)) {
                throw new ConfigException(CONSUMERS, "end-to-end latency needs each value to carry its intended send"
                    + " time after its id: " + RECORD_SIZE + " at least " + (RecordId.INTENDED_NANOS_OFFSET
                    + Long.BYTES) + ", not " + recordSize);
            }
        }

        private void refuseBrokerSettingOwnedByFlag(final String key, final String flag) {
            if (brokerSettings.containsKey(key)) {
                throw new ConfigException(key, "set it with " + flag + ", not as a broker setting");
            }
        }

        private static void requireRange(final String flag, final long value, final long min, final long max) {
            if (value < min || value > max) {
                throw new ConfigException(flag, value, "expected a whole number in [" + min + ", " + max + "]");
            }
        }
    }
}
