package io.ackbench.tools.matrix;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryMatrixTest {
    @Test
    void eightConfigurationsEachDeliveryWithMinInsyncTwoThenThree() {
        assertThat(DeliveryMatrix.configurations())
            .extracting(c -> c.name() + " " + c.minInsync() + " " + c.directoryName())
            .containsExactly(
                "acks=0 2 acks_0-minisr2",
                "acks=0 3 acks_0-minisr3",
                "acks=1 2 acks_1-minisr2",
                "acks=1 3 acks_1-minisr3",
                "acks=all 2 acks_all-minisr2",
                "acks=all 3 acks_all-minisr3",
                "acks=all idempotent 2 acks_all-idempotent-minisr2",
                "acks=all idempotent 3 acks_all-idempotent-minisr3");
    }

    @Test
    void eachSetsAcksIdempotenceAndMinInsyncAsProducePerfFlags() {
        assertThat(DeliveryMatrix.configurations().get(6).flags()).containsExactly(
            "--producer-props", "acks=all", "enable.idempotence=true", "--min-insync-replicas", "2");
        assertThat(DeliveryMatrix.configurations().get(1).flags()).containsExactly(
            "--producer-props", "acks=0", "enable.idempotence=false", "--min-insync-replicas", "3");
    }
}
