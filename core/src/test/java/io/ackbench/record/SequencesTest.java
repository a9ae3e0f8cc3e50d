package io.ackbench.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;

import org.apache.kafka.common.record.internal.DefaultRecordBatch;
import org.junit.jupiter.api.Test;

class SequencesTest {
    private static final int MAX = Integer.MAX_VALUE;

    @Test
    void incrementWithoutWrapAdds() {
        assertThat(Sequences.increment(0, 0)).isEqualTo(0);
        assertThat(Sequences.increment(0, 1)).isEqualTo(1);
        assertThat(Sequences.increment(41, 9)).isEqualTo(50);
        assertThat(Sequences.increment(MAX - 5, 5)).isEqualTo(MAX);
        assertThat(Sequences.increment(MAX, 0)).isEqualTo(MAX);
    }

    @Test
    void incrementPastMaxValueWrapsToZero() {
        assertThat(Sequences.increment(MAX, 1)).isEqualTo(0);
        assertThat(Sequences.increment(MAX - 1, 2)).isEqualTo(0);
        assertThat(Sequences.increment(MAX - 1, 3)).isEqualTo(1);
        assertThat(Sequences.increment(MAX - 4, 9)).isEqualTo(4);
        assertThat(Sequences.increment(5, MAX)).isEqualTo(4);
        assertThat(Sequences.increment(MAX, MAX)).isEqualTo(MAX - 1);
    }

    @Test
    void decrementWithoutWrapSubtracts() {
        assertThat(Sequences.decrement(1, 1)).isEqualTo(0);
        assertThat(Sequences.decrement(50, 9)).isEqualTo(41);
        assertThat(Sequences.decrement(MAX, MAX)).isEqualTo(0);
        assertThat(Sequences.decrement(7, 0)).isEqualTo(7);
    }

    @Test
    void decrementBelowZeroWrapsToMaxValue() {
        assertThat(Sequences.decrement(0, 1)).isEqualTo(MAX);
        assertThat(Sequences.decrement(1, 2)).isEqualTo(MAX);
        assertThat(Sequences.decrement(0, 2)).isEqualTo(MAX - 1);
        assertThat(Sequences.decrement(4, 9)).isEqualTo(MAX - 4);
        assertThat(Sequences.decrement(4, MAX)).isEqualTo(5);
    }

    @Test
    void decrementUndoesIncrementAndBothMatchKafka() {
        final SplittableRandom random = new SplittableRandom(98);
        for (int i = 0; i < 100_000; i++) {
            // Half the cases sit near the wrap point, where the arithmetic can go wrong.
            final int sequence = (i & 1) == 0 ? random.nextInt(0, MAX) : MAX - random.nextInt(0, 1000);
            final int delta = (i & 2) == 0 ? random.nextInt(0, MAX) : random.nextInt(0, 2000);
            final int incremented = Sequences.increment(sequence, delta);
            final long modulus = (long) MAX + 1;
            assertThat(incremented).isEqualTo((int) ((sequence + (long) delta) % modulus))
                .isEqualTo(DefaultRecordBatch.incrementSequence(sequence, delta));
            assertThat(Sequences.decrement(incremented, delta)).isEqualTo(sequence);
            assertThat(Sequences.decrement(sequence, delta))
                .isEqualTo(DefaultRecordBatch.decrementSequence(sequence, delta));
        }
    }

    @Test
    void negativeOperandsAreRefused() {
        assertThatThrownBy(() -> Sequences.increment(RecordBatchLayout.NO_SEQUENCE, 1))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Sequence arithmetic needs a sequence and a delta in [0, 2147483647], got sequence -1 and delta 1");
        assertThatThrownBy(() -> Sequences.decrement(3, -2))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Sequence arithmetic needs a sequence and a delta in [0, 2147483647], got sequence 3 and delta -2");
    }
}
