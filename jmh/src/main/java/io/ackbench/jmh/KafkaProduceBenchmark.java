package io.ackbench.jmh;

import io.ackbench.jmh.latency.LatencyPercentiles;
import io.ackbench.jmh.latency.LatencyRecording;
import io.ackbench.jmh.latency.RecordingListener;
import io.ackbench.kafka.KafkaTarget;
import io.ackbench.load.AckbenchTarget;
import io.ackbench.load.ClusterLauncher;
import io.ackbench.load.Directories;
import io.ackbench.load.LatencyRecorder;
import io.ackbench.load.LoadCluster;
import io.ackbench.load.LoadProducer;
import io.ackbench.load.LoadTarget;
import io.ackbench.load.OpenLoopSchedule;
import io.ackbench.load.SteadyStateDetector;
import io.ackbench.load.Workload;
import org.HdrHistogram.Histogram;
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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * ackbench beside Apache Kafka 4.3.1, end to end in one run: one application thread sends 100-byte records to 3
 * brokers (replication factor 3, 6 partitions), each broker a JVM of its own on a loopback port, with
 * {@code impl=ackbench} through ackbench's producer and brokers, with {@code impl=kafka} through kafka-clients'
 * {@code KafkaProducer} to an embedded KRaft cluster started from Kafka's own jars. The score is records sent per
 * second, held back by buffer.memory once the cluster is the bottleneck; the secondary results are the latency
 * percentiles from each record's send (or, with a {@code rate}, its intended send time) to its completion callback.
 * Both producers run with Kafka's defaults except for {@code acks} and {@code enable.idempotence}.
 *
 * <p>{@code acks} is 1, all, or all-idempotent ({@code acks=all} with {@code enable.idempotence=true}; the others
 * set it false, Kafka's default being true): one parameter rather than two, because Kafka refuses idempotence with
 * acks=1 and JMH cannot skip a combination. {@code minInsync} is the topic's min.insync.replicas.
 *
 * <p>Each trial first sends unmeasured records as fast as it can, before JMH's own warm-up, until the
 * acknowledgements per second and the p50 latency of 1 s windows stay within 5% over 3 windows
 * ({@link SteadyStateDetector}), at most {@code clusterWarmupSeconds}: a fresh Kafka cluster needs more than a
 * benchmark's usual warm-up: with acks=all its three broker JVMs and the producer's, compiling on 2 cores, went 130k,
 * 172k, 220k, 293k, 375k, 431k records/s over consecutive 10 s iterations and settled near 450k only after about
 * 70 s; ackbench's settles sooner, and each waits only as long as it needs. The trial prints how long it took. A
 * trial-level warm-up also survives {@code -wi 1}; {@code -p clusterWarmupUntilSteady=false} warms up for the whole
 * {@code clusterWarmupSeconds}, and {@code -p clusterWarmupSeconds=0} skips it (the CI smoke run does).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {ForkedJvm.HEAP_MIN, ForkedJvm.HEAP_MAX, ForkedJvm.AGRONA_UNSAFE})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class KafkaProduceBenchmark {
    private static final int BROKERS = 3;
    private static final int PARTITIONS = 6;
    private static final int RECORD_BYTES = 100;
    private static final int KEY_BYTES = Long.BYTES;
    private static final String TOPIC = "ackbench";
    private static final String IDEMPOTENT = "all-idempotent";
    private static final long WARMUP_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);

    @Param({"ackbench", "kafka"})
    public String impl;

    @Param({"1", "all", IDEMPOTENT})
    public String acks;

    @Param({"2", "3"})
    public int minInsync;

    /** Records per second for an open-loop run; 0 sends as fast as the producer accepts. */
    @Param("0")
    public long rate;

    @Param("false")
    public boolean keyed;

    /**
     * The longest unmeasured sending at the start of each trial, in seconds, for both systems alike (see the class
     * comment); the whole of it with {@code clusterWarmupUntilSteady=false}.
     */
    @Param("120")
    public int clusterWarmupSeconds;

    /** Whether the cluster warm-up ends once its figures settle rather than after clusterWarmupSeconds. */
    @Param("true")
    public boolean clusterWarmupUntilSteady;

    /** Where both systems' brokers keep their logs: the working disk, not tmpfs. */
    @Param("target/kafka-produce-bench")
    public String dir;

    private Path dataDir;
    private LoadCluster cluster;
    private LoadProducer producer;
    private OpenLoopSchedule schedule;
    private final UnsafeBuffer key = new UnsafeBuffer(ByteBuffer.allocateDirect(KEY_BYTES));
    private final UnsafeBuffer value = new UnsafeBuffer(ByteBuffer.allocateDirect(RECORD_BYTES));
    private RecordingListener listener;
    private long sequence;
    /** Records sent in this iteration: the open-loop schedule's index, which restarts with each iteration. */
    private long sentThisIteration;

    @Setup(Level.Trial)
    public void startCluster(final LatencyRecording latency) throws IOException, InterruptedException {
        dataDir = Files.createDirectories(Paths.get(dir)).resolve("run-" + System.nanoTime());
        System.out.println("# " + impl + " brokers' logs in " + dataDir.toAbsolutePath() + " ("
            + Files.getFileStore(Files.createDirectories(dataDir)).type() + ")");
        final Workload workload = Workload.builder().brokers(BROKERS).replicationFactor(BROKERS)
            .minInsyncReplicas(minInsync).partitions(PARTITIONS).recordSize(RECORD_BYTES).numRecords(1)
            .producerSetting("acks", acks.equals(IDEMPOTENT) ? "all" : acks)
            .producerSetting("enable.idempotence", Boolean.toString(acks.equals(IDEMPOTENT))).build();
        final LoadTarget target = impl.equals(KafkaTarget.NAME) ? KafkaTarget.embedded(TOPIC)
            : new AckbenchTarget(ClusterLauncher.TCP_PROCESSES);
        target.check(workload);
        cluster = target.start(workload, dataDir);

        listener = new RecordingListener(latency);
        producer = cluster.connect(workload, listener);
        final byte[] bytes = new byte[RECORD_BYTES];
        new SplittableRandom(42).nextBytes(bytes);
        value.putBytes(0, bytes);
        warmUpCluster(latency.recorder());
    }

    /**
     * Sends as fast as the producer takes records until the cluster warm-up is over, then waits for the last. Reads
     * the acknowledgements of each 1 s window from the trial's recorder, before JMH's first iteration (the first
     * measurement iteration drops the recorder's total, warm-up included).
     */
    private void warmUpCluster(final LatencyRecorder recorder) {
        final long start = System.nanoTime();
        final long end = start + TimeUnit.SECONDS.toNanos(clusterWarmupSeconds);
        final SteadyStateDetector detector = new SteadyStateDetector();
        boolean settled = false;
        long windowStart = start;
        recorder.intervalHistogram(null);
        while (System.nanoTime() - end < 0 && !settled) {
            producer.send(key, -1, value, RECORD_BYTES, System.nanoTime());
            final long now = System.nanoTime();
            if (clusterWarmupUntilSteady && now - windowStart >= WARMUP_WINDOW_NANOS) {
                final Histogram window = recorder.intervalHistogram(null);
                settled = detector.offer(window.getTotalCount() * 1e9 / (now - windowStart),
                    window.getValueAtPercentile(50));
                windowStart = now;
            }
        }
        producer.flush();
        if (clusterWarmupSeconds > 0) {
            System.out.println(String.format(Locale.ROOT, "# %s cluster warm-up: %.1f s, %s", impl,
                (System.nanoTime() - start) / 1e9, !clusterWarmupUntilSteady ? "fixed"
                    : settled ? "settled (acknowledgements/s and p50 within 5% over 3 windows)" : "did not settle"));
        }
    }

    @Setup(Level.Iteration)
    public void restartSchedule() {
        // A backlog from the previous iteration (or the pause between iterations) would otherwise show as latency.
        schedule = rate > 0 ? new OpenLoopSchedule(rate, System.nanoTime()) : null;
        sentThisIteration = 0;
    }

    @Benchmark
    public void send(final LatencyPercentiles percentiles) {
        final long n = sequence++;
        final long intended = schedule == null ? System.nanoTime() : schedule.awaitSendTime(sentThisIteration++);
        if (keyed) {
            key.putLong(0, n, ByteOrder.BIG_ENDIAN);
            producer.send(key, KEY_BYTES, value, RECORD_BYTES, intended);
        } else {
            producer.send(key, -1, value, RECORD_BYTES, intended);
        }
    }

    @TearDown(Level.Trial)
    public void stopCluster() throws IOException {
        try {
            try {
                producer.close();
            } finally {
                cluster.close();
            }
        } finally {
            Directories.deleteRecursively(dataDir);
        }
        listener.requireNoFailures();
    }
}
