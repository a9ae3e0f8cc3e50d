package io.ackbench.jmh;

import io.ackbench.broker.BrokerCluster;
import io.ackbench.broker.InProcessCluster;

import java.nio.file.Path;
import java.util.Map;

/** {@link AbstractProduceBenchmark} with producer and brokers joined by in-process rings. */
public class ProduceBenchmark extends AbstractProduceBenchmark {
    @Override
    protected BrokerCluster startCluster(final Map<String, String> brokerSettings, final Path dataDir) {
        return InProcessCluster.start(brokerSettings, dataDir);
    }
}
