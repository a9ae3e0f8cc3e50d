package io.ackbench.partition.example;

import io.ackbench.partition.Murmur2;
import io.ackbench.partition.PartitionMath;
import io.ackbench.partition.Partitioner;
import io.ackbench.partition.Partitioners;
import org.agrona.concurrent.UnsafeBuffer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TenantPrefixPartitionerTest {
    private static final int PARTITIONS = 12;

    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(128));

    private int partition(final Partitioner partitioner, final String key) {
        final byte[] bytes = key.getBytes(StandardCharsets.US_ASCII);
        buffer.putBytes(5, bytes);
        return partitioner.partition(buffer, 5, bytes.length, PARTITIONS);
    }

    private static int kafkaPartition(final String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.US_ASCII))) % PARTITIONS;
    }

    @Test
    void loadsByClassNameThroughPartitionerClass() {
        final Partitioner partitioner = Partitioners.create(
            Map.of("partitioner.class", TenantPrefixPartitioner.class.getName()));

        assertThat(partitioner).isInstanceOf(TenantPrefixPartitioner.class);
        assertThat(partition(partitioner, "acme:order-1")).isEqualTo(kafkaPartition("acme"));
    }

    @Test
    void placesEveryKeyOfOneTenantOnTheTenantsPartition() {
        final Partitioner partitioner = Partitioners.create(TenantPrefixPartitioner.class.getName(), Map.of());

        for (final String tenant : new String[]{"acme", "globex", "initech", "umbrella", ""}) {
            final int expected = kafkaPartition(tenant);
            for (int order = 0; order < 100; order++) {
                assertThat(partition(partitioner, tenant + ":order-" + order)).as("%s order %d", tenant, order)
                    .isEqualTo(expected);
            }
        }
    }

    @Test
    void hashesAKeyWithoutAColonWhole() {
        final Partitioner partitioner = new TenantPrefixPartitioner();

        assertThat(partition(partitioner, "foobar")).isEqualTo(6); // reference vector: murmur2("foobar") % 12
        assertThat(partition(partitioner, "no-separator-here")).isEqualTo(kafkaPartition("no-separator-here"));
    }

    @Test
    void splitsAtTheFirstColon() {
        final Partitioner partitioner = new TenantPrefixPartitioner();

        assertThat(partition(partitioner, "a:b:c")).isEqualTo(kafkaPartition("a"));
        assertThat(TenantPrefixPartitioner.tenantLength(buffer, 0, 0)).isZero();
        assertThat(PartitionMath.toPositive(Murmur2.INSTANCE.hash(buffer, 5, 1)) % PARTITIONS)
            .isEqualTo(kafkaPartition("a"));
    }

    @Test
    void placesRecordsWithoutAKeyOnAValidPartition() {
        final Partitioner partitioner = new TenantPrefixPartitioner();
        partitioner.configure(Map.of());

        final int partition = partitioner.partition(null, 0, -1, PARTITIONS);
        assertThat(partition).isBetween(0, PARTITIONS - 1);
        assertThat(partitioner.partition(null, 0, -1, PARTITIONS)).isEqualTo(partition); // sticky
    }
}
