package io.ackbench.load.machine;

import io.ackbench.load.Workload;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What the machine did beside one run, from {@link #start} (before the load) to {@link #report} (after its final
 * line): prints the {@link RunHeader}, samples {@code /proc} into {@value #MACHINE_TSV}, logs this JVM's pauses into
 * {@value #LOAD_JVM_LOG}, hands each producer a {@link WindowRecorder}, and at the end prints the
 * {@link WorstWindows}, writes {@value #WORST_WINDOWS_MD}, {@value #WORST_WINDOWS_JSON} and {@value #PAUSES_TSV} (every
 * JVM's pauses, kept since the brokers' logs are deleted with their data directory), and adds {@code host} and
 * {@code worstWindows} to the summary. With {@value #THREADS_PROPERTY} set to {@code true} the sampler also walks every
 * task of the host into {@value #THREADS_TSV}, and each worst window names the tasks that ran most and the run's
 * thread that waited longest for a CPU. Used by the generator's reporting thread only; nothing here is on the hot path
 * but the recorders.
 */
public final class MachineWatch implements AutoCloseable {
    public static final String MACHINE_TSV = "machine.tsv";
    public static final String PAUSES_TSV = "pauses.tsv";
    public static final String WORST_WINDOWS_MD = "worst-windows.md";
    public static final String WORST_WINDOWS_JSON = "worst-windows.json";
    public static final String LOAD_JVM_LOG = "load-jvm.log";
    /** The sampling period in milliseconds, a system property; {@link MachineSampler#DEFAULT_PERIOD_NANOS} if unset. */
    public static final String PERIOD_PROPERTY = "ackbench.machine.periodMs";
    /**
     * Whether to sample every task's CPU time and run-queue wait too, a system property, off unless {@code true}: each
     * period the walk reads one or two files of every task on the host (its cost is in {@code docs/measuring.md}).
     */
    public static final String THREADS_PROPERTY = "ackbench.machine.threads";
    public static final String THREADS_TSV = "threads.tsv";
    /** Completions after the measured duration still land in a window for this long: the flush, late acks. */
    static final long TAIL_SECONDS = 60;
    private static final long TAIL_NANOS = TimeUnit.SECONDS.toNanos(TAIL_SECONDS);
    /** A run with a record count instead of a duration gets windows for this long. */
    static final long UNBOUNDED_RUN_NANOS = TimeUnit.HOURS.toNanos(1);
    private static final Path PROC = Path.of("/proc");

    private final Path outputDir;
    private final ClusterProcesses cluster;
    private final long startNanos;
    private final RunHeader header;
    private final List<String> jvmOrder;
    private final Workload workload;
    private final PrintStream out;
    /** The measurement start, set by {@link #measureFrom}: windows and {@code machine.tsv} count from it. */
    private long originNanos;
    /** One per producer, made by {@link #measureFrom}. */
    private WindowRecorder[] windows = new WindowRecorder[0];
    /** Null on a host without /proc, or once stopped. */
    private MachineSampler sampler;
    /** Null where the JVM cannot log at run time, or once stopped. */
    private SelfJvmLog selfLog;

    private MachineWatch(final Path outputDir, final ClusterProcesses cluster, final Workload workload,
                         final PrintStream out) {
        this.outputDir = outputDir;
        this.cluster = cluster;
        this.workload = workload;
        this.originNanos = System.nanoTime();
        this.startNanos = System.nanoTime();
        this.out = out;
        this.header = RunHeader.read(cluster);
        this.jvmOrder = new ArrayList<>();
        jvmOrder.add("load");
        cluster.jvms().forEach(jvm -> jvmOrder.add(jvm.name()));
    }

    /**
     * Prints the header and starts sampling and logging, from now until {@link #report} or {@link #close}. It takes
     * a moment (JMX, /proc and /sys): call it before the run's start time is chosen.
     */
    public static MachineWatch start(final Path outputDir, final ClusterProcesses cluster, final Workload workload,
                                     final PrintStream out) {
        return start(outputDir, cluster, workload, out, Boolean.getBoolean(THREADS_PROPERTY));
    }

    /** As {@link #start(Path, ClusterProcesses, Workload, PrintStream)}, sampling the tasks where {@code threads}. */
    static MachineWatch start(final Path outputDir, final ClusterProcesses cluster, final Workload workload,
                              final PrintStream out, final boolean threads) {
        final MachineWatch watch = new MachineWatch(outputDir, cluster, workload, out);
        watch.header.lines(watch.jvmOrder).forEach(out::println);
        if (MachineSampler.available(PROC)) {
            watch.sampler = new MachineSampler(PROC, periodNanos(), threads
                ? new ThreadSampler(PROC, ProcessHandle.current().pid(), cluster.jvms()) : null).start();
        }
        watch.selfLog = SelfJvmLog.start(outputDir.resolve(LOAD_JVM_LOG));
        if (watch.selfLog == null) {
            out.println("  (this JVM's pauses go unseen: its VM.log command refused " + LOAD_JVM_LOG + ")");
        }
        return watch;
    }

    /**
     * Sets the measurement start and makes one {@link WindowRecorder} per producer from it, sized for the workload's
     * duration and {@value #TAIL_SECONDS} s more (an hour for a run with a record count).
     */
    public void measureFrom(final long measureStartNanos) {
        this.originNanos = measureStartNanos;
        final long span = workload.durationNanos() == Workload.NO_DURATION ? UNBOUNDED_RUN_NANOS
            : workload.durationNanos() + TAIL_NANOS + (workload.steadyWarmup() ? workload.warmupNanos() : 0);
        final int count = (int) Math.min(Integer.MAX_VALUE, (span + WorstWindows.DEFAULT_WIDTH_NANOS - 1)
            / WorstWindows.DEFAULT_WIDTH_NANOS);
        this.windows = new WindowRecorder[workload.producerThreads()];
        for (int t = 0; t < windows.length; t++) {
            windows[t] = new WindowRecorder(measureStartNanos, WorstWindows.DEFAULT_WIDTH_NANOS, count);
        }
    }

    private static long periodNanos() {
        final String millis = System.getProperty(PERIOD_PROPERTY);
        return millis == null ? MachineSampler.DEFAULT_PERIOD_NANOS
            : TimeUnit.MILLISECONDS.toNanos(Math.max(1, Long.parseLong(millis)));
    }

    /** The machine samples taken so far, for tests to wait on; 0 on a host without /proc. */
    int samplesTaken() {
        final MachineSampler running = sampler;
        return running == null ? 0 : running.taken();
    }

    /** Producer {@code producer}'s recorder, for its completion listener only; after {@link #measureFrom}. */
    public WindowRecorder windows(final int producer) {
        return windows[producer];
    }

    /**
     * Stops sampling and logging, prints the worst windows, writes the files and adds {@code host} and
     * {@code worstWindows} to {@code summary} (a JSON object file, if it exists). Call once the producers have
     * flushed, before the cluster closes (its JVMs' logs are read here).
     */
    public void report(final Path summary) throws IOException {
        final List<MachineSample> samples = sampler == null ? List.of() : sampler.stop();
        final Exception samplerFailure = sampler == null ? null : sampler.failure();
        final ThreadSampler threads = sampler == null ? null : sampler.threads();
        final Exception threadsFailure = sampler == null ? null : sampler.threadsFailure();
        sampler = null;
        final List<ClusterJvm> jvms = new ArrayList<>();
        if (selfLog != null) {
            selfLog.stop();
            jvms.add(new ClusterJvm("load", List.of(), selfLog.file()));
            selfLog = null;
        }
        jvms.addAll(cluster.jvms());
        final List<JvmPause> pauses = new ArrayList<>();
        final List<String> unread = new ArrayList<>();
        for (final ClusterJvm jvm : jvms) {
            try {
                for (final JvmPause pause : JvmLogParser.read(jvm)) {
                    if (pause.endNanos() - startNanos >= 0) {
                        pauses.add(pause);
                    }
                }
            } catch (final RuntimeException e) {
                unread.add(jvm.name() + " (" + e.getMessage() + ")");
            }
        }
        pauses.sort(Comparator.comparingLong(JvmPause::startNanos));
        final long[] max = new long[windows.length == 0 ? 0 : windows[0].windows()];
        final long[] count = new long[max.length];
        for (final WindowRecorder recorder : windows) {
            recorder.merge(max, count);
        }
        final List<WorstWindow> worst = WorstWindows.find(max, count, originNanos, WorstWindows.DEFAULT_WIDTH_NANOS,
            WorstWindows.DEFAULT_TOP, samples, pauses, header.cpus(), threads == null ? null : threads.samples());
        out.println(WorstWindows.report(worst, originNanos, WorstWindows.DEFAULT_WIDTH_NANOS));
        if (samplerFailure != null) {
            out.println("  (machine sampling stopped early: " + samplerFailure + ")");
        }
        if (threads != null) {
            out.println("  " + threadsCost(threads));
        }
        if (threadsFailure != null) {
            out.println("  (thread sampling stopped early: " + threadsFailure + ")");
        }
        if (!unread.isEmpty()) {
            out.println("  (JVM logs not read: " + String.join(", ", unread) + ")");
        }
        Files.writeString(outputDir.resolve(WORST_WINDOWS_MD),
            WorstWindows.markdown(worst, originNanos, WorstWindows.DEFAULT_WIDTH_NANOS), StandardCharsets.UTF_8);
        final String worstJson = WorstWindows.toJson(worst, originNanos);
        Files.writeString(outputDir.resolve(WORST_WINDOWS_JSON), worstJson + "\n", StandardCharsets.UTF_8);
        Files.writeString(outputDir.resolve(PAUSES_TSV), pausesTsv(pauses), StandardCharsets.UTF_8);
        Files.writeString(outputDir.resolve(MACHINE_TSV), machineTsv(samples), StandardCharsets.US_ASCII);
        if (threads != null) {
            try (Writer tsv = Files.newBufferedWriter(outputDir.resolve(THREADS_TSV), StandardCharsets.UTF_8)) {
                threads.samples().writeTsv(tsv, originNanos);
            }
        }
        addToSummary(summary, worstJson);
    }

    /** What the thread sampler cost: its CPU time per sample, the sampling thread's own, and the tasks it read. */
    private static String threadsCost(final ThreadSampler threads) {
        final long sweeps = Math.max(1, threads.sweeps());
        final long cpu = threads.cpuNanosSpent() / sweeps;
        final long wall = threads.wallNanosSpent() / sweeps;
        return String.format(Locale.ROOT, "(%s: %d samples of up to %d tasks, each %.2f ms of CPU (%.2f ms wall), "
                + "%.1f%% of a CPU at one per %d ms)", THREADS_TSV, threads.sweeps(), threads.mostTasks(), cpu / 1e6,
            wall / 1e6, 100.0 * cpu / periodNanos(), TimeUnit.NANOSECONDS.toMillis(periodNanos()));
    }

    private String machineTsv(final List<MachineSample> samples) {
        final StringBuilder tsv = new StringBuilder(MachineSample.TSV_HEADER).append('\n');
        for (final MachineSample sample : samples) {
            tsv.append(sample.tsvLine(originNanos)).append('\n');
        }
        return tsv.toString();
    }

    private String pausesTsv(final List<JvmPause> pauses) {
        final StringBuilder tsv = new StringBuilder("process\tstart_ms\tduration_ms\tkind\twhat\n");
        for (final JvmPause pause : pauses) {
            tsv.append(String.format(Locale.ROOT, "%s\t%.3f\t%.3f\t%s\t%s%n", pause.process(),
                (pause.startNanos() - originNanos) / 1e6, pause.durationNanos() / 1e6, pause.kind(), pause.what()));
        }
        return tsv.toString();
    }

    /** Inserts {@code host} and {@code worstWindows} before the summary object's closing brace. */
    private void addToSummary(final Path summary, final String worstJson) throws IOException {
        if (!Files.exists(summary)) {
            return;
        }
        final String json = Files.readString(summary, StandardCharsets.UTF_8).stripTrailing();
        if (!json.endsWith("}")) {
            return;
        }
        Files.writeString(summary, json.substring(0, json.length() - 1).stripTrailing() + ",\n  \"host\": "
            + header.toJson(jvmOrder) + ",\n  \"worstWindows\": " + worstJson + "\n}\n", StandardCharsets.UTF_8);
    }

    /** Stops sampling and logging if {@link #report} did not; idempotent. */
    @Override
    public void close() {
        if (sampler != null) {
            sampler.stop();
            sampler = null;
        }
        if (selfLog != null) {
            selfLog.stop();
            selfLog = null;
        }
    }
}
