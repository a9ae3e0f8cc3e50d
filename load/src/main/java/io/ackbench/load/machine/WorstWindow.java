package io.ackbench.load.machine;

import io.ackbench.load.JsonText;

import java.util.List;
import java.util.Locale;

/**
 * One of a run's worst latency windows: completions in [{@code startNanos}, {@code endNanos}), the largest latency
 * among them and their count, the JVM pauses and machine evidence overlapping [start - that latency, end] (a record
 * that completed in the window was intended up to its latency earlier), and the verdict drawn from them.
 */
public record WorstWindow(long startNanos, long endNanos, long maxLatencyNanos, long count, List<JvmPause> pauses,
                          WindowEvidence evidence, String verdict) {

    public WorstWindow {
        pauses = List.copyOf(pauses);
    }

    /** The two lines printed for the window, the first numbered {@code rank}; times in seconds from the origin. */
    String lines(final int rank, final long originNanos) {
        return String.format(Locale.ROOT, "  %d. %.1f-%.1f s: max %.3f ms over %d records: %s%n     %s", rank,
            seconds(startNanos, originNanos), seconds(endNanos, originNanos), maxLatencyNanos / 1e6, count, verdict,
            details(originNanos));
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
            details(originNanos).replace("|", "/"));
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
        return json.toString();
    }

    private static double seconds(final long nanos, final long originNanos) {
        return (nanos - originNanos) / 1e9;
    }

    private static double millis(final long nanos, final long originNanos) {
        return (nanos - originNanos) / 1e6;
    }
}
