package io.ackbench.load.machine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads pauses out of HotSpot unified logs written with the {@code timenanos} decorator (and any others before it, as
 * Kafka's {@code time}), tags last: {@code [gc]} lines {@code GC(N) Pause ... 3.456ms} and {@code [safepoint]} lines
 * {@code Safepoint "OP", ... Total: N ns}. HotSpot writes both when the pause has ended, so a pause starts at its
 * line's time less its duration. Every other line (other tags, concurrent phases) is skipped.
 */
public final class JvmLogParser {
    /** {@code GC(12) Pause Young (Normal) (G1 Evacuation Pause) 23M->5M(256M) 3.456ms}; the heap sizes are optional. */
    private static final Pattern GC_PAUSE =
        Pattern.compile("GC\\(\\d+\\) (Pause .*?)(?: \\d+[KMG]->\\d+[KMG]\\(\\d+[KMG]\\))? (\\d+(?:\\.\\d+)?)ms");
    private static final Pattern SAFEPOINT = Pattern.compile("Safepoint \"([^\"]+)\".*Total: (\\d+) ns");
    private static final long NANOS_PER_MILLI = 1_000_000;

    private JvmLogParser() {
    }

    /** The pause one log line reports, or null. */
    public static JvmPause parseLine(final String process, final String line) {
        long timeNanos = Long.MIN_VALUE;
        String tags = null;
        int at = 0;
        while (at < line.length() && line.charAt(at) == '[') {
            final int close = line.indexOf(']', at);
            if (close < 0) {
                return null;
            }
            final String decoration = line.substring(at + 1, close).trim();
            if (timeNanos == Long.MIN_VALUE && isNanos(decoration)) {
                timeNanos = Long.parseLong(decoration.substring(0, decoration.length() - 2));
            }
            tags = decoration;
            at = close + 1;
        }
        if (timeNanos == Long.MIN_VALUE || tags == null || at >= line.length()) {
            return null;
        }
        final String message = line.substring(at).trim();
        if (tags.equals("gc")) {
            final Matcher pause = GC_PAUSE.matcher(message);
            if (pause.matches()) {
                final long duration = Math.round(Double.parseDouble(pause.group(2)) * NANOS_PER_MILLI);
                return new JvmPause(process, timeNanos - duration, duration, JvmPause.Kind.GC, pause.group(1));
            }
        } else if (tags.equals("safepoint")) {
            final Matcher safepoint = SAFEPOINT.matcher(message);
            if (safepoint.matches()) {
                final long duration = Long.parseLong(safepoint.group(2));
                return new JvmPause(process, timeNanos - duration, duration, JvmPause.Kind.SAFEPOINT,
                    safepoint.group(1));
            }
        }
        return null;
    }

    private static boolean isNanos(final String decoration) {
        if (decoration.length() < 3 || !decoration.endsWith("ns")) {
            return false;
        }
        for (int i = 0; i < decoration.length() - 2; i++) {
            if (!Character.isDigit(decoration.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Every pause in {@code text}, one log line per line. */
    public static List<JvmPause> parse(final String process, final String text) {
        final List<JvmPause> pauses = new ArrayList<>();
        for (final String line : text.split("\n")) {
            final JvmPause pause = parseLine(process, line);
            if (pause != null) {
                pauses.add(pause);
            }
        }
        return pauses;
    }

    /**
     * Every pause {@code jvm} logged: its log file and the files HotSpot rotated out of it ({@code FILE.0},
     * {@code FILE.1}, ...: rotation by size, and a restarted JVM's archive of its predecessor's log). Files that do
     * not exist give nothing.
     */
    public static List<JvmPause> read(final ClusterJvm jvm) {
        final List<JvmPause> pauses = new ArrayList<>();
        final Path log = jvm.log();
        if (log == null) {
            return pauses;
        }
        try {
            for (int i = 0; ; i++) {
                final Path rotated = log.resolveSibling(log.getFileName() + "." + i);
                if (!Files.exists(rotated)) {
                    break;
                }
                pauses.addAll(parse(jvm.name(), Files.readString(rotated, StandardCharsets.UTF_8)));
            }
            if (Files.exists(log)) {
                pauses.addAll(parse(jvm.name(), Files.readString(log, StandardCharsets.UTF_8)));
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot read " + jvm.name() + "'s JVM log " + log, e);
        }
        return pauses;
    }
}
