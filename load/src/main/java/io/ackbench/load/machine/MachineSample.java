package io.ackbench.load.machine;

import java.util.Locale;

/**
 * What the machine did in one sampling interval, which ended at {@code endNanos} ({@link System#nanoTime()}) and
 * lasted {@code intervalNanos}: the shares of all CPUs' time spent in user, system, iowait and steal (percent of the
 * jiffies every CPU counted in the interval), and at its end the tasks running ({@code procs_running}, the sampler
 * included) and blocked on I/O, the one-minute load, Dirty and Writeback, and the direct reclaim and compaction stalls
 * that began in the interval; and from the kernel's pressure stall information, the share of the interval in which
 * some task waited for a CPU, for I/O, or for memory. {@code vmstat} and pressure fields are -1 where the kernel
 * does not have the file.
 */
public record MachineSample(long endNanos, long intervalNanos, double userPercent, double systemPercent,
                            double iowaitPercent, double stealPercent, int procsRunning, int procsBlocked,
                            double loadAverage, long dirtyKib, long writebackKib, long allocStalls,
                            long compactStalls, double cpuStallPercent, double ioStallPercent,
                            double memoryStallPercent) {

    /** The columns of {@code machine.tsv}. */
    public static final String TSV_HEADER = "time_ms\tinterval_ms\tuser_pct\tsystem_pct\tiowait_pct\tsteal_pct"
        + "\tprocs_running\tprocs_blocked\tload1\tdirty_kib\twriteback_kib\tallocstalls\tcompact_stalls"
        + "\tcpu_stall_pct\tio_stall_pct\tmemory_stall_pct";

    /** The interval between two readings; percentages are 0 when no jiffy passed. */
    static MachineSample between(final long startNanos, final ProcStat start, final long endNanos, final ProcStat end,
                                 final LoadAvg load, final MemInfo memory, final VmStat vmStart, final VmStat vmEnd,
                                 final Pressure pressureStart, final Pressure pressureEnd) {
        final long total = end.total() - start.total();
        final boolean vm = vmStart != null && vmEnd != null;
        return new MachineSample(endNanos, endNanos - startNanos,
            percent(end.user() + end.nice() - start.user() - start.nice(), total),
            percent(end.system() + end.irq() + end.softirq() - start.system() - start.irq() - start.softirq(), total),
            percent(end.iowait() - start.iowait(), total),
            percent(end.steal() - start.steal(), total),
            end.procsRunning(), end.procsBlocked(), load.oneMinute(), memory.dirtyKib(), memory.writebackKib(),
            vm ? vmEnd.allocStalls() - vmStart.allocStalls() : -1,
            vm ? vmEnd.compactStalls() - vmStart.compactStalls() : -1,
            pressureEnd.cpu().somePercentSince(pressureStart.cpu(), endNanos - startNanos),
            pressureEnd.io().somePercentSince(pressureStart.io(), endNanos - startNanos),
            pressureEnd.memory().somePercentSince(pressureStart.memory(), endNanos - startNanos));
    }

    /** The three pressure files at one moment. */
    record Pressure(PressureStall cpu, PressureStall io, PressureStall memory) {
        static final Pressure NONE = new Pressure(PressureStall.NONE, PressureStall.NONE, PressureStall.NONE);
    }

    private static double percent(final long part, final long total) {
        return total <= 0 ? 0 : 100.0 * part / total;
    }

    /** The interval's start on the {@link System#nanoTime()} clock. */
    public long startNanos() {
        return endNanos - intervalNanos;
    }

    /** One line of {@code machine.tsv}: times in milliseconds since {@code originNanos}, the measurement start. */
    public String tsvLine(final long originNanos) {
        return String.format(Locale.ROOT, "%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%d\t%d\t%.2f\t%d\t%d\t%d\t%d"
                + "\t%.1f\t%.1f\t%.1f", (endNanos - originNanos) / 1e6, intervalNanos / 1e6, userPercent, systemPercent,
            iowaitPercent, stealPercent, procsRunning, procsBlocked, loadAverage, dirtyKib, writebackKib, allocStalls,
            compactStalls, cpuStallPercent, ioStallPercent, memoryStallPercent);
    }
}
