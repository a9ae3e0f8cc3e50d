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
    private static final int THREAD_BITS = 16;
    private static final int INDEX_BITS = Long.SIZE - THREAD_BITS;
    private static final long INDEX_MASK = (1L << INDEX_BITS) - 1;

    private RecordId() {
    }

    /** Whether values of this length carry an id. */
    public static boolean fits(final int valueLength) {
        return valueLength >= OFFSET + LENGTH;
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
