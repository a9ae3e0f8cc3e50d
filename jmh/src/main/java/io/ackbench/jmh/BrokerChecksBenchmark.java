package io.ackbench.jmh;

import io.ackbench.broker.BrokerCluster;
import io.ackbench.broker.BrokerConfig;
import io.ackbench.broker.TcpCluster;
import io.ackbench.log.LogConfig;
import org.openjdk.jmh.annotations.Param;

import java.nio.file.Path;
import java.util.Map;

/**
 * What each per-batch check the broker does as Kafka's does costs end to end: {@link NetworkProduceBenchmark}'s
 * cluster (3 brokers over TCP loopback, replication factor 3) with the checks as {@code checks} says, all in one run
 * so that the ratios are measured side by side.
 * <ul>
 * <li>{@code kafka}: every check on, the broker's default, Kafka's work per batch;</li>
 * <li>{@code no-follower-crc}: followers append fetched batches without checking their CRC-32C
 *     ({@value BrokerConfig#REPLICA_VERIFY_CRC}=false);</li>
 * <li>{@code no-record-validation}: the leader checks the batch header and CRC but walks no record
 *     ({@value BrokerConfig#VALIDATE_RECORDS}=false);</li>
 * <li>{@code no-time-index}: no {@code .timeindex} is kept ({@value LogConfig#TIME_INDEX}=false);</li>
 * <li>{@code none}: all three off, the broker as it was before it did Kafka's work.</li>
 * </ul>
 * One check's cost is {@code kafka} over {@code no-CHECK}. The question is the maximum rate, so run it unbounded,
 * keyless, without stage recording, logs on tmpfs, 3 forks (docs/measuring.md, "What the broker's checks cost"):
 * {@code -p acks=all -p minInsync=2 -p keyed=false -p rate=0 -p stages=false -p dir=/dev/shm/ackbench-checks -f 3}.
 */
public class BrokerChecksBenchmark extends AbstractProduceBenchmark {
    @Param({"kafka", "no-follower-crc", "no-record-validation", "no-time-index", "none"})
    public String checks;

    @Override
    protected BrokerCluster startCluster(final Map<String, String> brokerSettings, final Path dataDir) {
        return TcpCluster.start(brokerSettings, dataDir);
    }

    @Override
    protected Map<String, String> brokerWork() {
        return switch (checks) {
            case "kafka" -> Map.of();
            case "no-follower-crc" -> Map.of(BrokerConfig.REPLICA_VERIFY_CRC, "false");
            case "no-record-validation" -> Map.of(BrokerConfig.VALIDATE_RECORDS, "false");
            case "no-time-index" -> Map.of(LogConfig.TIME_INDEX, "false");
            case "none" -> Map.of(BrokerConfig.REPLICA_VERIFY_CRC, "false", BrokerConfig.VALIDATE_RECORDS, "false",
                LogConfig.TIME_INDEX, "false");
            default -> throw new IllegalArgumentException("checks is '" + checks + "'; it must be kafka, "
                + "no-follower-crc, no-record-validation, no-time-index or none");
        };
    }
}
