package io.ackbench.load.audit;

import io.ackbench.broker.BrokerConfig;
import io.ackbench.load.RecordId;
import io.ackbench.log.PartitionLog;
import io.ackbench.record.RecordBatchWriter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReplicaLogsTest {
    private static final int EPOCH = 0;

    @TempDir
    Path dataDir;

    private final BrokerConfig brokers = BrokerConfig.of(Map.of("num.partitions", "1"));

    @Test
    void replicasHoldingTheRecordsReadBackAgree() {
        for (int broker = 0; broker < 3; broker++) {
            write(broker, 1, 2, 3);
        }
        assertThat(ReplicaLogs.divergent(dataDir, brokers, Map.of(0, ids(1, 2, 3)))).isZero();
    }

    @Test
    void aReplicaWithAnotherRecordOrMissingOneIsCountedAtEachOffset() {
        write(0, 1, 2, 3);
        write(1, 1, 9, 3);  // another record at offset 1
        write(2, 1);        // offsets 1 and 2 missing
        assertThat(ReplicaLogs.divergent(dataDir, brokers, Map.of(0, ids(1, 2, 3)))).isEqualTo(3);
    }

    @Test
    void recordsAboveTheHighWatermarkAreNotCompared() {
        write(0, 1, 2, 3);
        write(1, 1, 2, 7);
        write(2, 1, 2);
        assertThat(ReplicaLogs.divergent(dataDir, brokers, Map.of(0, ids(1, 2)))).isZero();
    }

    @Test
    void aDataDirectoryWithoutAckbenchBrokersIsNotCompared() {
        assertThat(ReplicaLogs.divergent(dataDir.resolve("kafka"), brokers, Map.of(0, ids(1)))).isEqualTo(-1);
    }

    /** Broker {@code broker}'s log of partition 0 with one record per index, each its thread-0 record id. */
    private void write(final int broker, final long... indexes) {
        final UnsafeBuffer scratch = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));
        final UnsafeBuffer value = new UnsafeBuffer(new byte[RecordId.LENGTH]);
        try (PartitionLog log = PartitionLog.open(dataDir.resolve("broker-" + broker)
            .resolve(brokers.layout().topic() + "-0"), brokers.log())) {
            for (final long index : indexes) {
                final RecordBatchWriter writer = new RecordBatchWriter().wrap(scratch, 0, scratch.capacity());
                RecordId.write(value, RecordId.of(0, index));
                writer.append(0, null, 0, -1, value, 0, RecordId.LENGTH, null);
                log.appendAsLeader(scratch, 0, writer.seal(), EPOCH);
            }
        }
    }

    private static List<Long> ids(final long... indexes) {
        return java.util.Arrays.stream(indexes).mapToObj(i -> RecordId.of(0, i)).toList();
    }
}
