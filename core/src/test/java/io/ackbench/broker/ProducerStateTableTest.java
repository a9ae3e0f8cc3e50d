package io.ackbench.broker;

import static io.ackbench.transport.ErrorCode.DUPLICATE_SEQUENCE_NUMBER;
import static io.ackbench.transport.ErrorCode.INVALID_PRODUCER_EPOCH;
import static io.ackbench.transport.ErrorCode.NONE;
import static io.ackbench.transport.ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ackbench.record.RecordBatchLayout;
import io.ackbench.record.Sequences;
import io.ackbench.testing.AllocationMeter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;

class ProducerStateTableTest {
    private static final long PID = 4_000L;
    private static final short EPOCH = 3;
    private static final long T0 = 1_700_000_000_000L;
    private static final int RECORDS = 10;

    private final ProducerStateTable table = new ProducerStateTable();
    private long nextOffset = 100;

    /** Checks, then appends if the check said NONE; returns the check's answer. */
    private short append(final long pid, final short epoch, final int firstSeq, final int lastSeq) {
        final short error = table.check(pid, epoch, firstSeq, lastSeq);
        if (error == NONE) {
            final int count = Sequences.decrement(lastSeq, firstSeq) + 1;
            table.onAppended(pid, epoch, firstSeq, lastSeq, nextOffset, nextOffset + count - 1, T0 + nextOffset);
            nextOffset += count;
        }
        return error;
    }

    @Test
    void firstBatchOfANewProducerIsAcceptedAtAnySequence() {
        assertThat(table.check(PID, EPOCH, 0, 9)).isEqualTo(NONE);
        assertThat(table.check(PID, EPOCH, 12_345, 12_354)).isEqualTo(NONE);
        assertThat(table.check(PID, (short) 0, Integer.MAX_VALUE, 8)).isEqualTo(NONE);
        assertThat(append(PID, EPOCH, 500, 509)).isEqualTo(NONE);
        assertThat(table.producerCount()).isEqualTo(1);
        assertThat(append(PID, EPOCH, 510, 519)).isEqualTo(NONE);
    }

    @Test
    void inOrderSequencesAreAccepted() {
        int seq = 0;
        for (int batch = 0; batch < 20; batch++) {
            assertThat(append(PID, EPOCH, seq, seq + RECORDS - 1)).as("batch %d", batch).isEqualTo(NONE);
            seq += RECORDS;
        }
        assertThat(append(PID, EPOCH, seq, seq)).isEqualTo(NONE);
        assertThat(nextOffset).isEqualTo(100 + 20 * RECORDS + 1);
    }

    @Test
    void exactDuplicateOfEachOfTheLastFiveBatchesIsAnsweredWithItsOriginalOffset() {
        for (int batch = 0; batch < 8; batch++) {
            append(PID, EPOCH, batch * RECORDS, batch * RECORDS + RECORDS - 1);
        }
        // Batches 3..7 are retained: batch b starts at offset 100 + 10 b.
        for (int batch = 3; batch < 8; batch++) {
            final int firstSeq = batch * RECORDS;
            assertThat(table.check(PID, EPOCH, firstSeq, firstSeq + RECORDS - 1)).as("batch %d", batch)
                .isEqualTo(DUPLICATE_SEQUENCE_NUMBER);
            assertThat(table.duplicateFirstOffset()).isEqualTo(100 + batch * RECORDS);
            assertThat(table.duplicateLastOffset()).isEqualTo(100 + batch * RECORDS + RECORDS - 1);
            assertThat(table.duplicateTimestamp()).isEqualTo(T0 + 100 + batch * RECORDS);
        }
        assertThat(append(PID, EPOCH, 80, 89)).isEqualTo(NONE);
    }

    @Test
    void duplicateOfTheSixthOldestBatchIsOutOfOrder() {
        for (int batch = 0; batch < 6; batch++) {
            append(PID, EPOCH, batch * RECORDS, batch * RECORDS + RECORDS - 1);
        }
        assertThat(table.check(PID, EPOCH, 0, 9)).isEqualTo(OUT_OF_ORDER_SEQUENCE_NUMBER);
        assertThat(table.check(PID, EPOCH, 10, 19)).isEqualTo(DUPLICATE_SEQUENCE_NUMBER);
        assertThat(table.duplicateFirstOffset()).isEqualTo(110);
    }

