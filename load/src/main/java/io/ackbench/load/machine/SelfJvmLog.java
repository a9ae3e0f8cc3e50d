package io.ackbench.load.machine;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * This JVM's GC and safepoint pauses, logged for the length of a run to a file of the run's with the same flags the
 * broker JVMs get ({@code gc,safepoint} at info, {@code timenanos} and {@code tags}), turned on and off at run time
 * through HotSpot's {@code VM.log} diagnostic command, so the load JVM needs no flag of its own and every JVM's pauses
 * are read by one parser.
 */
final class SelfJvmLog {
    private static final String DIAGNOSTIC_COMMAND = "com.sun.management:type=DiagnosticCommand";
    private static final String[] SIGNATURE = {String[].class.getName()};

    private final Path file;

    private SelfJvmLog(final Path file) {
        this.file = file;
    }

    /**
     * Starts logging to {@code file} (no rotation), or returns null where the JVM has no {@code VM.log} command.
     */
    static SelfJvmLog start(final Path file) {
        final SelfJvmLog log = new SelfJvmLog(file.toAbsolutePath());
        try {
            log.vmLog("output=file=" + log.file, "output_options=filecount=0", "what=gc,safepoint",
                "decorators=timenanos,tags");
            return log;
        } catch (final JMException | RuntimeException e) {
            return null;
        }
    }

    /** Turns this run's output off, leaving the JVM's other log outputs as they were. */
    void stop() {
        try {
            vmLog("output=file=" + file, "what=all=off");
        } catch (final JMException | RuntimeException e) {
            // The file keeps what was logged; a few pauses more would do no harm.
        }
    }

    Path file() {
        return file;
    }

    private static void vmLog(final String... arguments) throws JMException {
        final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        server.invoke(new ObjectName(DIAGNOSTIC_COMMAND), "vmLog", new Object[] {arguments}, SIGNATURE);
    }
}
