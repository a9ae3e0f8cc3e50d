package io.ackbench.partition;

/**
 * Kafka's arithmetic for turning a signed int into a partition index.
 */
public final class PartitionMath {
    private PartitionMath() {
    }

    /**
     * Kafka's {@code Utils.toPositive}: clears the sign bit. Not {@link Math#abs}, which differs for every negative
     * number and returns a negative value for {@link Integer#MIN_VALUE}.
     *
     * @param value any int.
     * @return {@code value & 0x7fffffff}.
     */
    public static int toPositive(final int value) {
        return value & 0x7fffffff;
    }
}
