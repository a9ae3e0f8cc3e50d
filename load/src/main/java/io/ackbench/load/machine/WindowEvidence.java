package io.ackbench.load.machine;

import java.util.List;

/**
 * What the machine samples overlapping a window showed, each the worst over those samples: steal, iowait, tasks
 * running and blocked, Dirty and Writeback; and the direct reclaim and compaction stalls begun in them. {@code samples}
 * is 0 when none overlapped (the sampler was off, or the window was shorter than a period at the run's edge).
 */
record WindowEvidence(int samples, double stealPercent, double iowaitPercent, int procsRunning, int procsBlocked,
                      long dirtyKib, long writebackKib, long allocStalls, long compactStalls) {

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
        }
        return new WindowEvidence(n, steal, iowait, running, blocked, dirty, writeback, allocStalls, compactStalls);
    }
}