    @Test
    void sequenceGapIsOutOfOrder() {
        append(PID, EPOCH, 0, 9);
        assertThat(table.check(PID, EPOCH, 11, 20)).isEqualTo(OUT_OF_ORDER_SEQUENCE_NUMBER);
        assertThat(table.check(PID, EPOCH, 20, 29)).isEqualTo(OUT_OF_ORDER_SEQUENCE_NUMBER);
        assertThat(table.check(PID, EPOCH, 9, 18)).isEqualTo(OUT_OF_ORDER_SEQUENCE_NUMBER);
        assertThat(table.check(PID, EPOCH, 5, 9)).isEqualTo(OUT_OF_ORDER_SEQUENCE_NUMBER);
        assertThat(table.check(PID, EPOCH, 10, 19)).isEqualTo(NONE);
    }

    @Test
    void olderEpochIsInvalidProducerEpoch() {
        append(PID, EPOCH, 0, 9);
        assertThat(table.check(PID, (short) (EPOCH - 1), 10, 19)).isEqualTo(INVALID_PRODUCER_EPOCH);
        assertThat(table.check(PID, (short) (EPOCH - 1), 0, 9)).isEqualTo(INVALID_PRODUCER_EPOCH);
        assertThat(table.check(PID, (short) 0, 0, 0)).isEqualTo(INVALID_PRODUCER_EPOCH);
    }

    @Test
    void epochBumpMustStartAtSequenceZero() {
        append(PID, EPOCH, 0, 9);
        append(PID, EPOCH, 10, 19);
        final short bumped = EPOCH + 1;
        assertThat(table.check(PID, bumped, 20, 29)).isEqualTo(OUT_OF_ORDER_SEQUENCE_NUMBER);
        assertThat(table.check(PID, bumped, 1, 5)).isEqualTo(OUT_OF_ORDER_SEQUENCE_NUMBER);
        assertThat(append(PID, bumped, 0, 4)).isEqualTo(NONE);
        // The new epoch forgot the old epoch's batches: their retry is now fenced, not a duplicate.
        assertThat(table.check(PID, EPOCH, 10, 19)).isEqualTo(INVALID_PRODUCER_EPOCH);
        assertThat(table.check(PID, bumped, 0, 4)).isEqualTo(DUPLICATE_SEQUENCE_NUMBER);
        assertThat(table.duplicateFirstOffset()).isEqualTo(120);
        assertThat(append(PID, bumped, 5, 9)).isEqualTo(NONE);
        assertThat(table.producerCount()).isEqualTo(1);
    }

    @Test
    void sequenceWrapsPastMaxValueToZeroInOrder() {
        final int max = Integer.MAX_VALUE;
        assertThat(append(PID, EPOCH, max - 9, max)).isEqualTo(NONE);
        assertThat(table.check(PID, EPOCH, 1, 10)).isEqualTo(OUT_OF_ORDER_SEQUENCE_NUMBER);
        assertThat(append(PID, EPOCH, 0, 9)).isEqualTo(NONE);
        assertThat(append(PID, EPOCH, 10, 19)).isEqualTo(NONE);

        // A batch that itself spans the wrap: 2147483643..2147483647, 0..4.
        final long otherPid = PID + 1;
        assertThat(append(otherPid, EPOCH, max - 14, max - 5)).isEqualTo(NONE);
        assertThat(append(otherPid, EPOCH, max - 4, 4)).isEqualTo(NONE);
        assertThat(table.check(otherPid, EPOCH, max - 4, 4)).isEqualTo(DUPLICATE_SEQUENCE_NUMBER);
        assertThat(table.duplicateFirstOffset()).isEqualTo(140);
        assertThat(append(otherPid, EPOCH, 5, 14)).isEqualTo(NONE);
    }

    @Test
    void partialOverlapIsNotADuplicate() {
        append(PID, EPOCH, 0, 9);
        append(PID, EPOCH, 10, 19);
        assertThat(table.check(PID, EPOCH, 10, 14)).isEqualTo(OUT_OF_ORDER_SEQUENCE_NUMBER);
        assertThat(table.check(PID, EPOCH, 10, 24)).isEqualTo(OUT_OF_ORDER_SEQUENCE_NUMBER);
        assertThat(table.check(PID, EPOCH, 15, 19)).isEqualTo(OUT_OF_ORDER_SEQUENCE_NUMBER);
        assertThat(table.check(PID, EPOCH, 0, 19)).isEqualTo(OUT_OF_ORDER_SEQUENCE_NUMBER);
    }

    @Test
    void duplicateWithADifferentEpochIsNotADuplicate() {
        append(PID, EPOCH, 0, 9);
        assertThat(table.check(PID, (short) (EPOCH + 1), 0, 9)).isEqualTo(NONE);
        assertThat(table.check(PID, (short) (EPOCH - 1), 0, 9)).isEqualTo(INVALID_PRODUCER_EPOCH);
    }

