package io.ackbench.partition;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KeyHashPartitionerTest {
    @Test
    void placesAKeyAtToPositiveOfItsHashModuloThePartitionCount() {
        final KeyHash negativeHash = (buffer, offset, length) -> -7; // toPositive(-7) = 0x7ffffff9 = 2147483641
        final KeyHashPartitioner partitioner = new KeyHashPartitioner(negativeHash, new RoundRobinPartitioner(0));
        final UnsafeBuffer key = KeyBuffers.offHeap(4);

        assertThat(partitioner.partition(key, 0, 4, 10)).isEqualTo(1);      // not Math.abs(-7) % 10 = 7
        assertThat(partitioner.partition(key, 0, 4, 100)).isEqualTo(41);
    }

    @Test
    void treatsAnEmptyKeyAsAKey() {
        final KeyHashPartitioner partitioner =
            new KeyHashPartitioner(Murmur2.INSTANCE, new RoundRobinPartitioner(5));

        // murmur2 of the empty array is 275646681; 275646681 % 12 = 9. Round-robin would have said 5.
        assertThat(partitioner.partition(KeyBuffers.offHeap(0), 0, 0, 12)).isEqualTo(9);
    }

    @Test
    void sendsRecordsWithoutAKeyToTheNullKeyPartitioner() {
        final KeyHashPartitioner partitioner =
            new KeyHashPartitioner(Murmur2.INSTANCE, new RoundRobinPartitioner(4));
        final UnsafeBuffer buffer = KeyBuffers.offHeap(8);

        assertThat(partitioner.partition(null, 0, -1, 6)).isEqualTo(4);
        assertThat(partitioner.partition(buffer, 0, -1, 6)).isEqualTo(5);  // negative length: no key
        assertThat(partitioner.partition(null, 0, 3, 6)).isEqualTo(0);     // null buffer: no key
    }

    @Test
    void usesUniformStickyForNullKeysByDefault() {
        assertThat(new KeyHashPartitioner(Murmur2.INSTANCE).nullKeyPartitioner())
            .isInstanceOf(UniformStickyPartitioner.class);
    }

    @Test
    void passesFeedbackAndConfigsToTheNullKeyPartitioner() {
        final UniformStickyPartitioner nullKey = new UniformStickyPartitioner(42L);
        final KeyHashPartitioner partitioner = new KeyHashPartitioner(Murmur2.INSTANCE, nullKey);
        partitioner.configure(Map.of("batch.size", "1000"));

        assertThat(nullKey.stickyBatchSize()).isEqualTo(1000);

        final int sticky = partitioner.partition(null, 0, -1, 1_000_000);
        partitioner.onAppend(sticky, 1999, false);
        assertThat(partitioner.partition(null, 0, -1, 1_000_000)).isEqualTo(sticky);
        partitioner.onAppend(sticky, 1, false); // 2000 bytes = 2 * batch.size: switch
        assertThat(partitioner.partition(null, 0, -1, 1_000_000)).isNotEqualTo(sticky);
    }
}
