package io.ackbench.kafka;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One JVM an embedded cluster started for a broker (Kafka's storage tool, then the broker itself), its standard
 * output and error appended to the broker's log file. The broker reads its standard input, which this process
 * holds open; see {@code KafkaBrokerLauncher}.
 */
final class KafkaProcess {
    private final String name;
    private final Path log;
    private final Process process;

    private KafkaProcess(final String name, final Path log, final Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    /**
     * @param name what it is, for messages ("broker 0", "storage tool for broker 0")
     * @param workDir its working directory, where a JVM crash file would land
     */
    static KafkaProcess start(final String name, final List<String> command, final Path workDir, final Path log)
        throws IOException {
        final Process process = new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
        return new KafkaProcess(name, log, process);
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Only once it has exited. */
    int exitCode() {
        return process.exitValue();
    }

    /** @return whether it exited within {@code timeout} */
    boolean awaitExit(final Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** SIGKILL: its data is about to be deleted, so there is nothing to shut down cleanly. */
    void kill() {
        process.destroyForcibly();
    }

    /** For a failure message: the first error it logged, if any, and what it printed last. */
    String logTail() {
        return LogTail.firstError(log).map(error -> "first error: " + error + "\n").orElse("")
            + "last " + LogTail.LINES + " lines of " + log + ":\n" + LogTail.of(log);
    }
}
