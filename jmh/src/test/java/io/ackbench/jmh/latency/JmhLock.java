package io.ackbench.jmh.latency;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Serializes a test's in-process JMH run with the benchmark runs of everyone else on the machine, which wrap
 * {@code java -jar benchmarks.jar} in {@code flock /tmp/jmh.lock}. JMH's own lock on that file is an fcntl lock,
 * which on Linux does not see flock locks: without this a test would run beside a measurement on the 2 shared
 * cores, or fail with JMH's "Another JMH instance might be running".
 *
 * <p>Holds the lock through a child {@code flock FILE cat}: once {@code cat} echoes a line back, flock holds the
 * lock; closing {@code cat}'s input releases it. Where {@code flock} is missing, runs unserialized.
 */
final class JmhLock implements AutoCloseable {
    private static final String WAIT_SECONDS = "1800";
    private static final Path LOCK_FILE = Path.of(System.getProperty("java.io.tmpdir"), "jmh.lock");

    private final Process holder;

    private JmhLock(final Process holder) {
        this.holder = holder;
    }

    static JmhLock acquire() throws IOException {
        final Process holder;
        try {
            holder = new ProcessBuilder("flock", "-w", WAIT_SECONDS, LOCK_FILE.toString(), "cat")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        } catch (final IOException noFlock) {
            return new JmhLock(null);
        }
        final OutputStream toCat = holder.getOutputStream();
        toCat.write("locked\n".getBytes(StandardCharsets.US_ASCII));
        toCat.flush();
        final BufferedReader fromCat =
            new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.US_ASCII));
        if (!"locked".equals(fromCat.readLine())) {
            holder.destroy();
            throw new IOException(LOCK_FILE + " stayed locked for " + WAIT_SECONDS + " s by another benchmark run");
        }
        return new JmhLock(holder);
    }

    @Override
    public void close() throws IOException {
        if (holder != null) {
            holder.getOutputStream().close();
            try {
                holder.waitFor();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                holder.destroy();
            }
        }
    }
}
