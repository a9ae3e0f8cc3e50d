package io.ackbench.transport;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HandshakeTest {
    private static final int AT = 5;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[Handshake.MAX_LENGTH + 2 * AT]);

    @Test
    void encodedHandshakeNamesTheNodeAndCarriesTheClientId() {
        assertThat(Handshake.encode(buffer, AT, 201, "perf-é")).isEqualTo(14 + 7);

        assertThat(Handshake.problem(buffer, AT, 21)).isNull();
        assertThat(Handshake.nodeId(buffer, AT)).isEqualTo(201);
        assertThat(Handshake.clientId(buffer, AT)).isEqualTo("perf-é");
        assertThat(FrameHeader.type(buffer, AT)).isEqualTo(FrameHeader.HANDSHAKE);
        assertThat(FrameHeader.correlationId(buffer, AT)).isEqualTo(Handshake.MAGIC);
    }

    @Test
    void emptyClientIdMakesTheShortestHandshake() {
        assertThat(Handshake.encode(buffer, AT, 3, "")).isEqualTo(Handshake.MIN_LENGTH).isEqualTo(14);
        assertThat(Handshake.problem(buffer, AT, Handshake.MIN_LENGTH)).isNull();
        assertThat(Handshake.clientId(buffer, AT)).isEmpty();
    }

    @Test
    void clientIdLongerThanTheLimitIsRefused() {
        assertThat(Handshake.encode(buffer, AT, 3, "x".repeat(255))).isEqualTo(Handshake.MAX_LENGTH);
        assertThatThrownBy(() -> Handshake.encode(buffer, AT, 3, "x".repeat(256)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("Client id of 256 bytes in UTF-8 is longer than 255: xxx");
    }

    @Test
    void eachWayOfNotBeingAHandshakeIsNamed() {
        Handshake.encode(buffer, AT, 1, "");
        assertThat(Handshake.problem(buffer, AT, 13)).isEqualTo("first frame of 13 bytes is not a handshake of 14 to 269 bytes");
        assertThat(Handshake.problem(buffer, AT, 270)).isEqualTo("first frame of 270 bytes is not a handshake of 14 to 269 bytes");

        buffer.putShort(AT + FrameHeader.TYPE_OFFSET, FrameHeader.PRODUCE_REQUEST);
        assertThat(Handshake.problem(buffer, AT, 14)).isEqualTo("first frame has type 1, not the handshake type 7");

        Handshake.encode(buffer, AT, 1, "");
        buffer.putShort(AT + FrameHeader.VERSION_OFFSET, (short) 3);
        assertThat(Handshake.problem(buffer, AT, 14)).isEqualTo("handshake version 3 is not the supported version 0");

        Handshake.encode(buffer, AT, 1, "");
        buffer.putInt(AT + FrameHeader.CORRELATION_ID_OFFSET, 0x1234);
        assertThat(Handshake.problem(buffer, AT, 14)).isEqualTo("handshake magic 0x1234 is not 0x41434b42");

        Handshake.encode(buffer, AT, 256, "");
        assertThat(Handshake.problem(buffer, AT, 14)).isEqualTo("handshake node id 256 is outside [0, 256)");

        Handshake.encode(buffer, AT, 1, "abc");
        assertThat(Handshake.problem(buffer, AT, 18))
            .isEqualTo("handshake client id length 3 does not match the 4 bytes that follow it");
    }
}
