package io.ackbench.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * SIGSTOP and SIGCONT for a broker JVM, ackbench's or Apache Kafka's, by running {@code kill -SIGNAL PID}: {@link ProcessHandle} can only send
 * SIGTERM ({@code destroy}) and SIGKILL ({@code destroyForcibly}).
 */
public final class ProcessSignals {
    public static final String STOP = "STOP";
    public static final String CONT = "CONT";

    private ProcessSignals() {
    }

    /**
     * @param what the process, for messages ("broker 1")
     * @throws IllegalStateException with what {@code kill} said when it fails (no such process)
     */
    public static void send(final long pid, final String signal, final String what) {
        final Process kill;
        try {
            kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not run kill -" + signal + " for " + what, e);
        }
        try {
            final String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " (" + what + ") failed: " + output);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not read what kill -" + signal + " said for " + what, e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending SIG" + signal + " to " + what, e);
        }
    }
}
