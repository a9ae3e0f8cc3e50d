package io.ackbench.partition;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

import static io.ackbench.partition.KeyBuffers.ascii;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Murmur2Test {
    private static final int RANDOM_KEYS = 100_000;
    private static final int MAX_KEY_LENGTH = 300;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // key, murmur2, %3, %6, %12 (reference section 2.2; murmur2 values from Kafka's UtilsTest.testMurmur2)
        "21, -973932308, 0, 0, 0",
        "foobar, -790332482, 0, 0, 6",
        "a-little-bit-long-string, -985981536, 2, 2, 8",
        "a-little-bit-longer-string, -1486304829, 2, 5, 11",
        "lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8, -58897971, 2, 5, 5",
        "abc, 479470107, 0, 3, 3",
    })
    void hashesAndPartitionsTheReferenceVectors(
        final String key, final int murmur2, final int mod3, final int mod6, final int mod12) {
        final UnsafeBuffer buffer = KeyBuffers.unalignedOffHeap(ascii(key));
        final int length = key.length();

        assertThat(Murmur2.INSTANCE.hash(buffer, KeyBuffers.UNALIGNED_OFFSET, length)).isEqualTo(murmur2);

        final KeyHashPartitioner partitioner = new KeyHashPartitioner(Murmur2.INSTANCE);
        assertThat(partitioner.partition(buffer, KeyBuffers.UNALIGNED_OFFSET, length, 3)).isEqualTo(mod3);
        assertThat(partitioner.partition(buffer, KeyBuffers.UNALIGNED_OFFSET, length, 6)).isEqualTo(mod6);
        assertThat(partitioner.partition(buffer, KeyBuffers.UNALIGNED_OFFSET, length, 12)).isEqualTo(mod12);
    }

    @Test
    void hashesTheExtraReferenceValues() {
        assertThat(Murmur2.INSTANCE.hash(KeyBuffers.unalignedOffHeap(ascii("k")), 3, 1)).isEqualTo(-1567496736);
        assertThat(Murmur2.INSTANCE.hash(KeyBuffers.unalignedOffHeap(ascii("key")), 3, 3)).isEqualTo(-1079937367);
        assertThat(Murmur2.INSTANCE.hash(KeyBuffers.offHeap(0), 0, 0)).isEqualTo(275646681);
        assertThat(Murmur2.INSTANCE.hash(KeyBuffers.onHeap(16), 16, 0)).isEqualTo(275646681);
    }

    @Test
    void matchesKafkaOnRandomKeysAtUnalignedOffsetsOffHeapAndOnHeap() {
        final SplittableRandom random = new SplittableRandom(20241025L);
        final int capacity = MAX_KEY_LENGTH + 8;
        final UnsafeBuffer offHeap = KeyBuffers.offHeap(capacity);
        final UnsafeBuffer onHeap = KeyBuffers.onHeap(capacity);
        final int[] lengthsSeen = new int[MAX_KEY_LENGTH + 1];

        for (int i = 0; i < RANDOM_KEYS; i++) {
            final int length = random.nextInt(MAX_KEY_LENGTH + 1);
            final int offset = random.nextInt(8); // every alignment mod 8
            final byte[] key = new byte[length];
            random.nextBytes(key);
            offHeap.putBytes(offset, key);
            onHeap.putBytes(offset, key);

            final int expected = Utils.murmur2(key);
            assertThat(Murmur2.INSTANCE.hash(offHeap, offset, length)).as("off heap, key %d", i).isEqualTo(expected);
            assertThat(Murmur2.INSTANCE.hash(onHeap, offset, length)).as("on heap, key %d", i).isEqualTo(expected);
            lengthsSeen[length]++;
        }

        assertThat(lengthsSeen).doesNotContain(0); // every length 0..300 was exercised
    }

    @Test
    void readsKeysFromEveryKindOfAgronaBuffer() {
        final byte[] key = ascii("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8");
        final int expected = -58897971;
        final DirectBuffer[] buffers = {
            new ExpandableArrayBuffer(64),
            new ExpandableDirectByteBuffer(64),
            new UnsafeBuffer(ByteBuffer.allocate(64)),
            new UnsafeBuffer(ByteBuffer.allocate(80).position(9).slice()), // heap buffer with an array offset
        };

        for (final DirectBuffer buffer : buffers) {
            ((MutableDirectBuffer)buffer).putBytes(5, key);
            assertThat(Murmur2.INSTANCE.hash(buffer, 5, key.length)).as(buffer.getClass().getSimpleName())
                .isEqualTo(expected);
        }
    }

    @Test
    void rejectsAKeyOutsideTheBuffer() {
        final UnsafeBuffer buffer = KeyBuffers.offHeap(8);

        assertThatThrownBy(() -> Murmur2.INSTANCE.hash(buffer, 5, 4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Murmur2.INSTANCE.hash(buffer, -1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
