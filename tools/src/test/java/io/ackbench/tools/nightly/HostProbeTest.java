package io.ackbench.tools.nightly;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HostProbeTest {
    private static final String CPUINFO = """
        processor\t: 0
        vendor_id\t: AuthenticAMD
        model name\t: AMD EPYC
        microcode\t: 0x1000065
        cpu MHz\t\t: 2596.126
        flags\t\t: fpu vme sse2 avx2
        bogomips\t: 5192.25

        processor\t: 1
        vendor_id\t: AuthenticAMD
        model name\t: AMD EPYC
        microcode\t: 0x1000065
        flags\t\t: fpu vme sse2 avx2
        """;

    private static final String MOUNTINFO = """
        22 27 0:21 / /proc rw,relatime - proc proc rw
        24 27 0:6 / /dev rw,relatime - devtmpfs devtmpfs rw,size=12334792k
        25 24 0:23 / /dev/shm rw,relatime - tmpfs tmpfs rw,size=24683784k
        27 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw,discard
        30 25 0:27 / /dev/shm rw,relatime - tmpfs shm rw,size=65536k
        31 27 8:17 / /mnt/fast\\040disk rw,relatime - xfs /dev/nvme0n1p1 rw
        garbage line
        """;

    @Test
    void readsTheFirstCpusModelFlagsAndMicrocodeAndCountsTheCpus() {
        assertThat(HostProbe.cpu(CPUINFO)).containsExactlyInAnyOrderEntriesOf(Map.of(
            HostFingerprint.CPU_MODEL, "AMD EPYC", HostFingerprint.CPU_FLAGS, "fpu vme sse2 avx2",
            HostFingerprint.CPU_MICROCODE, "0x1000065", HostFingerprint.CPU_COUNT, "2"));
    }

    @Test
    void readsAnArmCpuAndMarksWhatIsMissingUnknown() {
        final String arm = "processor\t: 0\nFeatures\t: fp asimd\nCPU part\t: 0xd0c\n\nprocessor\t: 1\n";

        assertThat(HostProbe.cpu(arm)).containsExactlyInAnyOrderEntriesOf(Map.of(
            HostFingerprint.CPU_MODEL, "0xd0c", HostFingerprint.CPU_FLAGS, "fp asimd",
            HostFingerprint.CPU_MICROCODE, "unknown", HostFingerprint.CPU_COUNT, "2"));
        assertThat(HostProbe.cpu("")).containsEntry(HostFingerprint.CPU_COUNT, "unknown");
    }

    @Test
    void readsMemTotal() {
        assertThat(HostProbe.memTotalKiB("MemTotal:       24683784 kB\nMemFree:  100 kB\n")).isEqualTo("24683784");
        assertThat(HostProbe.memTotalKiB("MemFree:  100 kB\n")).isEqualTo("unknown");
    }

    @Test
    void parsesMountinfoSkippingLinesOfAnotherShape() {
        assertThat(HostProbe.mounts(MOUNTINFO)).containsExactly(
            new HostProbe.Mount("/proc", "proc", "proc"),
            new HostProbe.Mount("/dev", "devtmpfs", "devtmpfs"),
            new HostProbe.Mount("/dev/shm", "tmpfs", "tmpfs"),
            new HostProbe.Mount("/", "ext4", "/dev/vda"),
            new HostProbe.Mount("/dev/shm", "tmpfs", "shm"),
            new HostProbe.Mount("/mnt/fast disk", "xfs", "/dev/nvme0n1p1"));
    }

    @Test
    void aPathIsOnTheDeepestMountAboveItTheLaterOfTwoAtOnePoint() {
        final List<HostProbe.Mount> mounts = HostProbe.mounts(MOUNTINFO);

        assertThat(HostProbe.mountOf(Path.of("/dev/shm/ackbench-nightly"), mounts).map(HostProbe.Mount::describe))
            .contains("tmpfs shm");
        assertThat(HostProbe.mountOf(Path.of("/home/me/ackbench"), mounts).map(HostProbe.Mount::describe))
            .contains("ext4 /dev/vda");
        assertThat(HostProbe.mountOf(Path.of("/mnt/fast disk/x"), mounts).map(HostProbe.Mount::describe))
            .contains("xfs /dev/nvme0n1p1");
        assertThat(HostProbe.mountOf(Path.of("/devices"), mounts).map(HostProbe.Mount::describe))
            .contains("ext4 /dev/vda");
        assertThat(HostProbe.mountOf(Path.of("/x"), List.of())).isEmpty();
    }

    @Test
    void theDataDirectoriesAreTheListsDirParametersAndTheRoot() {
        final List<String> lines = List.of(
            "PartitionerBenchmark.murmur2 -p keySize=16",
            "LogAppendBenchmark.log -p flush=none -p dir=/dev/shm/ackbench-nightly",
            "jmh.ProduceBenchmark -p dir=target/a,/dev/shm/ackbench-nightly -p keyed=false");

        assertThat(HostProbe.dataDirectories(lines)).containsExactly(".", "/dev/shm/ackbench-nightly", "target/a");
        assertThat(HostProbe.dataDirectories(List.of())).containsExactly(".");
    }

    @Test
    void probesThisHostWithEveryField() {
        final HostFingerprint host = HostProbe.probe(Path.of("").toAbsolutePath(),
            HostProbe.dataDirectories(List.of("X -p dir=/dev/shm/ackbench-test")));

        assertThat(host.fields()).containsKeys(HostFingerprint.CPU_MODEL, HostFingerprint.CPU_FLAGS,
            HostFingerprint.CPU_COUNT, HostFingerprint.KERNEL, HostFingerprint.MEMORY_KIB, HostFingerprint.BOOT_ID,
            HostFingerprint.JVM_VENDOR, HostFingerprint.JVM_VERSION, "data:.", "data:/dev/shm/ackbench-test");
        assertThat(host.fields().values()).allSatisfy(value -> assertThat(value).isNotBlank());
        assertThat(HostProbe.probe(Path.of("").toAbsolutePath(), HostProbe.dataDirectories(List.of())))
            .as("one host, probed twice").isEqualTo(HostProbe.probe(Path.of("").toAbsolutePath(),
                HostProbe.dataDirectories(List.of())));
    }
}
