package io.ackbench.kafka;

import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The brokers' Produce request counts at the measurement start, taken by a daemon thread of its own: it connects to
 * every broker's JMX agent at once (a connection takes longer than a read), waits for the start, reads each count
 * and disconnects. Kafka's histograms cannot be reset, so these counts are what a breakdown subtracts to say how
 * many requests the measurement saw.
 */
final class StartCounts implements Runnable {
    private final int[] jmxPorts;
    private final long startNanos;
    /**
     * Broker N's counts, index N, empty where none was taken; written by the counting thread before it ends, read
     * by {@link #await} after joining it (the join orders the writes before the reads).
     */
    private final List<Map<String, Long>> counts;
    private final Thread thread;

    private StartCounts(final int[] jmxPorts, final long startNanos) {
        this.jmxPorts = jmxPorts.clone();
        this.startNanos = startNanos;
        this.counts = new ArrayList<>(jmxPorts.length);
        for (int node = 0; node < jmxPorts.length; node++) {
            counts.add(Map.of());
        }
        this.thread = new Thread(this, "ackbench-kafka-start-counts");
        thread.setDaemon(true);
    }

    /** Starts counting at {@code startNanos} ({@link System#nanoTime()}; now if it has passed). */
    static StartCounts start(final int[] jmxPorts, final long startNanos) {
        final StartCounts startCounts = new StartCounts(jmxPorts, startNanos);
        startCounts.thread.start();
        return startCounts;
    }

    @Override
    public void run() {
        final JMXConnector[] connectors = new JMXConnector[jmxPorts.length];
        try {
            for (int node = 0; node < jmxPorts.length; node++) {
                try {
                    connectors[node] = JMXConnectorFactory.connect(BrokerJmx.url(jmxPorts[node]));
                } catch (final IOException e) {
                    connectors[node] = null; // the breakdown says its count runs from the broker's start
                }
            }
            long wait;
            while ((wait = startNanos - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            for (int node = 0; node < jmxPorts.length; node++) {
                if (connectors[node] != null) {
                    counts.set(node, countsOf(connectors[node]));
                }
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt(); // the cluster closed before the start: nothing to count
        } finally {
            for (final JMXConnector connector : connectors) {
                close(connector);
            }
        }
    }

    /**
     * Broker N's counts, index N, empty for a broker not counted; all empty when the counting has not finished
     * within {@code timeout}.
     */
    List<Map<String, Long>> await(final Duration timeout) throws InterruptedException {
        thread.join(Math.max(1, timeout.toMillis()));
        if (thread.isAlive()) {
            final List<Map<String, Long>> none = new ArrayList<>();
            for (int node = 0; node < jmxPorts.length; node++) {
                none.add(Map.of());
            }
            return none;
        }
        return List.copyOf(counts);
    }

    void cancel() {
        thread.interrupt();
    }

    private static Map<String, Long> countsOf(final JMXConnector connector) {
        try {
            final Map<String, Long> byName = new HashMap<>();
            ProduceRequestMetrics.read(connector.getMBeanServerConnection())
                .forEach((name, histogram) -> byName.put(name, histogram.count()));
            return byName;
        } catch (final IOException | IllegalStateException e) {
            return Map.of();
        }
    }

    private static void close(final JMXConnector connector) {
        if (connector != null) {
            try {
                connector.close();
            } catch (final IOException e) {
                // The broker went away; the connection is gone with it.
            }
        }
    }
}
