package io.ackbench.load.machine;

import java.nio.file.Path;
import java.util.List;

/**
 * A JVM the run's cluster started: its name in reports ({@code broker-2}, {@code controller}), its command line, and
 * the unified log it writes GC and safepoint pauses to with the {@code timenanos} decorator (null if none).
 */
public record ClusterJvm(String name, List<String> command, Path log) {
    public ClusterJvm {
        command = List.copyOf(command);
    }

    /**
     * The JVM options of a {@code java} command line: what follows the launcher up to the class path or main class
     * (a class path is long and says nothing about tails).
     */
    public static List<String> jvmFlags(final List<String> command) {
        int end = 1;
        while (end < command.size() && command.get(end).startsWith("-") && !command.get(end).equals("-cp")
            && !command.get(end).equals("-classpath") && !command.get(end).equals("--class-path")
            && !command.get(end).equals("-jar")) {
            end++;
        }
        return List.copyOf(command.subList(Math.min(1, command.size()), end));
    }
}
