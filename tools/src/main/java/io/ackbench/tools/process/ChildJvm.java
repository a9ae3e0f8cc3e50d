package io.ackbench.tools.process;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a fresh JVM and waits for it: the child gets this JVM's Java, flags (a script's heap, Unsafe
 * access, repository root) and class path, so it runs the same code, but none of this JVM's JIT profile or heap.
 * Its standard error and input are this process's; its standard output is returned. A shutdown hook stops it (and
 * so, through its own hooks, whatever it started) if this JVM ends first, Ctrl-C included.
 */
public final class ChildJvm {
    /** How long a SIGTERMed child may take to stop what it started before it is killed. */
    private static final long STOP_TIMEOUT_SECONDS = 30;

    private ChildJvm() {
    }

    /** What the child printed on standard output, and how it exited. */
    public record Outcome(int exitStatus, String output) {
    }

    /**
     * @param name names the shutdown hook's thread, e.g. {@code vs-kafka-run-3}
     */
    public static Outcome run(final Class<?> mainClass, final List<String> arguments, final String name)
        throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(arguments);
        final Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT)
            .redirectInput(ProcessBuilder.Redirect.INHERIT).start();
        final Thread stopOnExit = new Thread(() -> stop(process), name + "-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        try {
            final String output;
            try (InputStream stdout = process.getInputStream()) {
                output = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
            }
            return new Outcome(process.waitFor(), output);
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
