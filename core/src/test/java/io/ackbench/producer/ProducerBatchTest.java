package io.ackbench.producer;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ProducerBatchTest {
    private static final int NULL = -1;
    private final UnsafeBuffer value = new UnsafeBuffer(new byte[200]);

    private int open(final ProducerBatch batch, final int partition, final long index) {
        return batch.open(partition, index, 0, 1000L, null, 0, NULL, value, 0, 10, null, 0, 0);
    }

    private int tryAppend(final ProducerBatch batch, final int partition, final long index, final int valueLength) {
        return batch.tryAppend(partition, index, 1000L, null, 0, NULL, value, 0, valueLength, null, 0, 0);
    }

    @Test
    void manyThreadsRacingToSealFindExactlyOneWinnerEachTime() throws Exception {
        final ProducerBatch batch = new ProducerBatch(1024, true);
        final int threads = 4;
        final int rounds = 2000;
        final AtomicInteger winners = new AtomicInteger();
        final CyclicBarrier start = new CyclicBarrier(threads, () -> open(batch, 0, 0));
        final CyclicBarrier end = new CyclicBarrier(threads);
        final Thread[] racers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            racers[t] = new Thread(() -> {
                try {
                    for (int round = 0; round < rounds; round++) {
                        start.await();
                        if (batch.seal()) {
                            winners.incrementAndGet();
                        }
                        end.await();
                    }
                } catch (final Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            racers[t].start();
        }
        for (final Thread racer : racers) {
            racer.join();
        }
        assertThat(winners.get()).isEqualTo(rounds);
    }

    @Test
    void staleReferenceCannotClaimInALaterUseOfTheSameBatch() {
        final ProducerBatch batch = new ProducerBatch(1024, true);
        open(batch, 0, 0);
        assertThat(tryAppend(batch, 0, 0, 10)).isPositive();
        batch.seal();
        open(batch, 3, 7);
        assertThat(tryAppend(batch, 0, 0, 10)).isEqualTo(ProducerBatch.SEALED_OR_STALE);
        assertThat(tryAppend(batch, 3, 7, 10)).isPositive();
        assertThat(batch.claimedRecords()).isEqualTo(2);
    }

    @Test
    void aRecordThatDoesNotFitIsRefusedAndTheBatchCompletesWithWhatItHas() {
        final ProducerBatch batch = new ProducerBatch(128, true);
        open(batch, 0, 0);
        assertThat(tryAppend(batch, 0, 0, 100)).isEqualTo(ProducerBatch.FULL);
        assertThat(batch.isComplete()).isFalse();
        assertThat(batch.seal()).isTrue();
        assertThat(batch.seal()).isFalse();
        assertThat(batch.isComplete()).isTrue();
        assertThat(tryAppend(batch, 0, 0, 1)).isEqualTo(ProducerBatch.SEALED_OR_STALE);
    }

    @Test
    void recordCountIsCappedByTheAppendTimeRegion() {
        final ProducerBatch batch = new ProducerBatch(256, true);
        batch.open(0, 0, 0, 1000L, null, 0, NULL, value, 0, 0, null, 0, 0);
        int appended = 1;
        int result;
        while ((result = tryAppend(batch, 0, 0, 0)) > 0) {
            appended++;
        }
        // The append-time region holds (256 - 61) / 7 = 27 entries: exactly as many 7-byte records as fit
        assertThat(appended).isEqualTo(ProducerBatch.maxRecordsFor(256)).isEqualTo(27);
        assertThat(result).isEqualTo(ProducerBatch.FULL);
    }
}
