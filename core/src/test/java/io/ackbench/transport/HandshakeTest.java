package io.ackbench.transport;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HandshakeTest {
    private static final int AT = 5;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);

    @Test
    void encodedHandshakeNamesTheNode() {
        assertThat(Handshake.encode(buffer, AT, 201)).isEqualTo(Handshake.LENGTH).isEqualTo(12);

        assertThat(Handshake.problem(buffer, AT, Handshake.LENGTH)).isNull();
        assertThat(Handshake.nodeId(buffer, AT)).isEqualTo(201);
        assertThat(FrameHeader.type(buffer, AT)).isEqualTo(FrameHeader.HANDSHAKE);
        assertThat(FrameHeader.correlationId(buffer, AT)).isEqualTo(Handshake.MAGIC);
    }

    @Test
    void eachWayOfNotBeingAHandshakeIsNamed() {
        Handshake.encode(buffer, AT, 1);
        assertThat(Handshake.problem(buffer, AT, 13)).isEqualTo("first frame of 13 bytes is not a 12-byte handshake");

        buffer.putShort(AT + FrameHeader.TYPE_OFFSET, FrameHeader.PRODUCE_REQUEST);
        assertThat(Handshake.problem(buffer, AT, 12)).isEqualTo("first frame has type 1, not the handshake type 7");

        Handshake.encode(buffer, AT, 1);
        buffer.putShort(AT + FrameHeader.VERSION_OFFSET, (short) 3);
        assertThat(Handshake.problem(buffer, AT, 12)).isEqualTo("handshake version 3 is not the supported version 0");

        Handshake.encode(buffer, AT, 1);
        buffer.putInt(AT + FrameHeader.CORRELATION_ID_OFFSET, 0x1234);
        assertThat(Handshake.problem(buffer, AT, 12)).isEqualTo("handshake magic 0x1234 is not 0x41434b42");

        Handshake.encode(buffer, AT, 256);
        assertThat(Handshake.problem(buffer, AT, 12)).isEqualTo("handshake node id 256 is outside [0, 256)");
    }
}
