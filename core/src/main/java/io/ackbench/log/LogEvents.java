package io.ackbench.log;

import java.lang.System.Logger.Level;

/**
 * Where the log reports what recovery did: one line per event, through {@link System.Logger} (logger name
 * {@code io.ackbench.log}) unless a test gives its own sink. No logging framework is needed.
 */
final class LogEvents {
    /** Receives each event as one line. */
    interface Sink {
        void log(Level level, String line);
    }

    private static final System.Logger LOGGER = System.getLogger("io.ackbench.log");

    static final LogEvents SYSTEM = new LogEvents(LOGGER::log);

    private final Sink sink;

    LogEvents(final Sink sink) {
        this.sink = sink;
    }

    void recovered(final RecoveryReport report, final long logEndOffset) {
        if (report.reason() == TruncationReason.NONE) {
            sink.log(Level.INFO, "Recovered " + report.segment() + " after an unclean shutdown: valid to byte "
                + report.position() + ", nothing truncated; log end offset " + logEndOffset);
        } else {
            sink.log(Level.WARNING, "Recovery truncated " + report.segment() + " at byte " + report.position()
                + ": " + report.reason() + ", " + report.bytesTruncated() + " bytes dropped (" + report.detail()
                + "); log end offset " + logEndOffset
                + (report.segmentsDeleted() == 0 ? "" : "; " + report.segmentsDeleted() + " later segment"
                    + (report.segmentsDeleted() == 1 ? "" : "s") + " deleted"));
        }
    }
}
