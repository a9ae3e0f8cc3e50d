package io.ackbench.kafka;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LoopbackPortsTest {
    @Test
    void quietPortsAreDistinctFreeBelowTheEphemeralRangeAndAvoidWhatTheyAreTold() throws IOException {
        final Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        final int ephemeralLow = Files.isReadable(range)
            ? Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0]) : 32768;
        final List<Integer> first = LoopbackPorts.quiet(3, Set.of());

        final List<Integer> ports = LoopbackPorts.quiet(6, Set.copyOf(first));

        assertThat(ports).hasSize(6).doesNotHaveDuplicates().doesNotContainAnyElementsOf(first)
            .allSatisfy(port -> assertThat(port).isBetween(1024, ephemeralLow - 1));
        for (final int port : ports) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getByName(LoopbackPorts.HOST), port));
            }
        }
    }
}
