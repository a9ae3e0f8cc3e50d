package io.ackbench.record;

/**
 * Kafka's producer sequence arithmetic (kafka-semantics.md §5.2): sequences run from 0 to {@link Integer#MAX_VALUE} and
 * wrap to 0, so {@code increment(Integer.MAX_VALUE, 1) == 0} and {@code decrement(0, 1) == Integer.MAX_VALUE}.
 * A batch's last sequence is {@code increment(baseSequence, lastOffsetDelta)}.
 *
 * <p>Both operands must lie in {@code [0, Integer.MAX_VALUE]}; {@link RecordBatchLayout#NO_SEQUENCE} is not a
 * sequence, so callers handle batches without one before they get here.
 */
public final class Sequences {
    private Sequences() {
    }

    /**
     * @param sequence a sequence in {@code [0, Integer.MAX_VALUE]}
     * @param delta    how far to move forward, in {@code [0, Integer.MAX_VALUE]}
     * @return {@code sequence + delta}, wrapped past {@link Integer#MAX_VALUE} to 0
     * @throws IllegalArgumentException if either operand is negative
     */
    public static int increment(int sequence, int delta) {
        checkOperands(sequence, delta);
        if (sequence > Integer.MAX_VALUE - delta) {
            return delta - (Integer.MAX_VALUE - sequence) - 1;
        }
        return sequence + delta;
    }

    /**
     * @param sequence a sequence in {@code [0, Integer.MAX_VALUE]}
     * @param delta    how far to move back, in {@code [0, Integer.MAX_VALUE]}
     * @return {@code sequence - delta}, wrapped below 0 to {@link Integer#MAX_VALUE}
     * @throws IllegalArgumentException if either operand is negative
     */
    public static int decrement(int sequence, int delta) {
        checkOperands(sequence, delta);
        if (sequence < delta) {
            return Integer.MAX_VALUE - delta + sequence + 1;
        }
        return sequence - delta;
    }

    private static void checkOperands(int sequence, int delta) {
        if ((sequence | delta) < 0) {
            throw new IllegalArgumentException("Sequence arithmetic needs a sequence and a delta in [0, "
                + Integer.MAX_VALUE + "], got sequence " + sequence + " and delta " + delta);
        }
    }
}
