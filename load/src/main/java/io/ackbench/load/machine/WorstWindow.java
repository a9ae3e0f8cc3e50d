package io.ackbench.load.machine;

import io.ackbench.load.JsonText;

import java.util.List;
import java.util.Locale;

/**
 * One of a run's worst latency windows: completions in [{@code startNanos}, {@code endNanos}), the largest latency
 * among them and their count, the JVM pauses and machine evidence overlapping [start - that latency, end] (a record
 * that completed in the window was intended up to its latency earlier), and the verdict drawn from them; with the
 * thread sampler on, the tasks that ran most and the run's thread that waited longest for a CPU in that span
 * ({@code threads}, null when it was off).
 */
public record WorstWindow(long startNanos, long endNanos, long maxLatencyNanos, long count, List<JvmPause> pauses,
                          WindowEvidence evidence, String verdict, ThreadEvidence threads) {

    public WorstWindow {
        pauses = List.copyOf(pauses);
    }

    /**
     * The lines printed for the window, the first numbered {@code rank}: two, and a third for the threads where they
     * were sampled; times in seconds from the origin.
     */
    String lines(final int rank, final long originNanos) {
        final String lines = String.format(Locale.ROOT, "  %d. %.1f-%.1f s: max %.3f ms over %d records: %s%n     %s",
            rank, seconds(startNanos, originNanos), seconds(endNanos, originNanos), maxLatencyNanos / 1e6, count,
            verdict, details(originNanos));
        return threads == null ? lines : lines + System.lineSeparator() + "     " + threadDetails();
    }

    /** The tasks that ran most and the run's thread that waited longest for a CPU, on one line. */
    String threadDetails() {
        if (threads.samples() == 0) {
            return "threads: no samples";
        }
        final StringBuilder line = new StringBuilder("threads: most CPU ");
        if (threads.mostCpu().isEmpty()) {
            line.append("none");
        }
        for (int i = 0; i < threads.mostCpu().size(); i++) {
            final TaskTime time = threads.mostCpu().get(i);
            line.append(i == 0 ? "" : ", ").append(time.task().display()).append(' ').append(ms(time.nanos()));
        }
        line.append("; longest run-queue wait of the run's JVMs: ");
        final TaskTime wait = threads.longestOwnWait();
        return (wait == null ? line.append("none") : line.append(wait.task().display()).append(' ')
            .append(ms(wait.nanos()))).toString();
    }

    private static String ms(final long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    /** The pauses and the machine evidence on one line. */
    String details(final long originNanos) {
        final StringBuilder line = new StringBuilder("pauses: ");
        if (pauses.isEmpty()) {
            line.append("none");
        }
        for (int i = 0; i < pauses.size(); i++) {
            final JvmPause pause = pauses.get(i);
            line.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %s \"%s\" %.1f ms at %.3f s",
                pause.process(), pause.kind() == JvmPause.Kind.GC ? "GC" : "safepoint", pause.what(),
                pause.durationNanos() / 1e6, seconds(pause.startNanos(), originNanos)));
        }
        line.append("; machine: ");
        if (evidence.samples() == 0) {
            return line.append("no samples").toString();
        }
        line.append(String.format(Locale.ROOT, "steal %.0f%%, iowait %.0f%%, running %d, blocked %d, Dirty %d MB, "
                + "Writeback %d MB", evidence.stealPercent(), evidence.iowaitPercent(), evidence.procsRunning(),
            evidence.procsBlocked(), evidence.dirtyKib() / 1024, evidence.writebackKib() / 1024));
        if (evidence.ioStallPercent() >= 0) {
            line.append(String.format(Locale.ROOT, ", stalled on CPU %.0f%% / I/O %.0f%% / memory %.0f%%",
                evidence.cpuStallPercent(), evidence.ioStallPercent(), evidence.memoryStallPercent()));
        }
        if (evidence.allocStalls() > 0 || evidence.compactStalls() > 0) {
            line.append(", direct reclaim stalls ").append(evidence.allocStalls()).append(", compaction stalls ")
                .append(evidence.compactStalls());
        }
        return line.toString();
    }

    /** A row of {@code worst-windows.md}'s table. */
    String markdownRow(final int rank, final long originNanos) {
        return String.format(Locale.ROOT, "| %d | %.1f-%.1f | %.3f | %d | %s | %s |", rank,
            seconds(startNanos, originNanos), seconds(endNanos, originNanos), maxLatencyNanos / 1e6, count, verdict,
            (threads == null ? details(originNanos) : details(originNanos) + "; " + threadDetails()).replace("|", "/"));
    }

    /** A JSON object; times in milliseconds from the origin. */
    String toJson(final long originNanos) {
        final StringBuilder json = new StringBuilder(512);
        json.append(String.format(Locale.ROOT, "{\"startMs\": %.1f, \"endMs\": %.1f, \"maxLatencyMs\": %.3f, "
                + "\"records\": %d, \"verdict\": %s, \"pauses\": [", millis(startNanos, originNanos),
            millis(endNanos, originNanos), maxLatencyNanos / 1e6, count, JsonText.string(verdict)));
        for (int i = 0; i < pauses.size(); i++) {
            final JvmPause pause = pauses.get(i);
            json.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "{\"process\": %s, \"kind\": \"%s\", "
                    + "\"what\": %s, \"startMs\": %.3f, \"durationMs\": %.3f}", JsonText.string(pause.process()),
                pause.kind(), JsonText.string(pause.what()), millis(pause.startNanos(), originNanos),
                pause.durationNanos() / 1e6));
        }
        json.append(String.format(Locale.ROOT, "], \"machine\": {\"samples\": %d, \"stealPercent\": %.1f, "
                + "\"iowaitPercent\": %.1f, \"procsRunning\": %d, \"procsBlocked\": %d, \"dirtyKiB\": %d, "
                + "\"writebackKiB\": %d, \"allocStalls\": %d, \"compactStalls\": %d, \"cpuStallPercent\": %.1f, "
                + "\"ioStallPercent\": %.1f, \"memoryStallPercent\": %.1f}}", evidence.samples(),
            evidence.stealPercent(), evidence.iowaitPercent(), evidence.procsRunning(), evidence.procsBlocked(),
            evidence.dirtyKib(), evidence.writebackKib(), evidence.allocStalls(), evidence.compactStalls(),
            evidence.cpuStallPercent(), evidence.ioStallPercent(), evidence.memoryStallPercent()));
        if (threads != null) {
            json.setLength(json.length() - 1);
            json.append(", \"threads\": {\"samples\": ").append(threads.samples()).append(", \"mostCpu\": [");
            for (int i = 0; i < threads.mostCpu().size(); i++) {
                json.append(i == 0 ? "" : ", ").append(taskJson(threads.mostCpu().get(i), "cpuMs"));
            }
            json.append("], \"longestOwnRunQueueWait\": ")
                .append(threads.longestOwnWait() == null ? "null" : taskJson(threads.longestOwnWait(), "waitMs"))
                .append("}}");
        }
        return json.toString();
    }

    private static String taskJson(final TaskTime time, final String key) {
        final TaskName task = time.task();
        return String.format(Locale.ROOT, "{\"name\": %s, \"pid\": %d, \"tid\": %d, \"process\": %s, "
                + "\"thread\": %s, \"%s\": %.3f}", JsonText.string(task.display()), task.pid(), task.tid(),
            JsonText.string(task.process()), JsonText.string(task.thread()), key, time.nanos() / 1e6);
    }

    private static double seconds(final long nanos, final long originNanos) {
        return (nanos - originNanos) / 1e9;
    }

    private static double millis(final long nanos, final long originNanos) {
        return (nanos - originNanos) / 1e6;
    }
}
