package io.ackbench.tools.flame;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Checks that flame graphs show ackbench's own code and says how much of it each shows: per file, the frames whose
 * name lies in the {@code io.ackbench} packages (JMH's generated stubs excepted), their distinct names, and the share
 * of samples under them.
 *
 * <p>Usage: {@code FlameGraphCheck [--cpu] FILE... [--alloc FILE...]}. A CPU graph without ackbench frames fails the
 * check: the profile missed the benchmark (wrong process, unresolved Java frames, samples outside the measurement).
 * An allocation graph without them passes with a note, because ackbench's hot paths are meant to allocate nothing
 * in steady state (DESIGN: below 1 byte per operation), so an empty or foreign allocation graph is a finding, not a
 * broken profile. Exit status 0 when every file passes, 1 when one does not or cannot be read, 2 on bad usage.
 */
public final class FlameGraphCheck {
    static final int PASSED = 0;
    static final int FAILED = 1;
    static final int BAD_USAGE = 2;

    private static final String CPU_FILES = "--cpu";
    private static final String ALLOC_FILES = "--alloc";
    /** Java methods appear as {@code io/ackbench/record/RawMemory.copy}. */
    private static final String PROJECT_METHOD = "io/ackbench/";
    /** Allocated types (the leaves of an allocation graph) appear dotted, {@code io.ackbench.broker.Broker}. */
    private static final String PROJECT_TYPE = "io.ackbench.";
    private static final String PROJECT = "io.ackbench";
    /** JMH's generated stubs sit in our package but wrap every benchmark; counting them would prove nothing. */
    private static final String JMH_GENERATED = "jmh_generated";

    private FlameGraphCheck() {
    }

    public static void main(final String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** @return whether a frame name belongs to ackbench's code: its packages, less JMH's generated stubs. */
    static boolean isProjectFrame(final String name) {
        return (name.contains(PROJECT_METHOD) || name.contains(PROJECT_TYPE)) && !name.contains(JMH_GENERATED);
    }

    static int run(final String[] args, final PrintStream out, final PrintStream err) {
        if (args.length == 0) {
            err.println("usage: FlameGraphCheck [--cpu] FILE... [--alloc FILE...]");
            return BAD_USAGE;
        }
        boolean allocation = false;
        int failures = 0;
        int files = 0;
        for (final String arg : args) {
            if (CPU_FILES.equals(arg) || ALLOC_FILES.equals(arg)) {
                allocation = ALLOC_FILES.equals(arg);
                continue;
            }
            files++;
            if (!check(Path.of(arg), allocation, out, err)) {
                failures++;
            }
        }
        if (files == 0) {
            err.println("FlameGraphCheck: no files after " + String.join(" ", args));
            return BAD_USAGE;
        }
        if (failures > 0) {
            err.println(failures + " of " + files + " flame graphs failed the check (see above)");
            return FAILED;
        }
        return PASSED;
    }

    private static boolean check(final Path file, final boolean allocation, final PrintStream out,
                                 final PrintStream err) {
        final FlameGraphHtml graph;
        try {
            graph = FlameGraphHtml.read(file);
        } catch (final IOException | IllegalArgumentException unreadable) {
            err.println("FAILED " + file + ": cannot read it as a flame graph: " + unreadable.getMessage());
            return false;
        }
        final FlameGraphHtml.Summary project = graph.summarize(FlameGraphCheck::isProjectFrame);
        if (project.frames() > 0) {
            out.println(String.format(Locale.ROOT, "%s: %d %s frames (%d distinct), under them %.1f%% of %d samples",
                file, project.frames(), PROJECT, project.names(), project.samplePercent(), project.totalSamples()));
            return true;
        }
        if (allocation) {
            out.println(file + ": 0 " + PROJECT + " frames: no allocation sampled in " + PROJECT + " code"
                + (graph.totalSamples() == 0 ? " (the graph is empty)"
                : " (" + graph.totalSamples() + " samples, all elsewhere)"));
            return true;
        }
        err.println("FAILED " + file + ": no " + PROJECT + " frames among its " + graph.frames().size() + " frames ("
            + graph.totalSamples() + " samples): the profile missed the benchmark's code");
        return false;
    }
}
