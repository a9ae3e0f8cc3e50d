package io.ackbench.load.machine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class RunHeaderTest {
    /** A sysctl answers a read at a non-zero position with end of file: the whole value must come in one read. */
    @Test
    void aSysctlIsReadWhole() throws IOException {
        final Path sysctl = Path.of("/proc/sys/vm/dirty_expire_centisecs");
        assumeTrue(Files.isReadable(sysctl), "a Linux /proc/sys");
        try (InputStream in = new FileInputStream(sysctl.toFile())) {
            assertThat(RunHeader.read(sysctl)).isEqualTo(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void theSelectedSysfsChoiceIsTheBracketedOne() {
        assertThat(RunHeader.selected("always [madvise] never")).isEqualTo("madvise");
        assertThat(RunHeader.selected("always defer defer+madvise [madvise] never")).isEqualTo("madvise");
        assertThat(RunHeader.selected("unknown")).isEqualTo("unknown");
    }

    @Test
    void theCpuModelIsTheFirstModelName() {
        assertThat(RunHeader.cpuModel("processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC\n"
            + "processor\t: 1\nmodel name\t: AMD EPYC\n")).isEqualTo("AMD EPYC");
        assertThat(RunHeader.cpuModel("processor\t: 0\n")).isEqualTo("unknown");
    }

    @Test
    void aCommandLinesJvmFlagsEndAtTheClassPath() {
        assertThat(ClusterJvm.jvmFlags(List.of("java", "-Xms256m", "-Xlog:gc,safepoint:file=b.log:timenanos,tags",
            "-cp", "a.jar:b.jar", "io.ackbench.broker.BrokerMain", "--id", "0")))
            .containsExactly("-Xms256m", "-Xlog:gc,safepoint:file=b.log:timenanos,tags");
        assertThat(ClusterJvm.jvmFlags(List.of("java", "-Xmx1G", "-server", "Main"))).containsExactly("-Xmx1G",
            "-server");
    }

    @Test
    void theHeaderPrintsTheSettingsAndEachJvmsFlags() {
        final RunHeader header = new RunHeader(2, "AMD EPYC", "Linux 6.18", Map.of("dirty_ratio", "20",
            "dirty_background_ratio", "10", "dirty_bytes", "0", "dirty_background_bytes", "0",
            "dirty_expire_centisecs", "3000", "dirty_writeback_centisecs", "500"), "madvise", "madvise",
            "ext4 (/dev/vda)", "8192 KiB", Map.of("load", List.of("-Xmx2g"), "broker-0", List.of("-Xms256m", "-Xmx512m")));

        assertThat(header.lines(List.of("load", "broker-0"))).containsExactly(
            "Host: 2 CPUs (AMD EPYC), Linux 6.18; transparent huge pages madvise, defrag madvise; data directory on "
                + "ext4 (/dev/vda), read-ahead 8192 KiB",
            "  vm: dirty_ratio=20 dirty_background_ratio=10 dirty_bytes=0 dirty_background_bytes=0 "
                + "dirty_expire_centisecs=3000 dirty_writeback_centisecs=500",
            "  JVM load: -Xmx2g",
            "  JVM broker-0: -Xms256m -Xmx512m");
        assertThat(header.toJson(List.of("load"))).isEqualTo("{\n    \"cpus\": 2,\n    \"cpuModel\": \"AMD EPYC\",\n"
            + "    \"kernel\": \"Linux 6.18\",\n    \"vm\": {\"dirty_ratio\": \"20\", \"dirty_background_ratio\": \"10\", "
            + "\"dirty_bytes\": \"0\", \"dirty_background_bytes\": \"0\", \"dirty_expire_centisecs\": \"3000\", "
            + "\"dirty_writeback_centisecs\": \"500\"},\n    \"transparentHugePages\": {\"enabled\": \"madvise\", "
            + "\"defrag\": \"madvise\"},\n    \"dataFileSystem\": \"ext4 (/dev/vda)\",\n    \"dataReadAhead\": \"8192 KiB\",\n"
            + "    \"jvmFlags\": {\n"
            + "      \"load\": [\"-Xmx2g\"]}\n  }");
    }

    @Test
    void theReadAheadComesFromTheDiskOrForAPartitionFromItsDisk(@TempDir final Path sys) throws IOException {
        final Path disk = Files.createDirectories(sys.resolve("devices/virtio/block/vda"));
        Files.createDirectories(disk.resolve("queue"));
        Files.writeString(disk.resolve("queue/read_ahead_kb"), "8192\n");
        final Path partition = Files.createDirectories(disk.resolve("vda1"));
        final Path classBlock = Files.createDirectories(sys.resolve("class/block"));
        Files.createSymbolicLink(classBlock.resolve("vda"), disk);
        Files.createSymbolicLink(classBlock.resolve("vda1"), partition);

        assertThat(RunHeader.readAhead(classBlock, "/dev/vda")).isEqualTo("8192 KiB");
        assertThat(RunHeader.readAhead(classBlock, "/dev/vda1")).isEqualTo("8192 KiB");
        assertThat(RunHeader.readAhead(classBlock, "/dev/vdb")).isEqualTo("unknown");
        assertThat(RunHeader.readAhead(classBlock, "tmpfs")).isEqualTo("none (no block device)");
    }
}
