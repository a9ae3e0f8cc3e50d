package io.ackbench.load;

/**
 * The words both targets use for what their brokers run with, so that equal settings read the same on either side of
 * a report. A setting that has no limit ({@link Long#MAX_VALUE}, as both systems' flush settings by default) reads
 * {@value #NEVER}; a socket buffer of -1 is the operating system's default in both.
 */
public final class ResourceText {
    static final String NEVER = "never";
    private static final int OS_DEFAULT_BUFFER = -1;

    private ResourceText() {
    }

    /** {@code N controller JVM beside ...}: a controller in a process of its own. */
    public static String controllerJvm(final int brokers) {
        return "1 controller JVM beside " + brokers + " broker JVM" + (brokers == 1 ? "" : "s");
    }

    /**
     * When the log is forced: never by default, durability then coming from the page cache and replication.
     *
     * @param messages forced every this many messages; {@link Long#MAX_VALUE} for never
     * @param millis forced when the oldest unforced message is this old; {@link Long#MAX_VALUE} for never
     */
    public static String flushPolicy(final String messagesKey, final long messages, final String millisKey,
                                     final long millis) {
        final String settings = "(" + messagesKey + "=" + limit(messages) + ", " + millisKey + "=" + limit(millis)
            + ")";
        return messages == Long.MAX_VALUE && millis == Long.MAX_VALUE
            ? "never forced: page cache + replication " + settings
            : "forced " + settings;
    }

    /** Both buffers by Kafka's broker setting names, which ackbench's brokers share. */
    public static String socketBuffers(final int sendBytes, final int receiveBytes) {
        return "socket.send.buffer.bytes=" + buffer(sendBytes) + ", socket.receive.buffer.bytes="
            + buffer(receiveBytes);
    }

    private static String limit(final long value) {
        return value == Long.MAX_VALUE ? NEVER : Long.toString(value);
    }

    private static String buffer(final int bytes) {
        return bytes == OS_DEFAULT_BUFFER ? "-1 (the OS's default)" : Integer.toString(bytes);
    }
}
