package io.ackbench.load.machine;

import java.util.List;

/**
 * What the machine samples overlapping a window showed, each the worst over those samples: steal, iowait, tasks
 * running and blocked, Dirty and Writeback; and the direct reclaim and compaction stalls begun in them. {@code samples}
 * and the largest shares of a sample in which some task stalled on a CPU, on I/O and on memory (pressure stall
 * information; -1 where the kernel has none). {@code samples} is 0 when none overlapped (the sampler was off, or the window was shorter than a period at the run's edge).
 */
record WindowEvidence(int samples, double stealPercent, double iowaitPercent, int procsRunning, int procsBlocked,
                      long dirtyKib, long writebackKib, long allocStalls, long compactStalls,
                      double cpuStallPercent, double ioStallPercent, double memoryStallPercent) {

    /** The samples whose interval shares a moment with [{@code fromNanos}, {@code toNanos}]. */
    static WindowEvidence of(final List<MachineSample> samples, final long fromNanos, final long toNanos) {
        int n = 0;
        double steal = 0;
        double iowait = 0;
        int running = 0;
        int blocked = 0;
        long dirty = 0;
        long writeback = 0;
        long allocStalls = 0;
        long compactStalls = 0;
        double cpuStall = -1;
        double ioStall = -1;
        double memoryStall = -1;
        for (final MachineSample sample : samples) {
            if (sample.endNanos() - fromNanos < 0 || toNanos - sample.startNanos() < 0) {
                continue;
            }
            n++;
            steal = Math.max(steal, sample.stealPercent());
            iowait = Math.max(iowait, sample.iowaitPercent());
            running = Math.max(running, sample.procsRunning());
            blocked = Math.max(blocked, sample.procsBlocked());
            dirty = Math.max(dirty, sample.dirtyKib());
            writeback = Math.max(writeback, sample.writebackKib());
            allocStalls += Math.max(0, sample.allocStalls());
            compactStalls += Math.max(0, sample.compactStalls());
            cpuStall = Math.max(cpuStall, sample.cpuStallPercent());
            ioStall = Math.max(ioStall, sample.ioStallPercent());
            memoryStall = Math.max(memoryStall, sample.memoryStallPercent());
        }
        return new WindowEvidence(n, steal, iowait, running, blocked, dirty, writeback, allocStalls, compactStalls,
            cpuStall, ioStall, memoryStall);
    }
}
