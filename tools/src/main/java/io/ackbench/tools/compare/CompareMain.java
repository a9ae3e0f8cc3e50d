package io.ackbench.tools.compare;

import io.ackbench.tools.results.BenchmarkResult;
import io.ackbench.tools.results.JmhResults;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code scripts/compare BASELINE.json CURRENT.json [options]}: prints the Markdown comparison of two JMH result
 * files, optionally writes it and its JSON form to files, and exits 0 when nothing regressed, 1 when something
 * did, 2 on a usage or input error ({@link CompareOptions#USAGE} says the rest).
 */
public final class CompareMain {
    public static final int NOTHING_REGRESSED = 0;
    public static final int REGRESSED = 1;
    public static final int BAD_INPUT = 2;

    private static final String PROGRAM = "compare";

    private CompareMain() {
    }

    public static void main(final String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The whole command, without exiting: returns the exit status. */
    public static int run(final String[] args, final PrintStream out, final PrintStream err) {
        final CompareOptions options;
        try {
            options = CompareOptions.parse(args);
        } catch (final IllegalArgumentException e) {
            err.println(PROGRAM + ": " + e.getMessage());
            err.println("Try '" + PROGRAM + " " + CompareOptions.HELP + "'.");
            return BAD_INPUT;
        }
        if (options.help()) {
            out.print(CompareOptions.USAGE);
            return NOTHING_REGRESSED;
        }
        final Comparison comparison;
        try {
            final List<BenchmarkResult> baseline = JmhResults.read(options.baseline());
            final List<BenchmarkResult> current = JmhResults.read(options.current());
            comparison = Comparison.of(baseline, current, options.settings());
        } catch (final IllegalArgumentException e) {
            err.println(PROGRAM + ": " + e.getMessage());
            return BAD_INPUT;
        }
        final String baselineName = options.baseline().toString();
        final String currentName = options.current().toString();
        final String markdown = MarkdownReport.render(comparison, baselineName, currentName);
        out.print(markdown);
        try {
            if (options.markdown().isPresent()) {
                write(options.markdown().get(), markdown);
            }
            if (options.json().isPresent()) {
                write(options.json().get(), JsonReport.render(comparison, baselineName, currentName));
            }
        } catch (final IllegalArgumentException e) {
            err.println(PROGRAM + ": " + e.getMessage());
            return BAD_INPUT;
        }
        return comparison.hasRegression() ? REGRESSED : NOTHING_REGRESSED;
    }

    private static void write(final Path file, final String text) {
        try {
            final Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text);
        } catch (final IOException e) {
            throw new IllegalArgumentException("cannot write " + file + " (" + e + ")", e);
        }
    }
}
