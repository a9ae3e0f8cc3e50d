package io.ackbench.broker;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The java command lines of broker processes: the heap and GC options are the caller's, or the default heap. */
class BrokerProcessesCommandTest {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final Path DATA = Path.of("/data");

    @Test
    void givenOptionsReplaceTheDefaultHeapAndKeepTheAgronaExport() {
        final List<String> options = List.of("-Xms1G", "-Xmx1G", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20");
        final Map<String, String> settings = new LinkedHashMap<>();
        settings.put(BrokerConfig.BROKERS, "3");
        settings.put(BrokerConfig.REPLICA_FETCH_WAIT_MAX_MS, "50");

        assertThat(BrokerProcesses.command(1, BrokerMain.class, BrokerProcesses.brokerJvmFlags(options),
            "0=127.0.0.1:9100,1=127.0.0.1:9101,2=127.0.0.1:9102", "127.0.0.1:9103", settings, DATA))
            .containsExactly(JAVA, "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "-Xms1G", "-Xmx1G",
                "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-Xlog:async",
                "-Xlog:gc,safepoint:file=/data/jvm-logs/broker-1.log:timenanos,tags",
                "-cp", System.getProperty("java.class.path"), BrokerMain.class.getName(), "--id", "1",
                "--controller", "127.0.0.1:9103", "--listeners", "0=127.0.0.1:9100,1=127.0.0.1:9101,2=127.0.0.1:9102",
                "--data-dir", "/data", "replica.fetch.wait.max.ms=50");
    }

    @Test
    void withoutOptionsABrokerGetsTheDefaultHeap() {
        assertThat(BrokerProcesses.brokerJvmFlags(List.of()))
            .containsExactly("--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "-Xms256m", "-Xmx512m");
    }

    @Test
    void anOptionThatIsNoOptionIsNamed() {
        assertThatThrownBy(() -> BrokerProcesses.brokerJvmFlags(List.of("-Xmx1G", "Xms1G")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Broker JVM option 'Xms1G' does not start with '-'");
    }
}
