package io.ackbench.broker;

import static io.ackbench.transport.ErrorCode.DUPLICATE_SEQUENCE_NUMBER;
import static io.ackbench.transport.ErrorCode.NONE;
import static io.ackbench.transport.ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER;
import static org.assertj.core.api.Assertions.assertThat;

import io.ackbench.log.LogConfig;
import io.ackbench.log.PartitionLog;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

/** Rebuilding producer state from a log's bounded tail: what is found, what is left out, what a truncation drops. */
class ProducerStateLoaderTest {
    private static final long PID = 7_000L;
    private static final long OTHER_PID = 8_000L;
    private static final short EPOCH = 2;
    private static final int RECORDS = 5;
    private static final int LEADER_EPOCH = 0;

    @TempDir
    Path dir;

    private PartitionLog log;
    private final ProducerStateTable table = new ProducerStateTable();

    @BeforeEach
    void open() {
        // Small segments, so that a tail crosses segment boundaries: a 5-record batch is about 150 bytes.
        log = PartitionLog.open(dir, LogConfig.of(Map.of(LogConfig.SEGMENT_BYTES, "1024")));
    }

    @AfterEach
    void close() {
        log.close();
    }

    /** Appends as a leader would; returns the base offset. */
    private long append(final byte[] batch) {
        return log.appendAsLeader(new UnsafeBuffer(batch), 0, batch.length, LEADER_EPOCH);
    }

    private static byte[] batch(final long producerId, final int index) {
        return TestBatches.idempotent(producerId, EPOCH, index * RECORDS, 100L * index, RECORDS);
    }

    private short check(final long producerId, final int index) {
        return table.check(producerId, EPOCH, index * RECORDS, index * RECORDS + RECORDS - 1);
    }

    @Test
    void emptyLogGivesAnEmptyTableAndScansNothing() {
        table.onAppended(PID, EPOCH, 0, 4, 0, 4, 0);

        final ProducerStateLoad load = ProducerStateLoader.rebuild(log, table);

        assertThat(load).extracting(ProducerStateLoad::fromOffset, ProducerStateLoad::toOffset,
            ProducerStateLoad::batchesScanned, ProducerStateLoad::bytesScanned, ProducerStateLoad::producers)
            .containsExactly(0L, 0L, 0L, 0L, 0);
        assertThat(table.producerCount()).isZero();
    }

    @Test
    void batchesWithoutAProducerIdAreScannedButIgnored() {
        append(TestBatches.plain(0, RECORDS));
        append(batch(PID, 0));
        append(TestBatches.plain(10, RECORDS));

        final ProducerStateLoad load = ProducerStateLoader.rebuild(log, table);

        assertThat(load.batchesScanned()).isEqualTo(3);
        assertThat(load.fromOffset()).isZero();
        assertThat(load.toOffset()).isEqualTo(3 * RECORDS);
        assertThat(load.producers()).isEqualTo(1);
        assertThat(check(PID, 0)).isEqualTo(DUPLICATE_SEQUENCE_NUMBER);
        assertThat(table.duplicateFirstOffset()).isEqualTo(RECORDS);
        assertThat(table.duplicateLastOffset()).isEqualTo(2 * RECORDS - 1);
        assertThat(table.duplicateTimestamp()).isEqualTo(TestBatches.TIMESTAMP + RECORDS - 1);
        assertThat(check(PID, 1)).isEqualTo(NONE);
    }

    @Test
    void boundedScanFindsTheLastBatchesAcrossSegmentsAndNothingBeforeTheBound() {
        append(batch(OTHER_PID, 0));
        final int batches = 20;
        for (int i = 0; i < batches; i++) {
            assertThat(append(batch(PID, i))).isEqualTo((long) (i + 1) * RECORDS);
        }
        assertThat(log.segmentCount()).isGreaterThan(2);
        final int batchBytes = batch(PID, 0).length;

        // Exactly the last five batches fit the bound; one byte less would leave out the oldest of them.
        final ProducerStateLoad load = ProducerStateLoader.rebuild(log, table, 5L * batchBytes);

        assertThat(load.fromOffset()).isEqualTo((long) (batches - 4) * RECORDS);
        assertThat(load.toOffset()).isEqualTo((long) (batches + 1) * RECORDS);
        assertThat(load.batchesScanned()).isEqualTo(5);
        assertThat(load.bytesScanned()).isEqualTo(5L * batchBytes);
        assertThat(load.producers()).isEqualTo(1);
        for (int i = batches - 5; i < batches; i++) {
            assertThat(check(PID, i)).as("batch %d", i).isEqualTo(DUPLICATE_SEQUENCE_NUMBER);
            assertThat(table.duplicateFirstOffset()).isEqualTo((long) (i + 1) * RECORDS);
        }
        assertThat(check(PID, batches - 6)).isEqualTo(OUT_OF_ORDER_SEQUENCE_NUMBER);
        assertThat(check(PID, batches)).isEqualTo(NONE);
        // The producer whose only batch is before the bound is unknown: any sequence passes (KIP-360).
        assertThat(table.check(OTHER_PID, EPOCH, 1_000, 1_004)).isEqualTo(NONE);

        assertThat(ProducerStateLoader.rebuild(log, table, 5L * batchBytes - 1).batchesScanned()).isEqualTo(4);
        assertThat(ProducerStateLoader.rebuild(log, table, 0).batchesScanned()).isZero();

        final ProducerStateLoad whole = ProducerStateLoader.rebuild(log, table);
        assertThat(whole.fromOffset()).isZero();
        assertThat(whole.batchesScanned()).isEqualTo(batches + 1);
        assertThat(whole.producers()).isEqualTo(2);
        assertThat(table.check(OTHER_PID, EPOCH, 0, RECORDS - 1)).isEqualTo(DUPLICATE_SEQUENCE_NUMBER);
        assertThat(table.duplicateFirstOffset()).isZero();
    }

    @Test
    void rebuildAfterATruncationForgetsTheBatchesCutOff() {
        for (int i = 0; i < 8; i++) {
            append(batch(PID, i));
        }
        ProducerStateLoader.rebuild(log, table);
        assertThat(check(PID, 6)).isEqualTo(DUPLICATE_SEQUENCE_NUMBER);

        log.truncateTo(6L * RECORDS);
        final ProducerStateLoad load = ProducerStateLoader.rebuild(log, table);

        assertThat(load.toOffset()).isEqualTo(6L * RECORDS);
        assertThat(load.batchesScanned()).isEqualTo(6);
        // Batch 6 was cut off: its retry is the next batch in sequence, to be appended again.
        assertThat(check(PID, 6)).isEqualTo(NONE);
        assertThat(check(PID, 5)).isEqualTo(DUPLICATE_SEQUENCE_NUMBER);
        assertThat(table.duplicateFirstOffset()).isEqualTo(5L * RECORDS);
    }

    @Test
    void aBatchLargerThanTheReadBufferIsStillRead() {
        final byte[] large = TestBatches.idempotent(PID, EPOCH, 0, 0, 100_000);
        final PartitionLog big = PartitionLog.open(dir.resolve("big"), LogConfig.defaults());
        try {
            big.appendAsLeader(new UnsafeBuffer(large), 0, large.length, LEADER_EPOCH);
            final ProducerStateLoad load = ProducerStateLoader.rebuild(big, table);
            assertThat(large.length).isGreaterThan(1 << 20);
            assertThat(load.batchesScanned()).isEqualTo(1);
            assertThat(table.check(PID, EPOCH, 0, 99_999)).isEqualTo(DUPLICATE_SEQUENCE_NUMBER);
        } finally {
            big.close();
        }
    }
}
