package io.ackbench.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * SIGSTOP and SIGCONT for a broker JVM, ackbench's or Apache Kafka's, by running {@code kill -SIGNAL PID}:
 * {@link ProcessHandle} can only send SIGTERM ({@code destroy}) and SIGKILL ({@code destroyForcibly}). A signal is
 * delivered asynchronously, so each returns only once {@code /proc/PID/stat} shows it in effect: a fault is in
 * effect when its call returns.
 */
public final class ProcessSignals {
    public static final String STOP = "STOP";
    public static final String CONT = "CONT";
    /** The state letter /proc gives a process stopped by a signal. */
    private static final char STOPPED = 'T';
    private static final long STATE_TIMEOUT_MS = 10_000;

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
        if (STOP.equals(signal) || CONT.equals(signal)) {
            awaitState(pid, STOP.equals(signal), what);
        }
    }

    /** Until the process is stopped ({@code stopped}) or not; a process that exited meanwhile ends the wait too. */
    private static void awaitState(final long pid, final boolean stopped, final String what) {
        final Path stat = Path.of("/proc", Long.toString(pid), "stat");
        final long deadline = System.nanoTime() + STATE_TIMEOUT_MS * 1_000_000L;
        while (true) {
            final String text;
            try {
                text = Files.readString(stat);
            } catch (final IOException e) {
                return; // gone: no state to wait for
            }
            // The state letter follows the command name, which is in parentheses and may itself hold any character.
            final boolean isStopped = text.charAt(text.lastIndexOf(')') + 2) == STOPPED;
            if (isStopped == stopped) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(what + " (pid " + pid + ") is still " + (stopped ? "running" : "stopped")
                    + " " + STATE_TIMEOUT_MS + " ms after the signal");
            }
            LockSupport.parkNanos(1_000_000L);
        }
    }
}
