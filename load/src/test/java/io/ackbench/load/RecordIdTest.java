package io.ackbench.load;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecordIdTest {
    @Test
    void idKeepsThreadAndIndexApart() {
        final long id = RecordId.of(3, 1_234_567_890_123L);
        assertThat(RecordId.thread(id)).isEqualTo(3);
        assertThat(RecordId.index(id)).isEqualTo(1_234_567_890_123L);
        assertThat(RecordId.of(0, 0)).isZero();
        assertThat(RecordId.thread(RecordId.of(Workload.MAX_PRODUCER_THREADS - 1, 5)))
            .isEqualTo(Workload.MAX_PRODUCER_THREADS - 1);
    }

    @Test
    void idIsTheValuesFirstEightBytesBigEndian() {
        final UnsafeBuffer value = new UnsafeBuffer(new byte[12]);
        RecordId.write(value, RecordId.of(1, 2));
        assertThat(value.byteArray()).startsWith(0, 1, 0, 0, 0, 0, 0, 2);
        assertThat(RecordId.read(value)).isEqualTo(RecordId.of(1, 2));
        assertThat(RecordId.read(value.byteArray())).isEqualTo(RecordId.of(1, 2));
    }

    @Test
    void valuesShorterThanAnIdCarryNone() {
        assertThat(RecordId.fits(7)).isFalse();
        assertThat(RecordId.fits(8)).isTrue();
    }
}
