package io.ackbench.load.machine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A daemon thread that reads {@code /proc/stat}, {@code /proc/loadavg}, {@code /proc/meminfo} and (where present)
 * {@code /proc/vmstat} every period on the {@link System#nanoTime()} clock, and keeps each interval as a
 * {@link MachineSample} in a list {@link #stop()} returns (an hour at 100 ms is 36,000 small records). It wakes on a fixed schedule
 * (period after period from its start), so a late wake-up shortens the next interval rather than shifting them all.
 *
 * <p>Given a {@link ThreadSampler}, the same thread walks every task after each sample, at the sample's time: one
 * schedule, so a task's interval is the machine's, and no second thread waking beside the run. The walk comes after
 * the machine's files, so it does not delay their reading; if it fails, it stops and the machine samples go on.
 */
public final class MachineSampler {
    public static final long DEFAULT_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Path proc;
    private final long periodNanos;
    private final Thread thread;
    /** Set by {@link #stop()} on the caller's thread, read by the sampling thread each period. */
    private volatile boolean stopped;
    /** Samples taken so far: one writer, the sampling thread, with release stores; any thread may read it. */
    private final AtomicInteger taken = new AtomicInteger();
    private static final String PRESSURE_CPU = "pressure/cpu";
    private static final String PRESSURE_IO = "pressure/io";
    private static final String PRESSURE_MEMORY = "pressure/memory";

    /** The sampling thread's own until it ends; {@link #stop()} reads it after joining that thread. */
    private final List<MachineSample> samples = new ArrayList<>();
    /** What ended the sampling thread early, if anything; read after the join. */
    private Exception failure;
    /** Null when the tasks are not sampled; the sampling thread's until the join, like {@link #samples}. */
    private final ThreadSampler threads;
    /** What stopped the thread sampler early, if anything; read after the join. */
    private Exception threadsFailure;

    /** @param proc the proc file system ({@code /proc}, or a directory of fixture files) */
    public MachineSampler(final Path proc, final long periodNanos) {
        this(proc, periodNanos, null);
    }

    /** As {@link #MachineSampler(Path, long)}, walking every task too where {@code threads} is not null. */
    MachineSampler(final Path proc, final long periodNanos, final ThreadSampler threads) {
        this.proc = proc;
        this.periodNanos = periodNanos;
        this.threads = threads;
        this.thread = new Thread(this::sample, "ackbench-machine-sampler");
        thread.setDaemon(true);
    }

    /** Whether this host has the files the sampler reads. */
    public static boolean available(final Path proc) {
        return Files.isReadable(proc.resolve("stat")) && Files.isReadable(proc.resolve("meminfo"))
            && Files.isReadable(proc.resolve("loadavg"));
    }

    public MachineSampler start() {
        thread.start();
        return this;
    }

    /** Stops the thread and returns every sample it took, in time order. */
    public List<MachineSample> stop() {
        stopped = true;
        LockSupport.unpark(thread);
        try {
            thread.join();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return List.copyOf(samples);
    }

    private void sample() {
        try {
            final boolean hasVmStat = Files.isReadable(proc.resolve("vmstat"));
            final boolean hasPressure = Files.isReadable(proc.resolve(PRESSURE_IO));
            MachineSample.Pressure lastPressure = hasPressure ? pressure() : MachineSample.Pressure.NONE;
            long lastNanos = System.nanoTime();
            ProcStat last = ProcStat.parse(read("stat"));
            VmStat lastVm = hasVmStat ? VmStat.parse(read("vmstat")) : null;
            boolean sampleThreads = threads != null && sampleThreads(lastNanos);
            long next = lastNanos + periodNanos;
            while (!stopped) {
                final long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                    continue;
                }
                next += periodNanos;
                final long now = System.nanoTime();
                final ProcStat stat = ProcStat.parse(read("stat"));
                final VmStat vm = hasVmStat ? VmStat.parse(read("vmstat")) : null;
                final MachineSample.Pressure pressure = hasPressure ? pressure() : MachineSample.Pressure.NONE;
                final MachineSample sample = MachineSample.between(lastNanos, last, now, stat,
                    LoadAvg.parse(read("loadavg")), MemInfo.parse(read("meminfo")), lastVm, vm, lastPressure,
                    pressure);
                lastPressure = pressure;
                samples.add(sample);
                taken.lazySet(taken.getPlain() + 1);
                lastNanos = now;
                last = stat;
                lastVm = vm;
                sampleThreads = sampleThreads && sampleThreads(now);
            }
        } catch (final IOException | RuntimeException e) {
            failure = e;
        }
    }

    /** Walks the tasks; false, with the failure kept, if that failed. */
    private boolean sampleThreads(final long nowNanos) {
        try {
            threads.sample(nowNanos);
            return true;
        } catch (final IOException | RuntimeException e) {
            threadsFailure = e;
            return false;
        }
    }

    /** The task samples, or null when they were not taken; call after {@link #stop()}. */
    ThreadSampler threads() {
        return threads;
    }

    /** Why the thread sampler stopped before {@link #stop()}, or null; call after {@link #stop()}. */
    Exception threadsFailure() {
        return threadsFailure;
    }

    /** How many samples the thread has taken so far. */
    public int taken() {
        return taken.get();
    }

    /** Why the sampler stopped before {@link #stop()}, or null; call after {@link #stop()}. */
    public Exception failure() {
        return failure;
    }

    private MachineSample.Pressure pressure() throws IOException {
        return new MachineSample.Pressure(PressureStall.parse(read(PRESSURE_CPU)), PressureStall.parse(read(PRESSURE_IO)),
            PressureStall.parse(read(PRESSURE_MEMORY)));
    }

    private String read(final String file) throws IOException {
        return Files.readString(proc.resolve(file), StandardCharsets.US_ASCII);
    }
}
