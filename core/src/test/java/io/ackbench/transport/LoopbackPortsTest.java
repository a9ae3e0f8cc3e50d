package io.ackbench.transport;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoopbackPortsTest {
    @Test
    void quietPortsAreDistinctFreeBelowTheEphemeralRangeAndAvoidWhatTheyAreTold() throws IOException {
        final Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        final int ephemeralLow = LoopbackPorts.ephemeralLow(Files.isReadable(range) ? Files.readString(range) : null);
        final List<Integer> first = LoopbackPorts.quiet(3, Set.of());

        final List<Integer> ports = LoopbackPorts.quiet(6, Set.copyOf(first));

        assertThat(ports).hasSize(6).doesNotHaveDuplicates().doesNotContainAnyElementsOf(first)
            .allSatisfy(port -> assertThat(port).isBetween(Math.max(LoopbackPorts.LOWEST,
                ephemeralLow - LoopbackPorts.SPAN), ephemeralLow - 1));
        for (final int port : ports) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(LoopbackPorts.host(), port));
            }
        }
    }

    @Test
    void theEphemeralRangeStartsAtItsFirstNumberOrAtLinuxsDefault() {
        assertThat(LoopbackPorts.ephemeralLow("32768\t60999\n")).isEqualTo(32768);
        assertThat(LoopbackPorts.ephemeralLow("49152 65535")).isEqualTo(49152);
        assertThat(LoopbackPorts.ephemeralLow(null)).isEqualTo(LoopbackPorts.DEFAULT_EPHEMERAL_LOW);
        assertThat(LoopbackPorts.ephemeralLow("")).isEqualTo(LoopbackPorts.DEFAULT_EPHEMERAL_LOW);
        assertThat(LoopbackPorts.ephemeralLow("low high")).isEqualTo(LoopbackPorts.DEFAULT_EPHEMERAL_LOW);
    }

    @Test
    void aPortInUseIsReportedWithWhatItWasWantedFor() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(LoopbackPorts.host(), 0));
            final int port = taken.getLocalPort();

            assertThatThrownBy(() -> LoopbackPorts.requireFree(port, "broker 1's listener"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Port " + port + " on 127.0.0.1, wanted for broker 1's listener, is already in use");
        }
    }

    @Test
    void aReservedPortRefusesConnectionsAndIsFreeAgainOnceReleased() throws IOException {
        final int port = LoopbackPorts.quiet(1, Set.of()).get(0);

        final Socket reserved = LoopbackPorts.reserve(port);

        assertThat(reserved).isNotNull();
        assertThat(LoopbackPorts.reserve(port)).isNull();
        assertThatThrownBy(() -> LoopbackPorts.requireFree(port, "a restarted broker")).isInstanceOf(IOException.class);
        try (Socket client = new Socket()) {
            assertThatThrownBy(() -> client.connect(new InetSocketAddress(LoopbackPorts.host(), port), 2_000))
                .isInstanceOf(IOException.class);
        }
        LoopbackPorts.closeQuietly(reserved);
        LoopbackPorts.requireFree(port, "a restarted broker");
    }
}
