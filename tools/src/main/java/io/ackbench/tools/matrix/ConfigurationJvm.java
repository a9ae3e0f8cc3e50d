package io.ackbench.tools.matrix;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs each configuration in a fresh JVM ({@link MatrixRun}), as the matrix did when it was a script calling
 * produce-perf per configuration: in one JVM the later configurations would run on code the JIT compiled for the
 * first ones. The child gets this JVM's flags (the script's heap, Unsafe access and repository root) and class path;
 * its standard error is this process's, and a shutdown hook stops it (and so its brokers) if this JVM ends first.
 */
final class ConfigurationJvm implements ProducePerfMatrix.ConfigurationRunner {
    private static final long STOP_TIMEOUT_SECONDS = 30;

    @Override
    public ProducePerfMatrix.Outcome run(final int index, final List<String> flags, final Path runDir)
        throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MatrixRun.class.getName());
        command.add(Integer.toString(index));
        command.add(runDir.toString());
        command.addAll(flags);
        final Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT)
            .redirectInput(ProcessBuilder.Redirect.INHERIT).start();
        final Thread stopOnExit = new Thread(() -> stop(process), "produce-perf-matrix-stop-" + index);
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        try {
            final String row;
            try (InputStream rowOutput = process.getInputStream()) {
                row = new String(rowOutput.readAllBytes(), StandardCharsets.UTF_8);
            }
            return new ProducePerfMatrix.Outcome(process.waitFor(), row.isEmpty() ? null : row);
        } finally {
            stop(process);
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (final IllegalStateException shuttingDown) {
                // The hook is running or ran.
            }
        }
    }

    /** SIGTERM first, so that the child's own shutdown hooks stop its broker processes; then kill. */
    private static void stop(final Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
