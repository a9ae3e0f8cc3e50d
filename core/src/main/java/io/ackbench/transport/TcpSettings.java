package io.ackbench.transport;

/**
 * Sizes for a {@link TcpEndpoint}'s connections, and the client id its handshakes carry. Each connection owns one
 * direct send buffer and one direct receive buffer of these sizes, allocated when it opens and reused for every
 * frame; a frame must fit whole, with its 4-byte length prefix, into either. The kernel's socket buffers
 * (SO_SNDBUF, SO_RCVBUF) are Kafka's {@code send.buffer.bytes} / {@code receive.buffer.bytes} at a client and
 * {@code socket.send.buffer.bytes} / {@code socket.receive.buffer.bytes} at a broker, -1 meaning the operating
 * system's default (and its auto-tuning), as in Kafka. Immutable: the {@code with} methods return a changed copy.
 */
public final class TcpSettings {
    /** The largest frame by default: the in-process network's limit, so both transports carry the same frames. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 2 * 1024 * 1024;
    /**
     * Frames of the largest size each buffer holds by default. Two let a broker queue a full fetch response behind
     * another while the peer is busy; more only cost memory at every accepted connection (two buffers each).
     */
    public static final int DEFAULT_FRAMES_PER_BUFFER = 2;
    /** A socket buffer size of this value leaves the operating system's default in place (Kafka's -1). */
    public static final int OS_DEFAULT = -1;

    private final int maxFrameLength;
    private final int sendBufferBytes;
    private final int receiveBufferBytes;
    private final int socketSendBufferBytes;
    private final int socketReceiveBufferBytes;
    private final String clientId;

    private TcpSettings(final int maxFrameLength, final int sendBufferBytes, final int receiveBufferBytes,
                        final int socketSendBufferBytes, final int socketReceiveBufferBytes, final String clientId) {
        if (maxFrameLength < FrameHeader.LENGTH) {
            throw new IllegalArgumentException("Invalid max frame length " + maxFrameLength
                + ": must be at least the " + FrameHeader.LENGTH + "-byte frame header");
        }
        final long smallestBuffer = (long) maxFrameLength + TcpEndpoint.LENGTH_PREFIX;
        checkBuffer("send", sendBufferBytes, smallestBuffer);
        checkBuffer("receive", receiveBufferBytes, smallestBuffer);
        checkSocketBuffer("SO_SNDBUF", socketSendBufferBytes);
        checkSocketBuffer("SO_RCVBUF", socketReceiveBufferBytes);
        Handshake.checkClientId(clientId);
        this.maxFrameLength = maxFrameLength;
        this.sendBufferBytes = sendBufferBytes;
        this.receiveBufferBytes = receiveBufferBytes;
        this.socketSendBufferBytes = socketSendBufferBytes;
        this.socketReceiveBufferBytes = socketReceiveBufferBytes;
        this.clientId = clientId;
    }

    /** 2 MiB frames, buffers of two such frames, the operating system's socket buffer sizes, no client id. */
    public static TcpSettings defaults() {
        return forMaxFrameLength(DEFAULT_MAX_FRAME_LENGTH);
    }

    /** Frames up to {@code maxFrameLength} bytes, buffers of {@link #DEFAULT_FRAMES_PER_BUFFER} such frames. */
    public static TcpSettings forMaxFrameLength(final int maxFrameLength) {
        final long buffer = ((long) maxFrameLength + TcpEndpoint.LENGTH_PREFIX) * DEFAULT_FRAMES_PER_BUFFER;
        if (buffer > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Invalid max frame length " + maxFrameLength + ": "
                + DEFAULT_FRAMES_PER_BUFFER + " such frames do not fit a buffer");
        }
        return new TcpSettings(maxFrameLength, (int) buffer, (int) buffer, OS_DEFAULT, OS_DEFAULT, "");
    }

    public TcpSettings withSendBufferBytes(final int bytes) {
        return new TcpSettings(maxFrameLength, bytes, receiveBufferBytes, socketSendBufferBytes,
            socketReceiveBufferBytes, clientId);
    }

    public TcpSettings withReceiveBufferBytes(final int bytes) {
        return new TcpSettings(maxFrameLength, sendBufferBytes, bytes, socketSendBufferBytes,
            socketReceiveBufferBytes, clientId);
    }

    /** @param bytes the kernel's SO_SNDBUF for every socket, or {@link #OS_DEFAULT} */
    public TcpSettings withSocketSendBufferBytes(final int bytes) {
        return new TcpSettings(maxFrameLength, sendBufferBytes, receiveBufferBytes, bytes, socketReceiveBufferBytes,
            clientId);
    }

    /** @param bytes the kernel's SO_RCVBUF for every socket, or {@link #OS_DEFAULT} */
    public TcpSettings withSocketReceiveBufferBytes(final int bytes) {
        return new TcpSettings(maxFrameLength, sendBufferBytes, receiveBufferBytes, socketSendBufferBytes, bytes,
            clientId);
    }

    /** Kafka's {@code client.id}: sent in each connection's handshake, named in the peer's log lines. */
    public TcpSettings withClientId(final String id) {
        return new TcpSettings(maxFrameLength, sendBufferBytes, receiveBufferBytes, socketSendBufferBytes,
            socketReceiveBufferBytes, id);
    }

    /** The kernel buffer sizes and client id of {@code options}, everything else as here. */
    public TcpSettings with(final ClientSocketOptions options) {
        return new TcpSettings(maxFrameLength, sendBufferBytes, receiveBufferBytes, options.sendBufferBytes(),
            options.receiveBufferBytes(), options.clientId());
    }

    public int maxFrameLength() {
        return maxFrameLength;
    }

    public int sendBufferBytes() {
        return sendBufferBytes;
    }

    public int receiveBufferBytes() {
        return receiveBufferBytes;
    }

    public int socketSendBufferBytes() {
        return socketSendBufferBytes;
    }

    public int socketReceiveBufferBytes() {
        return socketReceiveBufferBytes;
    }

    public String clientId() {
        return clientId;
    }

    private static void checkBuffer(final String which, final int bytes, final long smallest) {
        if (bytes < smallest) {
            throw new IllegalArgumentException("Invalid " + which + " buffer size " + bytes
                + ": must hold the largest frame plus its length prefix, " + smallest + " bytes");
        }
    }

    private static void checkSocketBuffer(final String option, final int bytes) {
        if (bytes <= 0 && bytes != OS_DEFAULT) {
            throw new IllegalArgumentException("Invalid " + option + " size " + bytes
                + ": must be positive, or " + OS_DEFAULT + " for the operating system's default");
        }
    }
}
