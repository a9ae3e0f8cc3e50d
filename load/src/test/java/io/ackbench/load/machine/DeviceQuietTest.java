package io.ackbench.load.machine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.PrimitiveIterator;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceQuietTest {
    @TempDir
    Path dir;

    private final List<Long> slept = new ArrayList<>();

    /** A device whose io_ticks read {@code ticks} in turn, one per sample, the first before any sleep. */
    private DeviceQuiet device(final long... ticks) {
        final PrimitiveIterator.OfLong next = LongStream.of(ticks).iterator();
        return new DeviceQuiet("vda", next::nextLong, slept::add);
    }

    @Test
    void waitsUntilTheDeviceWasBusyAtMostFiftyMillisecondsInEachOfThreeSecondsInARow() throws Exception {
        // Busy 1000, 800, 50, 10, 200 (resets), 0, 50, 30 ms in successive seconds: quiet from the 6th to the 8th.
        final DeviceQuiet quiet = device(0, 1_000, 1_800, 1_850, 1_860, 2_060, 2_060, 2_110, 2_140);

        assertThat(quiet.await(120)).isEqualTo("the data device vda was quiet after 8 s");
        assertThat(slept).hasSize(8).containsOnly(1_000_000_000L);
    }

    @Test
    void startsAnywayAfterTheMaximumSayingHowBusyItStillWas() throws Exception {
        final DeviceQuiet busy = device(0, 900, 1_800, 2_700, 3_600);

        assertThat(busy.await(4)).isEqualTo("the data device vda was still busy after 4 s (900 ms of the last "
            + "second); starting anyway");
    }

    @Test
    void aDeviceWithoutStatisticsIsNotWaitedFor() throws Exception {
        assertThat(device(-1).await(120)).isEqualTo("the data device vda's activity is unknown (no sysfs stat); not "
            + "waiting");
        assertThat(slept).isEmpty();
    }

    @Test
    void readsIoTicksFromTheTenthFieldOfSysfsStat() throws Exception {
        final Path stat = Files.writeString(dir.resolve("stat"),
            "  123 4 5678 90 1234 5 6789 100 0 4321 500 0 0 0 0 0 0\n");

        assertThat(DeviceQuiet.ioTicks(stat)).isEqualTo(4_321);
        assertThat(DeviceQuiet.ioTicks(dir.resolve("missing"))).isEqualTo(-1);
    }

    @Test
    void tmpfsHasNoDeviceToWaitFor() throws Exception {
        final Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && "tmpfs".equals(Files.getFileStore(shm).type())) {
            assertThat(DeviceQuiet.of(shm.resolve("not-yet")).await(120))
                .isEqualTo("the data directory has no block device to wait for");
        }
    }
}
