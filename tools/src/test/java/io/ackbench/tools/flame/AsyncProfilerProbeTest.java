package io.ackbench.tools.flame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The probe's failure paths; that it starts cpu or itimer with the real library is shown by scripts/flamegraph.sh. */
class AsyncProfilerProbeTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void aLibraryThatCannotBeLoadedIsReportedAsUnusable(@TempDir final Path dir) {
        final Path missing = dir.resolve("libasyncProfiler.so");

        assertThat(run(missing.toString(), "cpu", "itimer")).isEqualTo(AsyncProfilerProbe.LIBRARY_UNUSABLE);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("cannot load async-profiler from " + missing + ": ");
    }

    @Test
    void aLibraryWithoutEventsIsBadUsage() {
        assertThat(run("libasyncProfiler.so")).isEqualTo(AsyncProfilerProbe.BAD_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("usage: AsyncProfilerProbe LIBRARY EVENT...\n");
    }

    private int run(final String... args) {
        return AsyncProfilerProbe.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
