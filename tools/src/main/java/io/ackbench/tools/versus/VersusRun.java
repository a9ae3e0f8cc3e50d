package io.ackbench.tools.versus;

import io.ackbench.load.PerfOptions;
import io.ackbench.load.ProducePerf;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One run of a side-by-side comparison in a JVM of its own ({@link RunJvm} starts it): produce-perf with the run's
 * flags, its directories, everything it prints on standard error, and only the run's measurement
 * ({@link RunFigures#measurementLine}) on standard output. Exits as produce-perf does.
 *
 * <p>Arguments: {@code RUN_DIR DATA_DIR [produce-perf flags]}.
 */
public final class VersusRun {
    private VersusRun() {
    }

    public static void main(final String[] args) {
        final PrintStream measurement = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        // Whatever else would print on standard output (a cluster's notes) goes with the run's output instead.
        System.setOut(System.err);
        final List<String> flags = new ArrayList<>(Arrays.asList(args).subList(2, args.length));
        flags.add(PerfOptions.OUTPUT_DIR);
        flags.add(args[0]);
        flags.add(PerfOptions.DATA_DIR);
        flags.add(args[1]);
        System.exit(ProducePerf.run(flags.toArray(new String[0]), System.err, System.err,
            result -> measurement.println(RunFigures.measurementLine(result))));
    }
}