    @Test
    void producersAreTrackedIndependently() {
        append(1L, (short) 0, 0, 9);
        append(2L, (short) 7, 40, 49);
        assertThat(table.producerCount()).isEqualTo(2);
        assertThat(table.check(1L, (short) 0, 10, 19)).isEqualTo(NONE);
        assertThat(table.check(2L, (short) 7, 10, 19)).isEqualTo(OUT_OF_ORDER_SEQUENCE_NUMBER);
        assertThat(table.check(2L, (short) 7, 50, 59)).isEqualTo(NONE);
        assertThat(table.check(2L, (short) 0, 50, 59)).isEqualTo(INVALID_PRODUCER_EPOCH);
    }

    @Test
    void duplicateAccessorsAreMinusOneBeforeAnyDuplicate() {
        assertThat(table.duplicateFirstOffset()).isEqualTo(-1L);
        assertThat(table.duplicateLastOffset()).isEqualTo(-1L);
        assertThat(table.duplicateTimestamp()).isEqualTo(-1L);
    }

    @Test
    void stateIsOnlyKeptForBatchesWithAProducerId() {
        assertThatThrownBy(() -> table.onAppended(-1L, (short) -1, -1, -1, 0, 0, T0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Producer state is kept only for batches with a producer id, got -1");
    }

    @Test
    void replicatedBatchesWithAProducerIdAreRecordedAtTheirStampedOffsetsAndOthersSkipped() {
        final byte[] plain = TestBatches.plain(0, 2);
        final byte[] idempotent = TestBatches.idempotent(PID, EPOCH, 40, 2, RECORDS);
        final UnsafeBuffer fetched = new UnsafeBuffer(new byte[plain.length + idempotent.length]);
        fetched.putBytes(0, plain);
        fetched.putBytes(plain.length, idempotent);
        // As a leader stamps them: offsets 500..501, then 502..511.
        fetched.putLong(RecordBatchLayout.BASE_OFFSET_OFFSET, 500L, ByteOrder.BIG_ENDIAN);
        fetched.putLong(plain.length + RecordBatchLayout.BASE_OFFSET_OFFSET, 502L, ByteOrder.BIG_ENDIAN);

        assertThat(table.onReplicated(fetched, 0, fetched.capacity())).isEqualTo(2);

        assertThat(table.producerCount()).isEqualTo(1);
        assertThat(table.check(PID, EPOCH, 40, 49)).isEqualTo(DUPLICATE_SEQUENCE_NUMBER);
        assertThat(table.duplicateFirstOffset()).isEqualTo(502);
        assertThat(table.duplicateLastOffset()).isEqualTo(511);
        assertThat(table.duplicateTimestamp()).isEqualTo(TestBatches.TIMESTAMP + RECORDS - 1);
        assertThat(table.check(PID, EPOCH, 50, 59)).isEqualTo(NONE);

        table.clear();
        assertThat(table.producerCount()).isZero();
        assertThat(table.check(PID, EPOCH, 40, 49)).isEqualTo(NONE);
    }

    @Test
    void checkAndAppendForAKnownProducerAllocateNothing() {
        final long[] pids = {11L, 12L, 13L};
        final int[] nextSeq = new int[pids.length];
        long checksum = run(pids, nextSeq, 50_000);
        final long before = AllocationMeter.currentThreadAllocatedBytes();
        checksum += run(pids, nextSeq, 200_000);
        final long allocated = AllocationMeter.currentThreadAllocatedBytes() - before;
        assertThat(checksum).isEqualTo(750_000L * DUPLICATE_SEQUENCE_NUMBER);
        assertThat(allocated).as("bytes allocated by 200000 rounds").isLessThan(1024);
    }

    /** Each round: one new batch per producer (check + append) and one retry of a retained batch. */
    private long run(final long[] pids, final int[] nextSeq, final int rounds) {
        long checksum = 0;
        for (int round = 0; round < rounds; round++) {
            for (int p = 0; p < pids.length; p++) {
                final int firstSeq = nextSeq[p];
                final int lastSeq = firstSeq + RECORDS - 1;
                if (table.check(pids[p], EPOCH, firstSeq, lastSeq) == NONE) {
                    table.onAppended(pids[p], EPOCH, firstSeq, lastSeq, nextOffset, nextOffset + RECORDS - 1, T0);
                    nextOffset += RECORDS;
                }
                checksum += table.check(pids[p], EPOCH, firstSeq, lastSeq);
                nextSeq[p] = lastSeq + 1;
            }
        }
        return checksum;
    }
}
