package io.ackbench.load;

import io.ackbench.fault.BrokerFaults;
import io.ackbench.fault.FailoverReport;
import io.ackbench.fault.FailoverTimes;
import io.ackbench.fault.FaultInjector;
import io.ackbench.fault.FaultSchedule;
import io.ackbench.load.machine.MachineWatch;
import io.ackbench.producer.DeliveryListener;
import io.ackbench.transport.ErrorCode;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link Workload} against a cluster: starts it through a {@link LoadTarget} (ackbench's or Apache Kafka's),
 * connects one producer per producer thread, drives each on its share of the target rate ({@link ProducerLoad}), prints a
 * progress line per reporting interval and the final line, and writes the run's files into an output directory:
 * {@value #LATENCY_HGRM}, {@value #SEND_DELAY_HGRM} (percentiles in microseconds), {@value #LATENCY_HLOG} (one
 * interval histogram per reporting interval) and {@value #SUMMARY_JSON}.
 *
 * <p>With {@link Workload#consumers()} above 0, consumer threads ({@link ConsumerLoad}) read the topic from before the
 * producers start until they have caught up after the producers' end, recording each measured record's end-to-end
 * latency (from its intended send time, carried in its value, to its consumption): {@value #END_TO_END_HGRM},
 * {@value #END_TO_END_HLOG}, the summary's {@code endToEndMicros} and the final line's end-to-end figures.
 *
 * <p>Under a {@link FaultSchedule}, a {@link FaultInjector} applies it from the measurement start on a thread of its
 * own, the schedule is written to {@value PerfOptions#FAULTS_FILE} (which {@code --faults} replays), and the
 * failovers it caused are printed and added to the summary.
 *
 * <p>The measurement starts after the warm-up: a fixed time, or with {@link Workload#steadyWarmup()} once the
 * throughput and p50 latency settle ({@link SteadyWarmup}), at which point the generator moves the start in every
 * recorder and load thread and tells the cluster ({@link LoadCluster#measureFrom}). Throughput counts what was
 * acknowledged inside the measured window ({@link MeasuredWindow}); the final lines add the window, what drained
 * after it, and what the load threads waited on ({@link LoadThreadWaits}).
 *
 * <p>Threads: the calling thread reports; each producer thread sends; each producer's sender (or I/O) thread
 * records latencies; each consumer thread polls and records end-to-end latencies. Every histogram has one writer.
 */
public final class LoadGenerator {
    public static final String LATENCY_HGRM = "latency.hgrm";
    public static final String SEND_DELAY_HGRM = "send-delay.hgrm";
    public static final String LATENCY_HLOG = "latency.hlog";
    public static final String SUMMARY_JSON = "summary.json";
    public static final String END_TO_END_HGRM = "end-to-end.hgrm";
    public static final String END_TO_END_HLOG = "end-to-end.hlog";

    /**
     * How long the consumers may take to catch up once the producers have flushed. A healthy cluster hands over
     * the last records within milliseconds (a replica fetch or two); 30 s lets a slow one (a broker JVM in a GC
     * pause, a failover) finish, yet ends a run whose consumers will never catch up (a record acknowledged with
     * acks=1, then lost) without holding it for long.
     */
    static final long DRAIN_BOUND_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** How often the generator looks whether the consumers have caught up while they drain. */
    private static final long DRAIN_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** Lead time between starting the threads and the first intended send, so no thread starts late. */
    private static final long START_LEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final double NANOS_PER_MICRO = 1_000.0;
    private static final int HGRM_TICKS_PER_HALF_DISTANCE = 5;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final LoadTarget target;
    private final PrintStream out;
    /** Applied to every run, or null. */
    private final FaultSchedule faults;
    /** Told of every completion beside the run's own recorders, or null. */
    private DeliveryTaps taps;
    /** How long consumers may take to catch up; {@link #DRAIN_BOUND_NANOS} unless a test shortens it. */
    private long drainBoundNanos = DRAIN_BOUND_NANOS;

    /**
     * @param out where progress and final lines go
     */
    public LoadGenerator(final LoadTarget target, final PrintStream out) {
        this(target, out, null);
    }

    /** @param faults applied to each run from its measurement start, or null for none */
    public LoadGenerator(final LoadTarget target, final PrintStream out, final FaultSchedule faults) {
        this.target = target;
        this.out = out;
        this.faults = faults;
    }

    /**
     * Makes every producer also tell a listener of {@code taps}' own of each completion, warm-up included (a
     * delivery audit's record of outcomes). Call before {@link #run}.
     */
    public LoadGenerator withDeliveryTaps(final DeliveryTaps taps) {
        this.taps = taps;
        return this;
    }

    /** Gives the consumers {@code nanos} to catch up after the producers' end instead of 30 s (for tests). */
    LoadGenerator withDrainBound(final long nanos) {
        this.drainBoundNanos = nanos;
        return this;
    }

    public LoadTarget target() {
        return target;
    }

    /**
     * Runs the workload to its end and returns what it measured; the files are in {@code outputDir} (created),
     * the brokers' logs under {@code dataDir} (created, deleted at the end).
     *
     * @throws io.ackbench.config.ConfigException if the target refuses the workload's settings
     */
    public RunResult run(final Workload workload, final Path outputDir, final Path dataDir)
        throws IOException, InterruptedException {
        target.check(workload);
        Files.createDirectories(dataDir);
        try (LoadCluster cluster = target.start(workload, dataDir)) {
            return run(workload, cluster, outputDir);
        } finally {
            Directories.deleteRecursively(dataDir);
        }
    }

    /**
     * Runs the workload on a cluster the caller started and will close: the files are in {@code outputDir}
     * (created).
     */
    public RunResult run(final Workload workload, final LoadCluster cluster, final Path outputDir)
        throws IOException, InterruptedException {
        Files.createDirectories(outputDir);
        final MachineWatch machine = MachineWatch.start(outputDir, cluster.processes(), workload, out);
        final int threads = workload.producerThreads();
        final long startNanos = System.nanoTime() + START_LEAD_NANOS;
        // With a steady-state warm-up this is the latest start; the warm-up moves it earlier when it settles.
        long measureStartNanos = startNanos + workload.warmupNanos();
        final boolean hasEnd = workload.durationNanos() != Workload.NO_DURATION;
        final long measureEndNanos = measureStartNanos + workload.durationNanos();
        if (faults != null && workload.steadyWarmup()) {
            throw new IllegalStateException("faults strike from the measurement start, which a steady-state warm-up "
                + "decides while it runs: give a fixed warm-up");
        }

        final BrokerFaults brokers = faults == null ? null : faultableBrokers(cluster, outputDir);
        final FailoverTimes failovers = faults == null ? null
            : new FailoverTimes(workload.partitions(), cluster.leaders(), measureStartNanos);
        final CompletionRecorder[] completions = new CompletionRecorder[threads];
        final ProducerLoad[] loads = new ProducerLoad[threads];
        final Thread[] senders = new Thread[threads];
        final ConsumerLoad[] consumers = new ConsumerLoad[workload.consumers()];
        final Thread[] consumerThreads = new Thread[workload.consumers()];
        final boolean consuming = consumers.length > 0;
        FaultInjector injector = null;
        EndToEndLatency endToEnd = null;
        cluster.measureFrom(measureStartNanos);
        // A steady-state warm-up's windows start with the run, since its measurement start is not known yet.
        machine.measureFrom(workload.steadyWarmup() ? startNanos : measureStartNanos);
        try {
            for (int t = 0; t < threads; t++) {
                completions[t] = new CompletionRecorder(new LatencyRecorder(), measureStartNanos, failovers)
                    .recordWindows(machine.windows(t));
                if (workload.steadyWarmup()) {
                    completions[t].watchWarmup(new LatencyRecorder());
                }
                if (hasEnd) {
                    completions[t].measureUntil(measureEndNanos);
                }
                final OpenLoopSchedule schedule = schedule(workload, t, startNanos);
                final LoadProducer producer = cluster.connect(workload, listenerOf(completions[t], t, schedule));
                loads[t] = new ProducerLoad(producer, t, schedule,
                    new KeySource(workload.keyDistribution(), workload.seed() + t), valueOf(workload),
                    workload.recordSize(),
                    new LatencyRecorder(), measureStartNanos, hasEnd, measureEndNanos,
                    workload.numRecords() == Workload.NO_RECORD_COUNT ? ProducerLoad.NO_QUOTA
                        : workload.shareOf(workload.numRecords(), t));
                senders[t] = new Thread(loads[t], "ackbench-load-" + t);
            }
            startConsumers(workload, cluster, measureStartNanos, consumers, consumerThreads);
            if (faults != null) {
                injector = FaultInjector.start(faults, brokers, failovers, measureStartNanos, out);
            }
            for (final Thread sender : senders) {
                sender.start();
            }
            final WarmupOutcome warmup = warmUp(workload, startNanos, measureStartNanos, completions, senders);
            if (startNanos + warmup.nanos() != measureStartNanos) {
                measureStartNanos = startNanos + warmup.nanos();
                measureFrom(measureStartNanos, workload, completions, loads, consumers);
            }
            cluster.measureFrom(measureStartNanos);
            awaitMeasureStart(measureStartNanos, senders);
            final long endNanos;
            try (OutputStream hlog = Files.newOutputStream(outputDir.resolve(LATENCY_HLOG));
                 PrintStream hlogOut = new PrintStream(hlog, false, StandardCharsets.US_ASCII);
                 OutputStream e2eHlog = consuming ? Files.newOutputStream(outputDir.resolve(END_TO_END_HLOG)) : null;
                 PrintStream e2eHlogOut = consuming ? new PrintStream(e2eHlog, false, StandardCharsets.US_ASCII)
                     : null) {
                final HistogramLogWriter log = startLog(hlogOut, workload, measureStartNanos,
                    "latency from intended send to completion");
                final ProgressReporter reporter = new ProgressReporter(completions, out, log, measureStartNanos,
                    workload.recordSize());
                if (consuming) {
                    reporter.withEndToEnd(recorders(consumers), startLog(e2eHlogOut, workload, measureStartNanos,
                        "end-to-end latency from intended send to consumption"));
                }
                reporter.startAt(measureStartNanos);
                long nextReport = measureStartNanos + workload.reportingIntervalNanos();
                for (final Thread sender : senders) {
                    while (sender.isAlive()) {
                        final long wait = nextReport - System.nanoTime();
                        if (wait > 0) {
                            sender.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)));
                        } else {
                            reporter.endInterval(nextReport, true);
                            nextReport += workload.reportingIntervalNanos();
                        }
                        stopAllIfOneFailed(loads, consumers, injector);
                    }
                }
                for (final ProducerLoad load : loads) {
                    load.producer().flush();
                }
                endNanos = System.nanoTime();
                reporter.endInterval(endNanos, false);
                if (consuming) {
                    final long acknowledged = acknowledged(completions);
                    final boolean caughtUp = !anyFailed(loads, consumers, injector) && drain(consumers, acknowledged);
                    stopAndJoin(consumers, consumerThreads);
                    reporter.endEndToEndInterval(System.nanoTime());
                    endToEnd = endToEnd(consumers, acknowledged, caughtUp);
                }
            }
            rethrowFirstFailure(loads, consumers, injector);
            final FailoverReport failoverReport = injector == null ? null : injector.stop();
            injector = null;
            final RunResult result = result(workload, completions, loads, measureStartNanos, endNanos,
                failoverReport, endToEnd, warmup).withStages(cluster.stages());
            writeFiles(result, outputDir);
            if (failoverReport != null) {
                failoverReport.lines().forEach(out::println);
            }
            out.println(result.finalLine());
            out.println(result.window().line());
            out.println(result.waits().line());
            if (result.stages() != null) {
                result.stages().tableLines().forEach(out::println);
            }
            machine.report(outputDir.resolve(SUMMARY_JSON));
            if (result.failureLine() != null) {
                out.println(result.failureLine());
            }
            if (result.rateWarning() != null) {
                out.println(result.rateWarning());
            }
            if (result.endToEndWarning() != null) {
                out.println(result.endToEndWarning());
            }
            return result;
        } finally {
            machine.close();
            try {
                stopProducers(injector, loads, senders);
            } finally {
                stopAndJoin(consumers, consumerThreads);
                for (final ConsumerLoad consumer : consumers) {
                    if (consumer != null) {
                        consumer.consumer().close();
                    }
                }
            }
        }
    }

    private static void stopProducers(final FaultInjector injector, final ProducerLoad[] loads,
                                      final Thread[] senders) throws InterruptedException {
        if (injector != null) {
            injector.stop();
        }
        for (final ProducerLoad load : loads) {
            if (load != null) {
                load.stop();
            }
        }
        for (final Thread sender : senders) {
            if (sender != null) {
                sender.join();
            }
        }
        for (final ProducerLoad load : loads) {
            if (load != null) {
                load.producer().close();
            }
        }
    }

    /**
     * Connects consumer {@code i} of {@code consumers.length} and starts its thread, before any producer sends: the
     * consumers read from each partition's first offset, so none misses a record either way, but a consumer that
     * is already polling does not add its connection time to the first records' latency.
     */
    private void startConsumers(final Workload workload, final LoadCluster cluster, final long measureStartNanos,
                                final ConsumerLoad[] consumers, final Thread[] threads) {
        for (int i = 0; i < consumers.length; i++) {
            final ConsumptionRecorder recorder = new ConsumptionRecorder(new LatencyRecorder(), measureStartNanos);
            final LoadConsumer consumer;
            try {
                consumer = cluster.consumer(workload, i, consumers.length, recorder);
            } catch (final UnsupportedOperationException e) {
                throw new IllegalStateException(Workload.CONSUMERS + " needs a consumer, and --target "
                    + target.name() + " has none for this cluster: " + e.getMessage(), e);
            }
            consumers[i] = new ConsumerLoad(consumer, recorder);
            threads[i] = new Thread(consumers[i], consumerThreadName(i));
            threads[i].start();
        }
    }

    private static String consumerThreadName(final int index) {
        return "ackbench-consume-" + index;
    }

    private static ConsumptionRecorder[] recorders(final ConsumerLoad[] consumers) {
        final ConsumptionRecorder[] recorders = new ConsumptionRecorder[consumers.length];
        for (int i = 0; i < consumers.length; i++) {
            recorders[i] = consumers[i].recorder();
        }
        return recorders;
    }

    private HistogramLogWriter startLog(final PrintStream stream, final Workload workload,
                                        final long measureStartNanos, final String what) {
        final HistogramLogWriter log = new HistogramLogWriter(stream);
        log.outputComment("ackbench produce-perf --target " + target.name() + " " + workload.shortName()
            + "; " + what + ", values in microseconds");
        log.outputLogFormatVersion();
        log.outputStartTime(System.currentTimeMillis()
            + TimeUnit.NANOSECONDS.toMillis(measureStartNanos - System.nanoTime()));
        log.outputLegend();
        return log;
    }

    /** Measured records acknowledged without error so far, over every producer. */
    private static long acknowledged(final CompletionRecorder[] completions) {
        long acknowledged = 0;
        for (final CompletionRecorder completion : completions) {
            acknowledged += completion.acknowledged();
        }
        return acknowledged;
    }

    /**
     * Lets the consumers read until each has reached its partitions' ends after the producers' end and together
     * they have read every measured record acknowledged, or until the drain bound passes or a consumer fails.
     * Returns whether they caught up.
     */
    private boolean drain(final ConsumerLoad[] consumers, final long acknowledged) throws InterruptedException {
        for (final ConsumerLoad consumer : consumers) {
            consumer.drain();
        }
        final long deadline = System.nanoTime() + drainBoundNanos;
        while (true) {
            if (caughtUp(consumers, acknowledged)) {
                return true;
            }
            if (System.nanoTime() - deadline >= 0 || anyFailed(consumers)) {
                return false;
            }
            TimeUnit.NANOSECONDS.sleep(DRAIN_CHECK_NANOS);
        }
    }

    private static boolean caughtUp(final ConsumerLoad[] consumers, final long acknowledged) {
        long measured = 0;
        for (final ConsumerLoad consumer : consumers) {
            if (!consumer.atEnd()) {
                return false;
            }
            measured += consumer.recorder().measured();
        }
        return measured >= acknowledged;
    }

    private static void stopAndJoin(final ConsumerLoad[] consumers, final Thread[] threads)
        throws InterruptedException {
        for (final ConsumerLoad consumer : consumers) {
            if (consumer != null) {
                consumer.stop();
            }
        }
        for (final Thread thread : threads) {
            if (thread != null) {
                thread.join();
            }
        }
    }

    /** What the consumers measured; call once their threads have ended. */
    private EndToEndLatency endToEnd(final ConsumerLoad[] consumers, final long acknowledged,
                                     final boolean caughtUp) {
        final Histogram latency = emptyHistogram();
        long consumed = 0;
        for (final ConsumerLoad consumer : consumers) {
            consumer.recorder().latency().intervalHistogram(null);
            latency.add(consumer.recorder().latency().totalHistogram());
            consumed += consumer.recorder().measured();
        }
        return new EndToEndLatency(latency, consumed, acknowledged, caughtUp, drainBoundNanos);
    }

    private DeliveryListener listenerOf(final CompletionRecorder completion, final int thread,
                                        final OpenLoopSchedule schedule) {
        if (taps == null) {
            return completion;
        }
        final DeliveryListener tap = taps.forThread(thread, schedule);
        return (partition, offset, errorCode, appendNanos) -> {
            completion.onComplete(partition, offset, errorCode, appendNanos);
            tap.onComplete(partition, offset, errorCode, appendNanos);
        };
    }

    /** Thread {@code t}'s schedule: its share of the rate, offset so the threads' sends interleave evenly. */
    private static OpenLoopSchedule schedule(final Workload workload, final int t, final long startNanos) {
        if (!workload.isRateLimited()) {
            return new OpenLoopSchedule(OpenLoopSchedule.UNBOUNDED, startNanos);
        }
        final long offset = t * NANOS_PER_SECOND / workload.targetRate();
        return new OpenLoopSchedule(workload.shareOf(workload.targetRate(), t), startNanos + offset);
    }

    /**
     * Sends the warm-up: a fixed one until {@code latestStartNanos}, a steady-state one until its figures settle (at
     * most until then). Returns how it ended.
     */
    private WarmupOutcome warmUp(final Workload workload, final long startNanos, final long latestStartNanos,
                                 final CompletionRecorder[] completions, final Thread[] senders)
        throws InterruptedException {
        if (!workload.steadyWarmup()) {
            if (workload.warmupNanos() > 0) {
                out.println(String.format(Locale.ROOT, "Warming up for %.1f s.", workload.warmupNanos() / 1e9));
            }
            return WarmupOutcome.fixed(workload.warmupNanos());
        }
        out.println(String.format(Locale.ROOT, "Warming up until the throughput and p50 latency settle, at %s"
            + "most %.1f s.", workload.warmupMinNanos() > 0 ? String.format(Locale.ROOT, "least %.1f s and at ",
            workload.warmupMinNanos() / 1e9) : "", workload.warmupNanos() / 1e9));
        final WarmupOutcome outcome = new SteadyWarmup(completions).await(startNanos,
            startNanos + workload.warmupMinNanos(), latestStartNanos, () -> senders[0].isAlive());
        out.println(outcome.line());
        return outcome;
    }

    /**
     * Moves the measurement to start at {@code startNanos}, a little ahead of now ({@link SteadyWarmup#LEAD_NANOS}):
     * every recorder and load thread reads its start with a volatile load, and none has reached a record intended
     * at or after it yet.
     */
    private static void measureFrom(final long startNanos, final Workload workload,
                                    final CompletionRecorder[] completions, final ProducerLoad[] loads,
                                    final ConsumerLoad[] consumers) {
        final boolean hasEnd = workload.durationNanos() != Workload.NO_DURATION;
        for (int t = 0; t < loads.length; t++) {
            completions[t].measureFrom(startNanos);
            if (hasEnd) {
                completions[t].measureUntil(startNanos + workload.durationNanos());
            }
            loads[t].measureFrom(startNanos);
        }
        for (final ConsumerLoad consumer : consumers) {
            consumer.recorder().measureFrom(startNanos);
        }
    }

    private static void awaitMeasureStart(final long measureStartNanos, final Thread[] senders)
        throws InterruptedException {
        long wait;
        while ((wait = measureStartNanos - System.nanoTime()) > 0 && senders[0].isAlive()) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /**
     * The cluster's brokers as faults strike them, after writing the schedule to {@value PerfOptions#FAULTS_FILE}.
     *
     * @throws IllegalStateException when the target cannot apply faults to this cluster
     */
    private BrokerFaults faultableBrokers(final LoadCluster cluster, final Path outputDir) throws IOException {
        final BrokerFaults brokers = cluster.faults();
        if (brokers == null) {
            throw new IllegalStateException("--target " + target.name() + " cannot apply faults to this cluster: "
                + "its brokers are not this run's to kill or pause");
        }
        Files.writeString(outputDir.resolve(PerfOptions.FAULTS_FILE), "# The fault schedule this run applied, from "
            + "its measurement start; replay it with --faults " + PerfOptions.FAULTS_FILE + "\n" + faults.toText(),
            StandardCharsets.UTF_8);
        return brokers;
    }

    private static void stopAllIfOneFailed(final ProducerLoad[] loads, final ConsumerLoad[] consumers,
                                           final FaultInjector injector) {
        if (anyFailed(loads, consumers, injector)) {
            for (final ProducerLoad other : loads) {
                other.stop();
            }
        }
    }

    private static boolean anyFailed(final ProducerLoad[] loads, final ConsumerLoad[] consumers,
                                     final FaultInjector injector) {
        if (injector != null && injector.failure() != null) {
            return true;
        }
        for (final ProducerLoad load : loads) {
            if (load.failure() != null) {
                return true;
            }
        }
        return anyFailed(consumers);
    }

    private static boolean anyFailed(final ConsumerLoad[] consumers) {
        for (final ConsumerLoad consumer : consumers) {
            if (consumer.failure() != null) {
                return true;
            }
        }
        return false;
    }

    private static void rethrowFirstFailure(final ProducerLoad[] loads, final ConsumerLoad[] consumers,
                                            final FaultInjector injector) {
        if (injector != null && injector.failure() != null) {
            throw new IllegalStateException("A fault could not be applied: " + injector.failure().getMessage(),
                injector.failure());
        }
        for (final ProducerLoad load : loads) {
            final Throwable failure = load.failure();
            if (failure instanceof RuntimeException) {
                throw (RuntimeException) failure;
            }
            if (failure instanceof Error) {
                throw (Error) failure;
            }
        }
        for (int i = 0; i < consumers.length; i++) {
            final Throwable failure = consumers[i].failure();
            if (failure != null) {
                throw new IllegalStateException("Consumer thread " + consumerThreadName(i) + " failed: " + failure,
                    failure);
            }
        }
    }

    private static RunResult result(final Workload workload, final CompletionRecorder[] completions,
                                    final ProducerLoad[] loads, final long measureStartNanos, final long endNanos,
                                    final FailoverReport failovers, final EndToEndLatency endToEnd,
                                    final WarmupOutcome warmupOutcome) {
        final Histogram latency = emptyHistogram();
        final Histogram sendDelay = emptyHistogram();
        long sent = 0;
        long acknowledged = 0;
        long failed = 0;
        long warmup = 0;
        long lastSend = measureStartNanos;
        long inWindow = 0;
        long drained = 0;
        long lastDrained = measureStartNanos;
        final LoadThreadWaits[] waits = new LoadThreadWaits[loads.length];
        short firstError = ErrorCode.NONE;
        for (int t = 0; t < loads.length; t++) {
            waits[t] = loads[t].waits();
            inWindow += completions[t].acknowledgedInWindow();
            drained += completions[t].drained();
            if (completions[t].drained() > 0 && completions[t].lastDrainedNanos() - lastDrained > 0) {
                lastDrained = completions[t].lastDrainedNanos();
            }
            latency.add(completions[t].latency().totalHistogram());
            loads[t].sendDelay().intervalHistogram(null);
            sendDelay.add(loads[t].sendDelay().totalHistogram());
            sent += loads[t].sent();
            warmup += loads[t].warmupSent();
            acknowledged += completions[t].acknowledged();
            failed += completions[t].failed();
            if (firstError == ErrorCode.NONE) {
                firstError = completions[t].firstError();
            }
            if (loads[t].sent() > 0 && loads[t].lastSendNanos() - lastSend > 0) {
                lastSend = loads[t].lastSendNanos();
            }
        }
        // A run with a duration measures exactly that long. One with a record count has no end set in advance: its
        // window lasts until its last record is acknowledged, and nothing drains after it.
        final long windowNanos = workload.durationNanos() != Workload.NO_DURATION ? workload.durationNanos()
            : endNanos - measureStartNanos;
        final MeasuredWindow window = new MeasuredWindow(windowNanos, inWindow, drained,
            drained == 0 ? 0 : Math.max(0, lastDrained - measureStartNanos - windowNanos));
        return new RunResult(workload, sent, acknowledged, failed, firstError, warmup, endNanos - measureStartNanos,
            lastSend - measureStartNanos, latency, sendDelay, failovers, endToEnd, window, warmupOutcome,
            LoadThreadWaits.sum(waits), null);
    }

    private void writeFiles(final RunResult result, final Path outputDir) throws IOException {
        writeHgrm(result.latency(), outputDir.resolve(LATENCY_HGRM),
            "# Latency from intended send to completion, in microseconds; " + result.workload().shortName());
        writeHgrm(result.sendDelay(), outputDir.resolve(SEND_DELAY_HGRM),
            "# Send delay (actual minus intended send time), in microseconds; " + result.workload().shortName());
        final Histogram endToEnd = result.endToEnd();
        if (endToEnd != null) {
            writeHgrm(endToEnd, outputDir.resolve(END_TO_END_HGRM), "# End-to-end latency from intended send to "
                + "consumption, in microseconds; " + result.workload().shortName());
        }
        Files.writeString(outputDir.resolve(SUMMARY_JSON), result.toJson(target.name()), StandardCharsets.UTF_8);
    }

    /** HdrHistogram's percentile distribution of a nanosecond histogram, in microseconds, after a comment line. */
    static void writeHgrm(final Histogram histogram, final Path file, final String comment) throws IOException {
        try (OutputStream stream = Files.newOutputStream(file);
             PrintStream print = new PrintStream(stream, false, StandardCharsets.US_ASCII)) {
            print.println(comment);
            histogram.outputPercentileDistribution(print, HGRM_TICKS_PER_HALF_DISTANCE, NANOS_PER_MICRO);
            if (print.checkError()) {
                throw new IOException("Could not write " + file);
            }
        }
    }

    private static Histogram emptyHistogram() {
        return new Histogram(LatencyRecorder.DEFAULT_LOWEST_DISCERNIBLE_NANOS,
            LatencyRecorder.DEFAULT_HIGHEST_TRACKABLE_NANOS, LatencyRecorder.DEFAULT_SIGNIFICANT_DIGITS);
    }

    /**
     * A producing thread's copy of the value: seeded random bytes, the same for every thread so that runs are
     * repeatable, behind each record's {@link RecordId}.
     */
    private static UnsafeBuffer valueOf(final Workload workload) {
        final byte[] bytes = new byte[workload.recordSize()];
        new SplittableRandom(workload.seed()).nextBytes(bytes);
        final UnsafeBuffer value = new UnsafeBuffer(ByteBuffer.allocateDirect(workload.recordSize()));
        value.putBytes(0, bytes);
        return value;
    }
}
