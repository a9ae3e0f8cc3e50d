package io.ackbench.load.machine;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How long after a run starts writing its logs the kernel has written back its first dirty pages by age, so that a
 * warm-up lasting this long has the burst behind it. Pages dirty for {@code dirty_expire_centisecs} are written back
 * by the flusher, which wakes every {@code dirty_writeback_centisecs}: the first such write-back begins within one
 * period of the expiry, and one more period lets it finish. That first burst is not steady state: every page the run
 * dirtied in its first half-minute goes at once (1 to 1.8 GB here), and a warm-up that settles sooner puts it in the
 * measured window.
 */
public final class FirstWriteBack {
    /** The kernel's defaults, where /proc/sys/vm cannot be read: 30 s expiry, 5 s flusher period. */
    static final long DEFAULT_EXPIRE_CENTISECS = 3000;
    static final long DEFAULT_WRITEBACK_CENTISECS = 500;
    private static final Path PROC_SYS_VM = Path.of("/proc/sys/vm");
    private static final long MILLIS_PER_CENTISECOND = 10;

    private FirstWriteBack() {
    }

    /** This machine's: 40 s with the kernel's defaults. */
    public static Duration ofThisMachine() {
        return of(PROC_SYS_VM);
    }

    /** @param procSysVm a directory holding {@code dirty_expire_centisecs} and {@code dirty_writeback_centisecs} */
    static Duration of(final Path procSysVm) {
        final long expire = centisecs(procSysVm.resolve("dirty_expire_centisecs"), DEFAULT_EXPIRE_CENTISECS);
        // 0 turns the periodic flusher off: only the dirty thresholds then start write-back, at no set time.
        final long period = centisecs(procSysVm.resolve("dirty_writeback_centisecs"), DEFAULT_WRITEBACK_CENTISECS);
        return Duration.ofMillis((expire + 2 * period) * MILLIS_PER_CENTISECOND);
    }

    private static long centisecs(final Path file, final long otherwise) {
        // A line at a time: on JDK 17 Files.readString of a /proc/sys file, whose size reads 0, returned only "3" of
        // "3000".
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            final String line = reader.readLine();
            return line == null ? otherwise : Long.parseLong(line.trim());
        } catch (final IOException | NumberFormatException e) {
            return otherwise;
        }
    }
}
