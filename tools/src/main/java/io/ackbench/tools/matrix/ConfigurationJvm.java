package io.ackbench.tools.matrix;

import io.ackbench.tools.process.ChildJvm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs each configuration in a fresh JVM ({@link MatrixRun}, through {@link ChildJvm}), as the matrix did when it was
 * a script calling produce-perf per configuration: in one JVM the later configurations would run on code the JIT
 * compiled for the first ones.
 */
final class ConfigurationJvm implements ProducePerfMatrix.ConfigurationRunner {
    @Override
    public ProducePerfMatrix.Outcome run(final int index, final List<String> flags, final Path runDir)
        throws IOException, InterruptedException {
        final List<String> arguments = new ArrayList<>();
        arguments.add(Integer.toString(index));
        arguments.add(runDir.toString());
        arguments.addAll(flags);
        final ChildJvm.Outcome outcome = ChildJvm.run(MatrixRun.class, arguments, "produce-perf-matrix-" + index);
        return new ProducePerfMatrix.Outcome(outcome.exitStatus(), outcome.output().isEmpty() ? null
            : outcome.output());
    }
}
