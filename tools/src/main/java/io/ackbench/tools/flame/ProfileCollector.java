package io.ackbench.tools.flame;

import org.openjdk.jmh.annotations.Mode;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Moves what JMH's profilers leave in one directory per trial into one flat directory, each file named after its
 * trial: {@code RAW/TRIAL/flame-EVENT-forward.html} (async-profiler) becomes {@code OUT/NAME-EVENT.html},
 * {@code flame-EVENT-reverse.html} {@code OUT/NAME-EVENT-reverse.html}, and {@code RAW/TRIAL/profile.jfr} (JFR)
 * {@code OUT/NAME.jfr}.
 *
 * <p>TRIAL is JMH's trial id, {@code package.Class.method-Mode-param-value-...} with param values URL-encoded; NAME
 * keeps {@code Class.method}, the mode's short label and every param, and turns {@code %} into {@code _} (as JMH's
 * async profiler does for its directories, so both profilers give the same names):
 * {@code io.ackbench.jmh.ProduceBenchmark.send-Throughput-acks-1-dir-target%2Fproduce-bench} becomes
 * {@code ProduceBenchmark.send-thrpt-acks-1-dir-target_2Fproduce-bench}.
 *
 * <p>Usage: {@code ProfileCollector RAW OUT}; prints every file written, one per line. Exit status 1 when RAW holds
 * no flame graph or recording, or a move fails; 2 on bad usage.
 */
public final class ProfileCollector {
    static final int COLLECTED = 0;
    static final int NOTHING_COLLECTED = 1;
    static final int BAD_USAGE = 2;

    private static final Pattern FLAME_GRAPH = Pattern.compile("flame-(\\w+)-(forward|reverse)\\.html");
    private static final String REVERSE = "reverse";
    private static final String RECORDING = "profile.jfr";
    private static final char ID_SEPARATOR = '-';
    private static final char PACKAGE_SEPARATOR = '.';
    private static final char URL_ESCAPE = '%';
    private static final char ESCAPE_REPLACEMENT = '_';

    private ProfileCollector() {
    }

    public static void main(final String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(final String[] args, final PrintStream out, final PrintStream err) {
        if (args.length != 2) {
            err.println("usage: ProfileCollector RAW_DIR OUT_DIR");
            return BAD_USAGE;
        }
        final Path raw = Path.of(args[0]);
        final Path target = Path.of(args[1]);
        try {
            final List<Path> written = collect(raw, target);
            if (written.isEmpty()) {
                err.println("no flame-*.html or " + RECORDING + " under " + raw + ": the profiler wrote nothing");
                return NOTHING_COLLECTED;
            }
            written.forEach(out::println);
            return COLLECTED;
        } catch (final IOException | UncheckedIOException failed) {
            err.println("cannot collect the profiles under " + raw + " into " + target + ": " + failed);
            return NOTHING_COLLECTED;
        }
    }

    /** Moves every profile under {@code raw} into {@code target}; returns the files written, sorted. */
    static List<Path> collect(final Path raw, final Path target) throws IOException {
        final List<Path> sources;
        try (Stream<Path> files = Files.walk(raw)) {
            sources = files.filter(Files::isRegularFile).sorted().toList();
        }
        Files.createDirectories(target);
        final List<Path> written = new ArrayList<>();
        for (final Path source : sources) {
            final String fileName = targetFileName(raw.relativize(source));
            if (fileName != null) {
                written.add(Files.move(source, target.resolve(fileName)));
            }
        }
        return written;
    }

    /** @return the flat name of a file at {@code relative} under RAW, or null when it is no profile. */
    static String targetFileName(final Path relative) {
        if (relative.getParent() == null) {
            return null;
        }
        // JMH makes one directory per trial; a param value with a separator in it would nest them, so join them.
        final StringBuilder trialId = new StringBuilder();
        for (final Path part : relative.getParent()) {
            trialId.append(trialId.length() == 0 ? "" : String.valueOf(ESCAPE_REPLACEMENT)).append(part);
        }
        final String trial = trialName(trialId.toString());
        final String file = relative.getFileName().toString();
        if (RECORDING.equals(file)) {
            return trial + ".jfr";
        }
        final Matcher flameGraph = FLAME_GRAPH.matcher(file);
        if (flameGraph.matches()) {
            final String direction = REVERSE.equals(flameGraph.group(2)) ? "-" + REVERSE : "";
            return trial + ID_SEPARATOR + flameGraph.group(1) + direction + ".html";
        }
        return null;
    }

    /** JMH's trial id without the package, with the mode's short label and no {@code %}. */
    static String trialName(final String trialId) {
        final int benchmarkEnd = indexOrLength(trialId, ID_SEPARATOR, 0);
        final String benchmark = trialId.substring(0, benchmarkEnd);
        final int methodDot = benchmark.lastIndexOf(PACKAGE_SEPARATOR);
        final String classAndMethod = benchmark.substring(benchmark.lastIndexOf(PACKAGE_SEPARATOR, methodDot - 1) + 1);
        final StringBuilder name = new StringBuilder(classAndMethod);
        if (benchmarkEnd < trialId.length()) {
            final int modeEnd = indexOrLength(trialId, ID_SEPARATOR, benchmarkEnd + 1);
            name.append(ID_SEPARATOR).append(modeLabel(trialId.substring(benchmarkEnd + 1, modeEnd)))
                .append(trialId, modeEnd, trialId.length());
        }
        return name.toString().replace(URL_ESCAPE, ESCAPE_REPLACEMENT);
    }

    private static String modeLabel(final String mode) {
        for (final Mode known : Mode.values()) {
            if (known.name().equals(mode)) {
                return known.shortLabel();
            }
        }
        return mode;
    }

    private static int indexOrLength(final String text, final char c, final int from) {
        final int at = text.indexOf(c, from);
        return at < 0 ? text.length() : at;
    }
}
