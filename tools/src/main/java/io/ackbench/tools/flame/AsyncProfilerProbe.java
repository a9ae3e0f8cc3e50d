package io.ackbench.tools.flame;

import org.openjdk.jmh.profile.AsyncProfiler;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Finds the first of some async-profiler events that can start on this machine, loading the native library exactly
 * as JMH's {@code -prof async:libPath=LIBRARY} does, so that a pass here means JMH can load and start it too (for
 * example {@code cpu} and {@code itimer} start in a KVM guest, {@code cycles} does not: no hardware counters).
 *
 * <p>Usage: {@code AsyncProfilerProbe LIBRARY EVENT...}. Prints the first event that starts and exits 0; exits
 * {@value #LIBRARY_UNUSABLE} when the library cannot be loaded (missing, wrong platform), {@value #NO_EVENT} when
 * none of the events starts, {@value #BAD_USAGE} on bad usage. Why each failed goes to standard error.
 */
public final class AsyncProfilerProbe {
    static final int STARTED = 0;
    static final int BAD_USAGE = 2;
    static final int LIBRARY_UNUSABLE = 3;
    static final int NO_EVENT = 4;

    private AsyncProfilerProbe() {
    }

    public static void main(final String[] args) {
        // exit() rather than return: a started profiler leaves native threads behind
        System.exit(run(args, System.out, System.err));
    }

    static int run(final String[] args, final PrintStream out, final PrintStream err) {
        if (args.length < 2) {
            err.println("usage: AsyncProfilerProbe LIBRARY EVENT...");
            return BAD_USAGE;
        }
        // System.load, which JMH uses, takes absolute paths only
        final String library = Path.of(args[0]).toAbsolutePath().toString();
        final AsyncProfiler.JavaApi profiler;
        try {
            profiler = AsyncProfiler.JavaApi.getInstance(library);
        } catch (final UnsatisfiedLinkError cannotLoad) {
            err.println("cannot load async-profiler from " + library + ": " + cannotLoad.getMessage());
            return LIBRARY_UNUSABLE;
        }
        for (final String event : Arrays.asList(args).subList(1, args.length)) {
            try {
                profiler.execute("start,event=" + event);
                profiler.execute("stop");
                out.println(event);
                return STARTED;
            } catch (final IOException | RuntimeException cannotStart) {
                err.println("async-profiler event " + event + " cannot start here: " + cannotStart.getMessage());
            }
        }
        return NO_EVENT;
    }
}
