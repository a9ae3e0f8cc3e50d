package io.ackbench.load;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Every record the load generator sends carries its identity in the first {@value #LENGTH} bytes of its value (when
 * the value has room): the producing thread's index and the record's index in that thread's schedule, warm-up
 * included, so a test reading a topic back can tell a lost or duplicated record from a delivered one. The rest of
 * the value is the workload's seeded random bytes.
 */
public final class RecordId {
    /** Where the id sits in the value. */
    public static final int OFFSET = 0;
    /** A big-endian long: the thread in the top {@value #THREAD_BITS} bits, the record's index below. */
    public static final int LENGTH = Long.BYTES;
    /** Where the intended send time sits in the value, when {@link #fitsIntendedNanos} says it has room. */
    public static final int INTENDED_NANOS_OFFSET = OFFSET + LENGTH;
    private static final int THREAD_BITS = 16;
    private static final int INDEX_BITS = Long.SIZE - THREAD_BITS;
    private static final long INDEX_MASK = (1L << INDEX_BITS) - 1;

    private RecordId() {
    }

    /** Whether values of this length carry an id. */
    public static boolean fits(final int valueLength) {
        return valueLength >= OFFSET + LENGTH;
    }

    /** Whether values of this length carry the intended send time after the id. */
    public static boolean fitsIntendedNanos(final int valueLength) {
        return valueLength >= INTENDED_NANOS_OFFSET + Long.BYTES;
    }

    public static void writeIntendedNanos(final MutableDirectBuffer value, final long intendedNanos) {
        value.putLong(INTENDED_NANOS_OFFSET, intendedNanos, ByteOrder.BIG_ENDIAN);
    }

    /** The intended send time in a value read back at {@code offset} of {@code buffer}. */
    public static long readIntendedNanos(final DirectBuffer buffer, final int valueOffset) {
        return buffer.getLong(valueOffset + INTENDED_NANOS_OFFSET, ByteOrder.BIG_ENDIAN);
    }

    /** The id at the start of a value read back at {@code offset} of {@code buffer}. */
    public static long read(final DirectBuffer buffer, final int valueOffset) {
        return buffer.getLong(valueOffset + OFFSET, ByteOrder.BIG_ENDIAN);
    }

    public static long of(final int thread, final long index) {
        return ((long) thread << INDEX_BITS) | (index & INDEX_MASK);
    }

    public static void write(final MutableDirectBuffer value, final long id) {
        value.putLong(OFFSET, id, ByteOrder.BIG_ENDIAN);
    }

    public static long read(final DirectBuffer value) {
        return value.getLong(OFFSET, ByteOrder.BIG_ENDIAN);
    }

    /** The id at the start of a value read back as bytes (by a Kafka consumer, say). */
    public static long read(final byte[] value) {
        long id = 0;
        for (int i = OFFSET; i < OFFSET + LENGTH; i++) {
            id = (id << Byte.SIZE) | (value[i] & 0xFF);
        }
        return id;
    }

    public static int thread(final long id) {
        return (int) (id >>> INDEX_BITS);
    }

    public static long index(final long id) {
        return id & INDEX_MASK;
    }

    /** "thread T, record I": for messages naming a record. */
    public static String describe(final long id) {
        return "thread " + thread(id) + ", record " + index(id);
    }
}
