package io.ackbench.record;

import io.ackbench.testing.AllocationMeter;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.Random;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/** Steady state allocates nothing: writing, sealing and reading batches on one thread. */
class ZeroAllocationTest {
    private static final int WARM_UP_BATCHES = 30_000;
    private static final int MEASURED_BATCHES = 100_000;
    private static final int RECORDS_PER_BATCH = 10;
    private static final int CAPACITY = 4096;
    private static final long MAX_ALLOCATED_BYTES = 1024;

    private final RecordBatchWriter writer = new RecordBatchWriter();
    private final RecordBatchReader reader = new RecordBatchReader();
    private final UnsafeBuffer keys = new UnsafeBuffer(new byte[16 * RECORDS_PER_BATCH]);
    private final UnsafeBuffer values = new UnsafeBuffer(ByteBuffer.allocateDirect(100 * RECORDS_PER_BATCH));
    private final RecordHeaders headers = new RecordHeaders(256);

    ZeroAllocationTest() {
        final Random random = new Random(5);
        final byte[] bytes = new byte[100 * RECORDS_PER_BATCH];
        random.nextBytes(bytes);
        values.putBytes(0, bytes);
        random.nextBytes(bytes);
        keys.putBytes(0, bytes, 0, keys.capacity());
        headers.add("trace-id", new byte[] {1, 2, 3, 4, 5, 6, 7, 8}).add("tombstone-reason", null);
    }

    @Test
    void writingSealingAndReadingDirectBuffersAllocatesNothing() {
        assertSteadyStateAllocatesNothing(new UnsafeBuffer(ByteBuffer.allocateDirect(CAPACITY)));
    }

    @Test
    void writingSealingAndReadingHeapBuffersAllocatesNothing() {
        assertSteadyStateAllocatesNothing(new UnsafeBuffer(new byte[CAPACITY]));
    }

    @Test
    void writingSealingAndReadingRawAddressBuffersAllocatesNothing() {
        final UnsafeBuffer owner = new UnsafeBuffer(ByteBuffer.allocateDirect(CAPACITY));
        assertSteadyStateAllocatesNothing(new UnsafeBuffer(owner.addressOffset(), CAPACITY));
        // The raw-address view does not keep the ByteBuffer, and so its memory, alive.
        Reference.reachabilityFence(owner);
    }

    private void assertSteadyStateAllocatesNothing(MutableDirectBuffer buffer) {
        long checksum = run(buffer, WARM_UP_BATCHES);
        final long before = AllocationMeter.currentThreadAllocatedBytes();
        checksum += run(buffer, MEASURED_BATCHES);
        final long allocated = AllocationMeter.currentThreadAllocatedBytes() - before;
        assertThat(checksum).isNotZero();
        assertThat(allocated).as("bytes allocated by %d batches", MEASURED_BATCHES).isLessThan(MAX_ALLOCATED_BYTES);
    }

    private long run(MutableDirectBuffer buffer, int batches) {
        long checksum = 0;
        for (int b = 0; b < batches; b++) {
            writer.wrap(buffer, 0, CAPACITY).producerState(b, (short) 0, b * RECORDS_PER_BATCH);
            for (int r = 0; r < RECORDS_PER_BATCH; r++) {
                writer.append(1_700_000_000_000L + r, keys, 16 * r, 8 + (r & 7), values, 100 * r, 100,
                    (r & 1) == 0 ? headers : null);
            }
            final int size = writer.seal();
            checksum += read(buffer, size);
        }
        return checksum;
    }

    private long read(DirectBuffer buffer, int size) {
        reader.wrap(buffer, 0, size);
        long sum = reader.checksum() + reader.lastSequence();
        final RecordCursor records = reader.records();
        while (records.next()) {
            sum += records.timestamp() + records.keyLength() + records.valueLength()
                + buffer.getByte(records.valueOffset());
            final HeaderCursor headerCursor = records.headers();
            while (headerCursor.next()) {
                sum += headerCursor.keyLength() + headerCursor.valueLength();
            }
        }
        return sum;
    }
}
