package io.ackbench.tools.matrix;

import io.ackbench.load.PerfOptions;
import io.ackbench.load.ProducePerf;

import io.ackbench.load.RunResult;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    /** A run's stage table, beside its summary.json. */
    static final String STAGES_MD = "stages.md";

    private MatrixRun() {
    }

    public static void main(final String[] args) {
        final PrintStream rows = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        // Whatever else would print on standard output (a cluster's notes) goes with the run's output instead.
        System.setOut(System.err);
        final MatrixConfiguration configuration = DeliveryMatrix.configurations().get(Integer.parseInt(args[0]));
        final List<String> flags = new ArrayList<>(Arrays.asList(args).subList(2, args.length));
        flags.addAll(configuration.flags());
        flags.add(PerfOptions.OUTPUT_DIR);
        flags.add(args[1]);
        final Path runDir = Path.of(args[1]);
        System.exit(ProducePerf.run(flags.toArray(new String[0]), System.err, System.err, result -> {
            writeStages(result, runDir);
            rows.print(MatrixTable.row(configuration, result));
        }));
    }

    /** The run's stage breakdown as Markdown, {@value #STAGES_MD} in its directory, for the matrix's stages section. */
    private static void writeStages(final RunResult result, final Path runDir) {
        if (result.stages() == null) {
            return;
        }
        try {
            Files.writeString(runDir.resolve(STAGES_MD), result.stages().markdown(), StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not write " + runDir.resolve(STAGES_MD), e);
        }
    }
}
