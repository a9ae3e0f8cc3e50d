package io.ackbench.tools.results;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MachinePathsTest {
    @Test
    void findsACheckoutAHomeAndATemporaryDirectoryInJmhJvmArgs() {
        final String jvmArgs = "\"jvmArgs\" : [\"-Dackbench.latency.dir=/builds/ci/ackbench/results/runs/latency\", "
            + "\"-Dx=/home/ci/ackbench\", \"-Djava.io.tmpdir=/tmp/junit123\"]";

        assertThat(MachinePaths.in(jvmArgs))
            .containsExactly("/builds/ci/ackbench/results/runs/latency", "/home/ci/ackbench", "/tmp/junit123");
    }

    @Test
    void findsAWindowsPathAsJsonEscapesIt() {
        assertThat(MachinePaths.in("\"dir\" : \"C:\\\\Users\\\\ci\\\\ackbench\"")).containsExactly("C:\\\\Users");
    }

    @Test
    void allowsWhatIsTheSameOnEveryMachineAndRelativePaths() {
        final String text = "\"jvm\" : \"/usr/lib/jvm/java-17-openjdk-amd64/bin/java\", \"dir\" : \"/dev/shm/ackbench\", "
            + "see /proc/cpuinfo; results/runs/latency; 1.2 MB/s; p50/p99; \"-Dackbench.latency.dir=results/runs/x\"";

        assertThat(MachinePaths.in(text)).isEmpty();
    }
}
