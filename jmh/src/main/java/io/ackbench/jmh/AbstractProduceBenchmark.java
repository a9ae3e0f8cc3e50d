package io.ackbench.jmh;

import io.ackbench.broker.BrokerConfig;
import io.ackbench.broker.BrokerCluster;
import io.ackbench.jmh.latency.LatencyPercentiles;
import io.ackbench.jmh.latency.LatencyRecording;
import io.ackbench.jmh.latency.RecordingListener;
import io.ackbench.load.Directories;
import io.ackbench.load.OpenLoopSchedule;
import io.ackbench.load.stages.StageRecorder;
import io.ackbench.producer.BatchStageListener;
import io.ackbench.producer.Producer;
import io.ackbench.record.RecordBatchLayout;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * End to end: {@code Producer.send} of 100-byte records to a 3-broker cluster (replication factor 3, 6 partitions,
 * mmap logs on the working disk), through the sender, frames on the subclass's network, leader appends, follower
 * fetches and acknowledgement. The score is records sent per second by one application thread, held back by
 * buffer.memory once the cluster is the bottleneck; the secondary results are the latency percentiles of the
 * records acknowledged in each iteration, from the record's send (or, with a {@code rate}, its intended send
 * time) to its completion on the sender thread (see {@link LatencyPercentiles} for how JMH aggregates them).
 *
 * <p>{@code acks} is 0, 1, all, or all-idempotent ({@code acks=all} with {@code enable.idempotence=true}): one
 * parameter rather than two, because Kafka refuses idempotence with acks other than all, and JMH cannot skip
 * combinations. {@code -p acks=all,all-idempotent} is the cost of idempotence; {@code -p acks=1,all} the cost of
 * waiting for the followers. {@code minInsync} is the topic's min.insync.replicas; {@code keyed} chooses keyed
 * records (Kafka's murmur2 over an 8-byte key) or keyless ones (uniform sticky). {@code rate} is 0 for as fast as
 * the producer takes records, or an open-loop rate in records/s, with latency from each record's intended time.
 * {@code stages} true records each batch's stage latencies as produce-perf does (a {@link StageRecorder}) from the
 * first measurement iteration on, and prints the trial's stage table at its end; {@code -p stages=false,true} in one
 * run is the cost of that recording.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {ForkedJvm.HEAP_MIN, ForkedJvm.HEAP_MAX, ForkedJvm.AGRONA_UNSAFE})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public abstract class AbstractProduceBenchmark {
    private static final int PARTITIONS = 6;
    private static final int RECORD_BYTES = 100;
    private static final int KEY_BYTES = Long.BYTES;

    @Param({"0", "1", "all", "all-idempotent"})
    public String acks;

    @Param({"2", "3"})
    public int minInsync;

    @Param({"false", "true"})
    public boolean keyed;

    /** Records per second for an open-loop run; 0 sends as fast as the producer accepts. */
    @Param("0")
    public long rate;

    /** Where the brokers' logs go: the working disk, not tmpfs. */
    @Param("target/produce-bench")
    public String dir;

    @Param({"false", "true"})
    public boolean stages;

    private Path dataDir;
    private BrokerCluster cluster;
    private Producer producer;
    private OpenLoopSchedule schedule;
    private final UnsafeBuffer key = new UnsafeBuffer(ByteBuffer.allocateDirect(KEY_BYTES));
    private final UnsafeBuffer value = new UnsafeBuffer(ByteBuffer.allocateDirect(RECORD_BYTES));
    private RecordingListener listener;
    private long sequence;
    /** Records sent in this iteration: the open-loop schedule's index, which restarts with each iteration. */
    private long sentThisIteration;
    /** The trial's recorder when {@link #stages}, else null; made at the trial's setup, read at its end. */
    private StageRecorder recorder;
    private boolean measuringStages;

    @Setup(Level.Trial)
    public void startCluster(final LatencyRecording latency) throws IOException {
        dataDir = Files.createDirectories(Paths.get(dir)).resolve("run-" + System.nanoTime());
        System.out.println("# logs in " + dataDir.toAbsolutePath() + " (" + Files.getFileStore(
            Files.createDirectories(dataDir)).type() + ")");
        final Map<String, String> brokerSettings = new HashMap<>(brokerWork());
        brokerSettings.put(BrokerConfig.NUM_PARTITIONS, Integer.toString(PARTITIONS));
        brokerSettings.put(BrokerConfig.REPLICATION_FACTOR, "3");
        brokerSettings.put(BrokerConfig.MIN_INSYNC_REPLICAS, Integer.toString(minInsync));
        cluster = startCluster(brokerSettings, dataDir);

        final Map<String, String> producerSettings = new HashMap<>();
        producerSettings.put("acks", acks.equals("all-idempotent") ? "all" : acks);
        producerSettings.put("enable.idempotence", Boolean.toString(acks.equals("all-idempotent")));
        listener = new RecordingListener(latency);
        producer = Producer.connect(producerSettings, cluster.layout(), cluster.connectClient(), listener,
            stageListener());
        final byte[] bytes = new byte[RECORD_BYTES];
        new SplittableRandom(42).nextBytes(bytes);
        value.putBytes(0, bytes);
    }

    /** The trial's stage recorder when {@link #stages}, made here; null takes no stamps. */
    private BatchStageListener stageListener() {
        // Counts nothing until the measurement moves its start: 2^62 ns (146 years) ahead, compared by difference.
        recorder = stages ? new StageRecorder(System.nanoTime() + (1L << 62)) : null;
        measuringStages = false;
        return recorder;
    }

    /** The warm-up iterations' records stay out of the stage table: it counts from the first measured iteration. */
    @Setup(Level.Iteration)
    public void countStagesFromTheMeasurement(final IterationParams iteration) {
        if (recorder != null && !measuringStages && iteration.getType() == IterationType.MEASUREMENT) {
            measuringStages = true;
            recorder.measureFrom(System.nanoTime());
        }
    }

    @TearDown(Level.Trial)
    public void printStages() {
        if (recorder != null) {
            StageRecorder.breakdown(List.of(recorder)).tableLines().forEach(System.out::println);
        }
    }

    /** The three brokers, joined as the subclass measures them. */
    protected abstract BrokerCluster startCluster(Map<String, String> brokerSettings, Path dataDir);

    /** Broker settings that change what each broker does per batch; none here: the broker's defaults, Kafka's work. */
    protected Map<String, String> brokerWork() {
        return Map.of();
    }

    @Setup(Level.Iteration)
    public void restartSchedule() {
        // Each iteration restarts the schedule: a backlog from the previous one (or from the pause between
        // iterations) would otherwise show as latency here.
        schedule = rate > 0 ? new OpenLoopSchedule(rate, System.nanoTime()) : null;
        sentThisIteration = 0;
    }

    @Benchmark
    public int send(final LatencyPercentiles percentiles) {
        final long n = sequence++;
        final long intended = schedule == null ? System.nanoTime() : schedule.awaitSendTime(sentThisIteration++);
        if (keyed) {
            key.putLong(0, n, ByteOrder.BIG_ENDIAN);
            return producer.send(key, 0, KEY_BYTES, value, 0, RECORD_BYTES, null, RecordBatchLayout.NO_TIMESTAMP,
                intended);
        }
        return producer.send(null, 0, -1, value, 0, RECORD_BYTES, null, RecordBatchLayout.NO_TIMESTAMP, intended);
    }

    @TearDown(Level.Trial)
    public void stopCluster() throws IOException {
        try {
            producer.close();
            cluster.closeAndDiscard(); // a clean close would force the run's gigabytes to disk, then they are deleted
        } finally {
            Directories.deleteRecursively(dataDir);
        }
        listener.requireNoFailures();
    }
}
