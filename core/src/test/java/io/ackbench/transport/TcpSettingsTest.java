package io.ackbench.transport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TcpSettingsTest {
    @Test
    void defaultsCarryTwoMebibyteFramesInBuffersOfTwo() {
        final TcpSettings settings = TcpSettings.defaults();

        assertThat(settings.maxFrameLength()).isEqualTo(2 * 1024 * 1024);
        assertThat(settings.sendBufferBytes()).isEqualTo(2 * (2 * 1024 * 1024 + 4));
        assertThat(settings.receiveBufferBytes()).isEqualTo(2 * (2 * 1024 * 1024 + 4));
        assertThat(settings.socketSendBufferBytes()).isEqualTo(TcpSettings.OS_DEFAULT);
        assertThat(settings.socketReceiveBufferBytes()).isEqualTo(TcpSettings.OS_DEFAULT);
    }

    @Test
    void withMethodsChangeOnlyTheirOwnSize() {
        final TcpSettings settings = TcpSettings.forMaxFrameLength(1000).withSendBufferBytes(5000)
            .withReceiveBufferBytes(6000).withSocketSendBufferBytes(7000).withSocketReceiveBufferBytes(8000);

        assertThat(settings.maxFrameLength()).isEqualTo(1000);
        assertThat(settings.sendBufferBytes()).isEqualTo(5000);
        assertThat(settings.receiveBufferBytes()).isEqualTo(6000);
        assertThat(settings.socketSendBufferBytes()).isEqualTo(7000);
        assertThat(settings.socketReceiveBufferBytes()).isEqualTo(8000);
    }

    @Test
    void bufferThatCannotHoldTheLargestFrameAndItsPrefixIsRefused() {
        assertThatThrownBy(() -> TcpSettings.forMaxFrameLength(1000).withSendBufferBytes(1003))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Invalid send buffer size 1003: must hold the largest frame plus its length prefix, 1004 bytes");
        assertThatThrownBy(() -> TcpSettings.forMaxFrameLength(1000).withReceiveBufferBytes(0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Invalid receive buffer size 0: must hold the largest frame plus its length prefix, 1004 bytes");
    }

    @Test
    void maxFrameLengthBelowTheHeaderIsRefused() {
        assertThatThrownBy(() -> TcpSettings.forMaxFrameLength(11))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Invalid max frame length 11: must be at least the 12-byte frame header");
    }

    @Test
    void maxFrameLengthWhoseBuffersOverflowIsRefused() {
        assertThatThrownBy(() -> TcpSettings.forMaxFrameLength(1 << 30))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Invalid max frame length 1073741824: 2 such frames do not fit a buffer");
    }

    @Test
    void socketBufferOfZeroOrBelowMinusOneIsRefused() {
        assertThatThrownBy(() -> TcpSettings.defaults().withSocketReceiveBufferBytes(0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Invalid SO_RCVBUF size 0: must be positive, or -1 for the operating system's default");
        assertThatThrownBy(() -> TcpSettings.defaults().withSocketSendBufferBytes(-2))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Invalid SO_SNDBUF size -2: must be positive, or -1 for the operating system's default");
    }

    @Test
    void clientSocketOptionsSetBothKernelBuffersAndTheClientId() {
        final TcpSettings settings = TcpSettings.defaults().with(new ClientSocketOptions("perf", 4096, -1));

        assertThat(settings.socketSendBufferBytes()).isEqualTo(4096);
        assertThat(settings.socketReceiveBufferBytes()).isEqualTo(TcpSettings.OS_DEFAULT);
        assertThat(settings.clientId()).isEqualTo("perf");
        assertThat(settings.maxFrameLength()).isEqualTo(TcpSettings.DEFAULT_MAX_FRAME_LENGTH);
    }
}
