package io.ackbench.tools.matrix;

import io.ackbench.load.PerfOptions;
import io.ackbench.load.ProducePerf;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One configuration of produce-perf-matrix in a JVM of its own ({@link ConfigurationJvm} starts it): produce-perf with
 * the user's flags, the configuration's and {@code --output-dir}, everything it prints on standard error, and only the
 * configuration's table row on standard output. Exits as produce-perf does.
 *
 * <p>Arguments: {@code INDEX RUN_DIR [produce-perf flags]}, INDEX into {@link DeliveryMatrix#configurations()}.
 */
public final class MatrixRun {
    private MatrixRun() {
    }

    public static void main(final String[] args) {
        final PrintStream rows = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        // Whatever else would print on standard output (a cluster's notes) goes with the run's output instead.
        System.setOut(System.err);
        final MatrixConfiguration configuration = DeliveryMatrix.configurations().get(Integer.parseInt(args[0]));
        final List<String> flags = new ArrayList<>(Arrays.asList(args).subList(2, args.length));
        flags.addAll(configuration.configuration().flags());
        flags.add(PerfOptions.OUTPUT_DIR);
        flags.add(args[1]);
        System.exit(ProducePerf.run(flags.toArray(new String[0]), System.err, System.err,
            result -> rows.print(MatrixTable.row(configuration, result))));
    }
}
