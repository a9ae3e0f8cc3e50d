package io.ackbench.kafka.broker;

import java.io.IOException;
import java.io.InputStream;

/**
 * Runs an Apache Kafka broker ({@code kafka.Kafka}, arguments passed unchanged: {@code server.properties}) in a JVM
 * that ends when its standard input does. The process that started the broker holds the write end of that pipe;
 * when it closes it, or dies in any way (even {@code kill -9}), the pipe reaches end of stream and this JVM halts,
 * so a broker never outlives the harness that started it.
 */
public final class KafkaBrokerLauncher {
    /** The broker was asked to stop (its parent closed the pipe or went away); not a failure. */
    static final int STOPPED_EXIT_CODE = 0;
    private static final int READ_BUFFER_BYTES = 256;

    private KafkaBrokerLauncher() {
    }

    public static void main(final String[] args) {
        final Thread watchdog = new Thread(KafkaBrokerLauncher::haltAtEndOfInput, "ackbench-stdin-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        kafka.Kafka.main(args);
    }

    /**
     * Halts rather than exits: the data of a harness-owned broker is thrown away, so Kafka's shutdown hook (a
     * controlled shutdown that can take seconds) is skipped on purpose.
     */
    private static void haltAtEndOfInput() {
        final InputStream in = System.in;
        final byte[] buffer = new byte[READ_BUFFER_BYTES];
        try {
            while (in.read(buffer) >= 0) {
                // Whatever the parent writes is ignored; only the end of the stream matters.
            }
        } catch (final IOException e) {
            // A broken pipe means the parent is gone just as surely as end of stream does.
        }
        Runtime.getRuntime().halt(STOPPED_EXIT_CODE);
    }
}
