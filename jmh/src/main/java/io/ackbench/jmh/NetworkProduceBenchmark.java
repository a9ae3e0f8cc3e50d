package io.ackbench.jmh;

import io.ackbench.broker.BrokerCluster;
import io.ackbench.broker.TcpCluster;
import io.ackbench.load.stages.StageRecorder;
import io.ackbench.producer.BatchStageListener;
import org.openjdk.jmh.annotations.Param;

import java.nio.file.Path;
import java.util.Map;

/**
 * {@link AbstractProduceBenchmark} over TCP loopback: each broker in this JVM on a port of its own, the producer a
 * TCP client of each, followers fetching over TCP, so every batch crosses the kernel's network stack twice more
 * than in {@link ProduceBenchmark} (producer to leader, leader to each follower). {@code stages} true records each
 * batch's stage latencies as produce-perf does (a {@link StageRecorder}); {@code -p stages=false,true} in one run is
 * the cost of that recording.
 */
public class NetworkProduceBenchmark extends AbstractProduceBenchmark {
    @Param({"false", "true"})
    public boolean stages;

    @Override
    protected BrokerCluster startCluster(final Map<String, String> brokerSettings, final Path dataDir) {
        return TcpCluster.start(brokerSettings, dataDir);
    }

    @Override
    protected BatchStageListener stageListener() {
        return stages ? new StageRecorder(System.nanoTime()) : null;
    }
}
