package io.ackbench.tools.latency;

import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.tools.EndToEndLatency;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runs Kafka's {@link EndToEndLatency} in this JVM and returns its exit status and what it printed. Its {@code main}
 * ends in Kafka's {@link Exit#exit}, as does its usage error; while it runs, Kafka's exit procedure is one that
 * unwinds instead of exiting, so the caller still stops its cluster. The tool prints to {@link System#out} and
 * {@link System#err}; both are pointed at the caller's streams for the run, standard output through a copy that
 * the caller can read the figures from.
 */
final class InProcessEndToEndLatency {
    private InProcessEndToEndLatency() {
    }

    /** What the tool printed on standard output, and its exit status. */
    record Outcome(int status, String printed) {
    }

    /** Not for concurrent use: Kafka's exit procedure and the JVM's standard streams are global. */
    static Outcome run(final List<String> args, final PrintStream out, final PrintStream err) {
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        final PrintStream tee = new PrintStream(new Tee(out, printed), true, StandardCharsets.UTF_8);
        final PrintStream systemOut = System.out;
        final PrintStream systemErr = System.err;
        final int[] firstStatus = {Integer.MIN_VALUE};
        Exit.setExitProcedure((status, message) -> {
            if (firstStatus[0] == Integer.MIN_VALUE) {
                firstStatus[0] = status; // the tool's decision; a usage error exits twice, the second time with 1
            }
            throw new ToolExited(status);
        });
        System.setOut(tee);
        System.setErr(err);
        try {
            EndToEndLatency.main(args.toArray(new String[0]));
        } catch (final ToolExited e) {
            // main always ends here: Exit.exit(mainNoExit(args))
        } finally {
            System.setOut(systemOut);
            System.setErr(systemErr);
            Exit.resetExitProcedure();
            tee.flush();
        }
        final int status = firstStatus[0] == Integer.MIN_VALUE ? 0 : firstStatus[0];
        return new Outcome(status, printed.toString(StandardCharsets.UTF_8));
    }

    /** Thrown by the exit procedure to leave the tool; no stack trace, which the tool would print when it catches it. */
    private static final class ToolExited extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ToolExited(final int status) {
            super("Kafka's tool exited with status " + status, null, false, false);
        }
    }

    /** Writes to the caller's stream and to the copy. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(final OutputStream first, final OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(final int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(final byte[] bytes, final int offset, final int length) throws IOException {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
        }
    }
}
