package io.ackbench.tools.flame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class FlameGraphCheckTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void projectFramesAreJavaMethodsOrAllocatedTypesOfIoAckbenchButNotJmhStubs() {
        assertThat(FlameGraphCheck.isProjectFrame("io/ackbench/record/RawMemory.copy")).isTrue();
        assertThat(FlameGraphCheck.isProjectFrame("io.ackbench.broker.Broker")).isTrue();
        assertThat(FlameGraphCheck.isProjectFrame("io/ackbench/jmh/jmh_generated/B_send_jmhTest.send_thrpt_jmhStub"))
            .isFalse();
        assertThat(FlameGraphCheck.isProjectFrame("org/apache/kafka/common/utils/Crc32C.compute")).isFalse();
        assertThat(FlameGraphCheck.isProjectFrame("io/ackbenchmark/Other.run")).isFalse();
    }

    @Test
    void aCpuGraphWithProjectFramesPassesAndSaysHowMuchOfItIsOurs() throws IOException {
        final Path cpu = write("a-cpu.html", FlameGraphPages.PROJECT_CPU);

        assertThat(run("--cpu", cpu.toString())).isEqualTo(FlameGraphCheck.PASSED);
        assertThat(out()).isEqualTo(cpu + ": 3 io.ackbench frames (2 distinct), under them 95.0% of 100 samples\n");
        assertThat(err()).isEmpty();
    }

    @Test
    void aCpuGraphWithoutProjectFramesFailsNamingTheFile() throws IOException {
        final Path good = write("a-cpu.html", FlameGraphPages.PROJECT_CPU);
        final Path foreign = write("b-cpu.html", FlameGraphPages.FOREIGN_CPU);

        assertThat(run(good.toString(), foreign.toString())).isEqualTo(FlameGraphCheck.FAILED);
        assertThat(out()).startsWith(good + ": 3 io.ackbench frames");
        assertThat(err()).isEqualTo("FAILED " + foreign + ": no io.ackbench frames among its 3 frames (40 samples):"
            + " the profile missed the benchmark's code\n1 of 2 flame graphs failed the check (see above)\n");
    }

    @Test
    void anAllocationGraphWithoutProjectFramesPassesWithANote() throws IOException {
        final Path foreign = write("a-alloc.html", FlameGraphPages.FOREIGN_CPU);
        final Path empty = write("b-alloc.html", FlameGraphPages.EMPTY);

        assertThat(run("--alloc", foreign.toString(), empty.toString())).isEqualTo(FlameGraphCheck.PASSED);
        assertThat(out()).isEqualTo(
            foreign + ": 0 io.ackbench frames: no allocation sampled in io.ackbench code (40 samples, all elsewhere)\n"
                + empty + ": 0 io.ackbench frames: no allocation sampled in io.ackbench code (the graph is empty)\n");
    }

    @Test
    void filesAfterCpuAreCheckedStrictlyAgainAfterAlloc() throws IOException {
        final Path alloc = write("a-alloc.html", FlameGraphPages.EMPTY);
        final Path cpu = write("a-cpu.html", FlameGraphPages.EMPTY);

        assertThat(run("--alloc", alloc.toString(), "--cpu", cpu.toString())).isEqualTo(FlameGraphCheck.FAILED);
        assertThat(err()).startsWith("FAILED " + cpu + ": no io.ackbench frames among its 1 frames (0 samples)");
    }

    @Test
    void anUnreadableFileFailsTheCheck() {
        final Path missing = dir.resolve("missing.html");

        assertThat(run(missing.toString())).isEqualTo(FlameGraphCheck.FAILED);
        assertThat(err()).startsWith("FAILED " + missing + ": cannot read it as a flame graph: ");
    }

    @Test
    void noFilesIsBadUsage() {
        assertThat(run()).isEqualTo(FlameGraphCheck.BAD_USAGE);
        assertThat(run("--cpu", "--alloc")).isEqualTo(FlameGraphCheck.BAD_USAGE);
    }

    private Path write(final String name, final String page) throws IOException {
        return Files.writeString(dir.resolve(name), page);
    }

    private int run(final String... args) {
        return FlameGraphCheck.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
