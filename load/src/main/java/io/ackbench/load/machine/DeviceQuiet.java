package io.ackbench.load.machine;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Waits until the block device under a data directory has finished what an earlier run left it: write-back of the
 * page cache, and on a file system mounted with {@code discard} (this machine's ext4 is) the discards of what a run
 * deletes at its end. A Kafka run at the maximum rate keeps this machine's disk busy for 15% to 90% of each second,
 * and a run started before that work is done would share the device with it. In one comparison ackbench ran at
 * 2.08M records/s and, started straight after, at 1.32M; whether the device was the cause was not established, and
 * this wait makes sure it cannot be.
 *
 * <p>Quiet means the device was busy (sysfs {@code stat}'s {@code io_ticks}, milliseconds with I/O in flight) for at
 * most {@value #BUSY_MS_PER_SECOND} ms in each of {@value #QUIET_SECONDS} consecutive seconds. A data directory
 * without a block device (tmpfs) is quiet at once. Used by one thread.
 */
public final class DeviceQuiet {
    /** Busy at most 5% of a second: what a quiet guest's own logging and timers leave. */
    static final long BUSY_MS_PER_SECOND = 50;
    static final int QUIET_SECONDS = 3;
    private static final Path SYS_CLASS_BLOCK = Path.of("/sys/class/block");
    private static final String DEVICE_PREFIX = "/dev/";
    /** The 10th field of a block device's {@code stat}: milliseconds during which it had I/O in flight. */
    private static final int IO_TICKS_FIELD = 9;
    private static final long SAMPLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Waits a given time; the real one sleeps. */
    @FunctionalInterface
    interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final String device;
    private final LongSupplier ioTicks;
    private final Sleeper sleeper;

    DeviceQuiet(final String device, final LongSupplier ioTicks, final Sleeper sleeper) {
        this.device = device;
        this.ioTicks = ioTicks;
        this.sleeper = sleeper;
    }

    /** The device under {@code dataDir} (or its nearest existing parent); one without a device is always quiet. */
    public static DeviceQuiet of(final Path dataDir) {
        final String storeName = storeName(dataDir);
        if (storeName == null || !storeName.startsWith(DEVICE_PREFIX)) {
            return new DeviceQuiet(null, () -> 0, TimeUnit.NANOSECONDS::sleep);
        }
        final String name = storeName.substring(DEVICE_PREFIX.length());
        final Path stat = SYS_CLASS_BLOCK.resolve(name).resolve("stat");
        return new DeviceQuiet(name, () -> ioTicks(stat), TimeUnit.NANOSECONDS::sleep);
    }

    /**
     * Samples the device once a second until it has been quiet for {@value #QUIET_SECONDS} seconds in a row, or
     * {@code maxSeconds} have passed.
     *
     * @return what happened, in a line: nothing to wait for, quiet after N s, or still busy after the maximum
     */
    public String await(final int maxSeconds) throws InterruptedException {
        if (device == null) {
            return "the data directory has no block device to wait for";
        }
        long before = ioTicks.getAsLong();
        if (before < 0) {
            return "the data device " + device + "'s activity is unknown (no sysfs stat); not waiting";
        }
        int quiet = 0;
        int seconds = 0;
        long lastBusy = 0;
        while (quiet < QUIET_SECONDS && seconds < maxSeconds) {
            sleeper.sleepNanos(SAMPLE_NANOS);
            seconds++;
            final long now = ioTicks.getAsLong();
            lastBusy = now - before;
            quiet = lastBusy <= BUSY_MS_PER_SECOND ? quiet + 1 : 0;
            before = now;
        }
        return quiet >= QUIET_SECONDS
            ? String.format(Locale.ROOT, "the data device %s was quiet after %d s", device, seconds)
            : String.format(Locale.ROOT, "the data device %s was still busy after %d s (%d ms of the last second); "
                + "starting anyway", device, seconds, lastBusy);
    }

    /** The io_ticks of a sysfs block {@code stat} file, or -1 when it cannot be read. */
    static long ioTicks(final Path stat) {
        final String[] fields = RunHeader.read(stat).trim().split("\\s+");
        try {
            return fields.length > IO_TICKS_FIELD ? Long.parseLong(fields[IO_TICKS_FIELD]) : -1;
        } catch (final NumberFormatException unreadable) {
            return -1;
        }
    }

    private static String storeName(final Path dataDir) {
        Path existing = dataDir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return null;
        }
        try {
            final FileStore store = Files.getFileStore(existing);
            return store.name();
        } catch (final IOException | RuntimeException e) {
            return null;
        }
    }
}
