package io.ackbench.tools.versus;

import io.ackbench.tools.process.ChildJvm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs each run of a comparison in a fresh JVM ({@link VersusRun}, through {@link ChildJvm}). In one JVM, the
 * second system's runs would send through a load call site the JIT had compiled for the first system's producer,
 * and every run would inherit the heap the earlier ones left: the last of four runs in one JVM measured below the
 * first in every max-rate configuration of the first matrix.
 */
final class RunJvm implements SideBySide.OneRun {
    @Override
    public RunFigures run(final int number, final String system, final String runName, final List<String> flags,
                          final Path runDir, final Path dataDir) throws IOException, InterruptedException {
        final List<String> arguments = new ArrayList<>();
        arguments.add(runDir.toString());
        arguments.add(dataDir.toString());
        arguments.addAll(flags);
        final ChildJvm.Outcome outcome = ChildJvm.run(VersusRun.class, arguments, "vs-kafka-" + runName);
        final String line = outcome.output().strip();
        if (line.isEmpty()) {
            return RunFigures.crashed(number, system, runName, "its JVM exited with status " + outcome.exitStatus()
                + " without a measurement (its output is above)");
        }
        return RunFigures.fromMeasurementLine(number, system, runName, line);
    }
}
