package io.ackbench.jmh;

import io.ackbench.jmh.latency.LatencyPercentiles;
import io.ackbench.jmh.latency.LatencyRecording;
import io.ackbench.kafka.KafkaTarget;
import io.ackbench.load.AckbenchTarget;
import io.ackbench.load.ClusterLauncher;
import io.ackbench.load.ConsumerLoad;
import io.ackbench.load.ConsumptionRecorder;
import io.ackbench.load.Directories;
import io.ackbench.load.LoadCluster;
import io.ackbench.load.LoadProducer;
import io.ackbench.load.LoadTarget;
import io.ackbench.load.OpenLoopSchedule;
import io.ackbench.load.RecordId;
import io.ackbench.load.Workload;
import io.ackbench.producer.DeliveryListener;
import io.ackbench.transport.ErrorCode;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One question: how long does a record take from its intended send time to a consumer, at a fixed rate? One
 * application thread sends 100-byte keyless records on an open-loop schedule of {@code rate} records/s to 3 brokers
 * (replication factor 3, min.insync.replicas 2, 6 partitions), each broker a JVM of its own on a loopback port, with
 * {@code impl=ackbench} through ackbench's producer and brokers, with {@code impl=kafka} through kafka-clients'
 * {@code KafkaProducer} to an embedded KRaft cluster started from Kafka's own jars, as {@link KafkaProduceBenchmark}
 * does. One consumer thread in this JVM reads all 6 partitions from their first offset and, for each record, records
 * now minus the intended send time the producer stamped in its value: one clock, so the difference is the record's
 * end-to-end latency. The secondary results are its percentiles ({@link LatencyPercentiles}), the trial's
 * distribution an {@code .hgrm} file; the score, records sent per second, only shows whether the rate was kept.
 *
 * <p>A consumer sees only what is committed, below the high watermark, whatever the producer's {@code acks}: so
 * {@code -p acks=1,all} here is the part of acks=all's produce-latency cost that readers also pay, often far smaller.
 * Both producers run with Kafka's defaults except {@code acks} and {@code enable.idempotence=false}.
 *
 * <p>Each trial first sends unmeasured records at the same rate for {@code clusterWarmupSeconds} while the consumer
 * reads along (both systems' JVMs compile the fetch path too), then waits until the consumer has read them all, so
 * that its first measured records are not queued behind the warm-up's. Records still in flight when an iteration
 * ends count in the next.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {ForkedJvm.HEAP_MIN, ForkedJvm.HEAP_MAX, ForkedJvm.AGRONA_UNSAFE})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class EndToEndBenchmark {
    private static final int BROKERS = 3;
    private static final int MIN_INSYNC = 2;
    private static final int PARTITIONS = 6;
    private static final int RECORD_BYTES = 100;
    private static final String TOPIC = "ackbench";
    /** How long the consumer may take to read the cluster warm-up's records once the producer has flushed. */
    private static final long CATCH_UP_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** Until the warm-up has been read, records are measured from this far ahead: none is. */
    private static final long NOT_YET_NANOS = TimeUnit.DAYS.toNanos(1);

    @Param({"ackbench", "kafka"})
    public String impl;

    @Param({"0", "1", "all"})
    public String acks;

    /** Records per second, open loop: end-to-end latency is a question about a fixed rate. */
    @Param("20000")
    public long rate;

    /** Seconds of unmeasured sending at {@code rate} at the start of each trial, with the consumer reading along. */
    @Param("30")
    public int clusterWarmupSeconds;

    /** Where both systems' brokers keep their logs: the working disk, not tmpfs. */
    @Param("target/end-to-end-bench")
    public String dir;

    private Path dataDir;
    private LoadCluster cluster;
    private LoadProducer producer;
    private ConsumerLoad consumer;
    private Thread consumerThread;
    private OpenLoopSchedule schedule;
    private final UnsafeBuffer value = new UnsafeBuffer(ByteBuffer.allocateDirect(RECORD_BYTES));
    private final UnsafeBuffer noKey = new UnsafeBuffer(new byte[0]);
    /** Records that completed with an error; written by the producer's completing thread, read at teardown. */
    private final AtomicLong failed = new AtomicLong();
    /** Every record's index, warm-up included: its {@link RecordId}. */
    private long sequence;
    /** Records sent in this iteration: the open-loop schedule's index, which restarts with each iteration. */
    private long sentThisIteration;

    @Setup(Level.Trial)
    public void startCluster(final LatencyRecording latency) throws IOException, InterruptedException {
        if (rate <= 0) {
            throw new IllegalArgumentException("rate must be a number of records per second, not " + rate);
        }
        dataDir = Files.createDirectories(Paths.get(dir)).resolve("run-" + System.nanoTime());
        System.out.println("# " + impl + " brokers' logs in " + dataDir.toAbsolutePath() + " ("
            + Files.getFileStore(Files.createDirectories(dataDir)).type() + ")");
        final Workload workload = Workload.builder().brokers(BROKERS).replicationFactor(BROKERS)
            .minInsyncReplicas(MIN_INSYNC).partitions(PARTITIONS).recordSize(RECORD_BYTES).numRecords(1)
            .consumers(1).targetRate(rate).producerSetting("acks", acks)
            .producerSetting("enable.idempotence", "false").build();
        final LoadTarget target = impl.equals(KafkaTarget.NAME) ? KafkaTarget.embedded(TOPIC)
            : new AckbenchTarget(ClusterLauncher.TCP_PROCESSES);
        target.check(workload);
        cluster = target.start(workload, dataDir);
        try {
            connect(workload, latency);
        } catch (final RuntimeException | Error | InterruptedException e) {
            // JMH skips the trial teardown when a setup fails: stop the brokers here.
            try {
                release();
            } catch (final IOException | RuntimeException | InterruptedException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private void connect(final Workload workload, final LatencyRecording latency) throws InterruptedException {
        // One consumer for all partitions: the trial's recorder has one writer, its thread.
        final ConsumptionRecorder recorder = new ConsumptionRecorder(latency.recorder(),
            System.nanoTime() + NOT_YET_NANOS);
        consumer = new ConsumerLoad(cluster.consumer(workload, 0, 1, recorder), recorder);
        consumerThread = new Thread(consumer, "ackbench-consume-0");
        consumerThread.start();
        final DeliveryListener countFailures = (partition, offset, errorCode, appendNanos) -> {
            if (errorCode != ErrorCode.NONE) {
                failed.incrementAndGet();
            }
        };
        producer = cluster.connect(workload, countFailures);
        final byte[] bytes = new byte[RECORD_BYTES];
        new SplittableRandom(42).nextBytes(bytes);
        value.putBytes(0, bytes);
        warmUpCluster(recorder);
    }

    /** Sends at the rate until the cluster warm-up is over, then waits until the consumer has read every record. */
    private void warmUpCluster(final ConsumptionRecorder recorder) throws InterruptedException {
        final OpenLoopSchedule warmup = new OpenLoopSchedule(rate, System.nanoTime());
        final long records = clusterWarmupSeconds * rate;
        for (long n = 0; n < records; n++) {
            send(warmup.awaitSendTime(n));
        }
        producer.flush();
        consumer.drain();
        final long deadline = System.nanoTime() + CATCH_UP_NANOS;
        while (!(consumer.atEnd() && recorder.read() >= sequence)) {
            requireConsumerRunning();
            if (System.nanoTime() - deadline >= 0) {
                throw new IllegalStateException("The consumer read " + recorder.read() + " of the " + sequence
                    + " warm-up records in " + TimeUnit.NANOSECONDS.toSeconds(CATCH_UP_NANOS) + " s");
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        recorder.measureFrom(System.nanoTime());
    }

    @Setup(Level.Iteration)
    public void restartSchedule() {
        // A backlog from the previous iteration (or the pause between iterations) would otherwise show as latency.
        schedule = new OpenLoopSchedule(rate, System.nanoTime());
        sentThisIteration = 0;
    }

    @Benchmark
    public void send(final LatencyPercentiles percentiles) {
        send(schedule.awaitSendTime(sentThisIteration++));
    }

    private void send(final long intended) {
        RecordId.write(value, RecordId.of(0, sequence++));
        RecordId.writeIntendedNanos(value, intended);
        producer.send(noKey, -1, value, RECORD_BYTES, intended);
    }

    /** A consumer that died would leave the percentiles empty rather than wrong: fail the trial instead. */
    @TearDown(Level.Iteration)
    public void requireConsumerRunning() {
        if (consumer != null && consumer.failure() != null) {
            throw new IllegalStateException("The consumer failed: " + consumer.failure(), consumer.failure());
        }
    }

    @TearDown(Level.Trial)
    public void stopCluster() throws IOException, InterruptedException {
        release();
        requireConsumerRunning();
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " records failed: the run measured errors, not sends");
        }
    }

    /** Closes the producer, stops and closes the consumer, stops the brokers and deletes their logs; once. */
    private void release() throws IOException, InterruptedException {
        try {
            try {
                if (producer != null) {
                    producer.close();
                    producer = null;
                }
            } finally {
                if (consumer != null) {
                    consumer.stop();
                    if (consumerThread != null) {
                        consumerThread.join();
                    }
                    consumer.consumer().close();
                }
            }
        } finally {
            try {
                if (cluster != null) {
                    cluster.close();
                    cluster = null;
                }
            } finally {
                Directories.deleteRecursively(dataDir);
            }
        }
    }
}
