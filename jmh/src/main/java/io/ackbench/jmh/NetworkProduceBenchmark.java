package io.ackbench.jmh;

import io.ackbench.broker.BrokerCluster;
import io.ackbench.broker.TcpCluster;
import io.ackbench.load.stages.StageRecorder;
import io.ackbench.producer.BatchStageListener;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@link AbstractProduceBenchmark} over TCP loopback: each broker in this JVM on a port of its own, the producer a
 * TCP client of each, followers fetching over TCP, so every batch crosses the kernel's network stack twice more
 * than in {@link ProduceBenchmark} (producer to leader, leader to each follower). {@code stages} true records each
 * batch's stage latencies as produce-perf does (a {@link StageRecorder}) from the first measurement iteration on, and
 * prints the trial's stage table at its end; {@code -p stages=false,true} in one run is the cost of that recording.
 */
public class NetworkProduceBenchmark extends AbstractProduceBenchmark {
    @Param({"false", "true"})
    public boolean stages;

    @Override
    protected BrokerCluster startCluster(final Map<String, String> brokerSettings, final Path dataDir) {
        return TcpCluster.start(brokerSettings, dataDir);
    }

    /** The trial's recorder when {@link #stages}, else null; made at the trial's setup, read at its end. */
    private StageRecorder recorder;
    private boolean measuring;

    @Override
    protected BatchStageListener stageListener() {
        // Counts nothing until the measurement moves its start: 2^62 ns (146 years) ahead, compared by difference.
        recorder = stages ? new StageRecorder(System.nanoTime() + (1L << 62)) : null;
        measuring = false;
        return recorder;
    }

    /** The warm-up iterations' records stay out of the table: it counts from the first measured iteration. */
    @Setup(Level.Iteration)
    public void countStagesFromTheMeasurement(final IterationParams iteration) {
        if (recorder != null && !measuring && iteration.getType() == IterationType.MEASUREMENT) {
            measuring = true;
            recorder.measureFrom(System.nanoTime());
        }
    }

    @TearDown(Level.Trial)
    public void printStages() {
        if (recorder != null) {
            StageRecorder.breakdown(List.of(recorder)).tableLines().forEach(System.out::println);
        }
    }
}
