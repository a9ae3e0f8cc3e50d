package io.ackbench.kafka;

import io.ackbench.transport.LoopbackPorts;

import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An embedded broker's JMX agent on {@value LoopbackPorts#HOST}: the JDK's own agent, which {@link KafkaJvm} switches
 * on with its registry and RMI server on one port, no authentication and no TLS (loopback only). Cold path.
 */
final class BrokerJmx {
    /** A paused broker accepts the connection and answers nothing; a read gives up after this. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private BrokerJmx() {
    }

    static JMXServiceURL url(final int port) {
        try {
            return new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + LoopbackPorts.HOST + ":" + port + "/jmxrmi");
        } catch (final java.net.MalformedURLException e) {
            throw new IllegalArgumentException("No JMX URL for port " + port, e);
        }
    }

    /**
     * The broker's Produce request histograms ({@link ProduceRequestMetrics#read}), through a connection of their own
     * that is closed again, on a daemon thread so that a broker that does not answer costs {@code timeout}.
     *
     * @throws IOException when the broker cannot be reached, does not answer in time or the read fails
     */
    static Map<String, RequestHistogram> readProduce(final int port, final Duration timeout)
        throws IOException, InterruptedException {
        final FutureTask<Map<String, RequestHistogram>> read = new FutureTask<>(() -> {
            try (JMXConnector connector = JMXConnectorFactory.connect(url(port))) {
                return ProduceRequestMetrics.read(connector.getMBeanServerConnection());
            }
        });
        final Thread reader = new Thread(read, "ackbench-kafka-jmx-" + port);
        reader.setDaemon(true);
        reader.start();
        try {
            return read.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final TimeoutException e) {
            read.cancel(true);
            throw new IOException("no answer over JMX on port " + port + " within " + timeout.toMillis() + " ms", e);
        } catch (final ExecutionException e) {
            throw new IOException("JMX on port " + port + ": " + e.getCause(), e.getCause());
        }
    }
}
