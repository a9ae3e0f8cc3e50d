package io.ackbench.load.machine;

import io.ackbench.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The sampling thread over a directory of fixture /proc files that do not change: every interval is idle. */
class MachineSamplerTest {
    @TempDir
    Path proc;

    @Test
    void samplesEveryPeriodUntilStopped() throws IOException {
        Files.writeString(proc.resolve("stat"), ProcParsersTest.STAT);
        Files.writeString(proc.resolve("meminfo"), ProcParsersTest.MEMINFO);
        Files.writeString(proc.resolve("loadavg"), ProcParsersTest.LOADAVG);
        Files.writeString(proc.resolve("vmstat"), ProcParsersTest.VMSTAT);
        assertThat(MachineSampler.available(proc)).isTrue();
        final long before = System.nanoTime();
        final MachineSampler sampler = new MachineSampler(proc, TimeUnit.MILLISECONDS.toNanos(1)).start();

        Await.until("three samples", () -> sampler.taken() >= 3);
        final List<MachineSample> samples = sampler.stop();

        assertThat(sampler.failure()).isNull();
        assertThat(samples).hasSizeGreaterThanOrEqualTo(3);
        for (int i = 0; i < samples.size(); i++) {
            final MachineSample sample = samples.get(i);
            assertThat(sample.startNanos()).isEqualTo(i == 0 ? sample.startNanos() : samples.get(i - 1).endNanos());
            assertThat(sample.startNanos() - before).isGreaterThanOrEqualTo(0);
            assertThat(sample).isEqualTo(new MachineSample(sample.endNanos(), sample.intervalNanos(), 0, 0, 0, 0, 3,
                0, 1.05, 95752, 2048, 0, 0, -1, -1, -1));
        }
    }

    @Test
    void aProcWithoutTheFilesIsNotAvailable() {
        assertThat(MachineSampler.available(proc)).isFalse();
    }
}
