package io.ackbench.jmh;

import io.ackbench.broker.BrokerCluster;
import io.ackbench.broker.TcpCluster;

import java.nio.file.Path;
import java.util.Map;

/**
 * {@link AbstractProduceBenchmark} over TCP loopback: each broker in this JVM on a port of its own, the producer a
 * TCP client of each, followers fetching over TCP, so every batch crosses the kernel's network stack twice more
 * than in {@link ProduceBenchmark} (producer to leader, leader to each follower).
 */
public class NetworkProduceBenchmark extends AbstractProduceBenchmark {
    @Override
    protected BrokerCluster startCluster(final Map<String, String> brokerSettings, final Path dataDir) {
        return TcpCluster.start(brokerSettings, dataDir);
    }
}
