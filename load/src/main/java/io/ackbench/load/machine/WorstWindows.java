package io.ackbench.load.machine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A run's worst latency windows and what coincided with each. A window's evidence is what overlapped
 * [window start - its worst latency, window end]: the worst record completed in the window and was intended up to its
 * latency before, so whatever held it happened in that span.
 *
 * <p>The verdict names the causes seen, the first of them leading: a JVM pause of at least a quarter of the window's
 * worst latency (and 1 ms); CPU steal of {@value #STEAL_PERCENT}% or more; {@value #WRITEBACK_MIB} MB or more under
 * write-back, or direct reclaim stalls; more tasks running than CPUs (the sampler itself aside); iowait of
 * {@value #IOWAIT_PERCENT}% or more; some task stalled on I/O or memory {@value #STALL_PERCENT}% or more of a sample
 * (pressure stall information). None of them: "no machine cause seen". The thread samples, where taken, are listed
 * beside the verdict, not drawn into it.
 */
public final class WorstWindows {
    public static final int DEFAULT_TOP = 5;
    public static final long DEFAULT_WIDTH_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    static final double STEAL_PERCENT = 10;
    static final long WRITEBACK_MIB = 8;
    static final double IOWAIT_PERCENT = 20;
    /** A share of a sample in which some task stalled on I/O or on memory (pressure stall information). */
    static final double STALL_PERCENT = 10;
    /** Pauses shorter than this are neither listed nor a cause: safepoints of a few microseconds are routine. */
    static final long LISTED_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** How many of a window's pauses are listed, longest first. */
    static final int LISTED_PAUSES = 5;
    /** How many of the tasks that ran longest in a window are listed. */
    static final int LISTED_TASKS = 3;
    private static final long KIB_PER_MIB = 1024;

    private WorstWindows() {
    }

    /**
     * The {@code top} windows with the largest latency (earlier first on ties), worst first.
     *
     * @param max        each window's largest latency, window {@code i} starting at {@code origin + i * width}
     * @param count      each window's completions
     * @param cpus       the CPUs of the host, for the run queue
     * @param threads    the thread samples, or null when the thread sampler was off
     */
    public static List<WorstWindow> find(final long[] max, final long[] count, final long originNanos,
                                         final long widthNanos, final int top, final List<MachineSample> samples,
                                         final List<JvmPause> pauses, final int cpus, final ThreadSamples threads) {
        final List<Integer> windows = new ArrayList<>();
        for (int i = 0; i < max.length; i++) {
            if (count[i] > 0) {
                windows.add(i);
            }
        }
        windows.sort(Comparator.<Integer>comparingLong(i -> max[i]).reversed().thenComparing(i -> i));
        final List<JvmPause> distinct = withoutSafepointsOfGc(pauses);
        final List<WorstWindow> worst = new ArrayList<>();
        for (final int i : windows.subList(0, Math.min(top, windows.size()))) {
            final long start = originNanos + i * widthNanos;
            final long end = start + widthNanos;
            final long from = start - max[i];
            final List<JvmPause> overlapping = new ArrayList<>();
            for (final JvmPause pause : distinct) {
                if (pause.durationNanos() >= LISTED_PAUSE_NANOS && pause.overlaps(from, end)) {
                    overlapping.add(pause);
                }
            }
            overlapping.sort(Comparator.comparingLong(JvmPause::durationNanos).reversed()
                .thenComparingLong(JvmPause::startNanos));
            final List<JvmPause> listed = overlapping.subList(0, Math.min(LISTED_PAUSES, overlapping.size()));
            final WindowEvidence evidence = WindowEvidence.of(samples, from, end);
            worst.add(new WorstWindow(start, end, max[i], count[i], listed, evidence,
                verdict(max[i], listed, evidence, cpus),
                threads == null ? null : threads.evidence(from, end, LISTED_TASKS)));
        }
        return worst;
    }

    /**
     * Drops each safepoint that overlaps a GC pause of the same JVM: the GC pause is that safepoint's work, and says
     * what it was.
     */
    static List<JvmPause> withoutSafepointsOfGc(final List<JvmPause> pauses) {
        final List<JvmPause> kept = new ArrayList<>(pauses.size());
        for (final JvmPause pause : pauses) {
            if (pause.kind() != JvmPause.Kind.SAFEPOINT || !hasGcPause(pauses, pause)) {
                kept.add(pause);
            }
        }
        return kept;
    }

    private static boolean hasGcPause(final List<JvmPause> pauses, final JvmPause safepoint) {
        for (final JvmPause other : pauses) {
            if (other.kind() == JvmPause.Kind.GC && other.process().equals(safepoint.process())
                && other.overlaps(safepoint.startNanos(), safepoint.endNanos())) {
                return true;
            }
        }
        return false;
    }

    /** The window's verdict from its pauses (longest first) and machine evidence. */
    static String verdict(final long maxLatencyNanos, final List<JvmPause> pauses, final WindowEvidence evidence,
                          final int cpus) {
        final List<String> causes = new ArrayList<>();
        if (!pauses.isEmpty() && pauses.get(0).durationNanos() * 4 >= maxLatencyNanos) {
            final JvmPause pause = pauses.get(0);
            causes.add(String.format(Locale.ROOT, "%s in %s (%s)", pause.kind() == JvmPause.Kind.GC ? "GC pause"
                : "safepoint " + pause.what(), pause.process(), millis(pause.durationNanos())));
        }
        if (evidence.stealPercent() >= STEAL_PERCENT) {
            causes.add(String.format(Locale.ROOT, "CPU steal %.0f%%", evidence.stealPercent()));
        }
        if (evidence.writebackKib() >= WRITEBACK_MIB * KIB_PER_MIB) {
            causes.add(String.format(Locale.ROOT, "write-back: %d MB dirty, %d MB under write-back",
                evidence.dirtyKib() / KIB_PER_MIB, evidence.writebackKib() / KIB_PER_MIB));
        } else if (evidence.allocStalls() > 0) {
            causes.add("direct reclaim: " + evidence.allocStalls() + " stalls");
        }
        if (evidence.procsRunning() - 1 > cpus) {
            causes.add("run queue " + evidence.procsRunning() + " on " + cpus + " CPUs");
        }
        if (evidence.ioStallPercent() >= STALL_PERCENT) {
            causes.add(String.format(Locale.ROOT, "I/O stall %.0f%% (tasks waiting on the disk)",
                evidence.ioStallPercent()));
        }
        if (evidence.memoryStallPercent() >= STALL_PERCENT) {
            causes.add(String.format(Locale.ROOT, "memory stall %.0f%%", evidence.memoryStallPercent()));
        }
        if (evidence.iowaitPercent() >= IOWAIT_PERCENT) {
            causes.add(String.format(Locale.ROOT, "iowait %.0f%%", evidence.iowaitPercent()));
        }
        if (causes.isEmpty()) {
            return "no machine cause seen";
        }
        return causes.size() == 1 ? causes.get(0)
            : causes.get(0) + " (also " + String.join(", ", causes.subList(1, causes.size())) + ")";
    }

    /** "41 ms" from 10 ms up, "3.5 ms" below. */
    static String millis(final long nanos) {
        final double ms = nanos / 1e6;
        return ms >= 10 ? String.format(Locale.ROOT, "%.0f ms", ms) : String.format(Locale.ROOT, "%.1f ms", ms);
    }

    /** The lines printed after the run's final line. */
    public static String report(final List<WorstWindow> windows, final long originNanos, final long widthNanos) {
        final StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "Worst windows (%d ms by completion "
            + "time; pauses and samples from each window's start less its worst latency to its end):",
            TimeUnit.NANOSECONDS.toMillis(widthNanos)));
        if (windows.isEmpty()) {
            text.append(" none, no record completed in the measurement");
        }
        for (int i = 0; i < windows.size(); i++) {
            text.append(System.lineSeparator()).append(windows.get(i).lines(i + 1, originNanos));
        }
        return text.toString();
    }

    /** {@code worst-windows.md}: a heading, how to read it, a table. */
    public static String markdown(final List<WorstWindow> windows, final long originNanos, final long widthNanos) {
        final StringBuilder md = new StringBuilder("# Worst latency windows\n\n");
        md.append(String.format(Locale.ROOT, "Windows of %d ms by completion time, seconds from the measurement start; "
            + "pauses and machine samples overlapping each window's start less its worst latency, to its end.%n%n",
            TimeUnit.NANOSECONDS.toMillis(widthNanos)));
        md.append("| # | window (s) | max (ms) | records | verdict | pauses and machine |\n");
        md.append("| --- | --- | --- | --- | --- | --- |\n");
        for (int i = 0; i < windows.size(); i++) {
            md.append(windows.get(i).markdownRow(i + 1, originNanos)).append('\n');
        }
        return md.toString();
    }

    /** A JSON array of the windows. */
    public static String toJson(final List<WorstWindow> windows, final long originNanos) {
        final StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < windows.size(); i++) {
            json.append(i == 0 ? "\n    " : ",\n    ").append(windows.get(i).toJson(originNanos));
        }
        return json.append(windows.isEmpty() ? "]" : "\n  ]").toString();
    }
}
