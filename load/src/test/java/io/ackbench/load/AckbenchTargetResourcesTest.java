package io.ackbench.load;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What ackbench's brokers run with, for each way of starting them, worked out without starting them. */
class AckbenchTargetResourcesTest {
    private static final Workload DEFAULTS = Workload.builder().numRecords(1).build();

    @Test
    void brokerProcessesWithTheirDefaultHeap() {
        assertThat(lines(new AckbenchTarget(ClusterLauncher.TCP_PROCESSES).resources(DEFAULTS))).containsExactly(
            "broker JVMs: 3",
            "controller: 1 controller JVM beside 3 broker JVMs",
            "broker heap and GC: -Xms256m -Xmx512m (no GC option: the JVM's default collector)",
            "request threads per broker: 1 duty-cycle thread: network I/O, requests, replication fetches and log "
                + "appends",
            "flush policy: never forced: page cache + replication (flush.messages=never, flush.ms=never)",
            "socket buffers: socket.send.buffer.bytes=102400, socket.receive.buffer.bytes=102400");
    }

    @Test
    void brokerProcessesWithGivenOptionsAndSettings() {
        final Workload workload = Workload.builder().numRecords(1).brokers(5).replicationFactor(3)
            .brokerJvmOptions(BrokerJvmOptions.COMPARISON_DEFAULT)
            .brokerSetting("flush.messages", "1")
            .brokerSetting("socket.send.buffer.bytes", "-1")
            .brokerSetting("socket.receive.buffer.bytes", "1048576")
            .build();

        assertThat(lines(new AckbenchTarget(ClusterLauncher.TCP_PROCESSES).resources(workload))).containsExactly(
            "broker JVMs: 5",
            "controller: 1 controller JVM beside 5 broker JVMs",
            "broker heap and GC: -Xms1G -Xmx1G -XX:+UseG1GC -XX:MaxGCPauseMillis=20 "
                + "-XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent",
            "request threads per broker: 1 duty-cycle thread: network I/O, requests, replication fetches and log "
                + "appends",
            "flush policy: forced (flush.messages=1, flush.ms=never)",
            "socket buffers: socket.send.buffer.bytes=-1 (the OS's default), socket.receive.buffer.bytes=1048576");
    }

    @Test
    void brokersInTheLoadGeneratorsJvm() {
        assertThat(lines(new AckbenchTarget(ClusterLauncher.IN_PROCESS).resources(DEFAULTS))).containsExactly(
            "broker JVMs: none: the 3 brokers run in the load generator's JVM",
            "controller: a thread in the load generator's JVM",
            "broker heap and GC: the load generator's JVM's",
            "request threads per broker: 1 duty-cycle thread shared by all 3 brokers: network I/O, requests, "
                + "replication fetches and log appends",
            "flush policy: never forced: page cache + replication (flush.messages=never, flush.ms=never)",
            "socket buffers: none: in-process rings");
        final Workload perBroker = Workload.builder().numRecords(1).brokerSetting("ackbench.broker.threads",
            "per-broker").build();
        assertThat(lines(new AckbenchTarget(ClusterLauncher.TCP).resources(perBroker))).contains(
            "request threads per broker: 1 duty-cycle thread: network I/O, requests, replication fetches and log "
                + "appends",
            "socket buffers: socket.send.buffer.bytes=102400, socket.receive.buffer.bytes=102400");
    }

    @Test
    void runningBrokersAreUnknown() {
        final AckbenchTarget running = new AckbenchTarget(ClusterLauncher.existing(
            List.of(new InetSocketAddress("127.0.0.1", 9092)), "ackbench"));

        assertThat(running.resources(DEFAULTS)).hasSize(TargetResource.values().length)
            .allSatisfy(line -> assertThat(line.value()).isEqualTo("unknown (a running cluster)"));
    }

    static List<String> lines(final List<ResourceLine> lines) {
        return lines.stream().map(line -> line.key() + ": " + line.value()).toList();
    }
}
