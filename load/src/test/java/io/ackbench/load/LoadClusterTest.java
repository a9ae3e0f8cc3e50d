package io.ackbench.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadClusterTest {
    @Test
    void consumerIOfNReadsThePartitionsCongruentToIModuloN() {
        assertThat(LoadCluster.partitionsOf(0, 2, 5)).containsExactly(0, 2, 4);
        assertThat(LoadCluster.partitionsOf(1, 2, 5)).containsExactly(1, 3);
        assertThat(LoadCluster.partitionsOf(2, 3, 2)).isEmpty();
        assertThat(LoadCluster.partitionsOf(0, 1, 3)).containsExactly(0, 1, 2);
    }

    @Test
    void anIndexOutsideTheCountIsRefused() {
        assertThatThrownBy(() -> LoadCluster.partitionsOf(2, 2, 6)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Consumer 2 of 2: need 0 <= index < count");
    }
}
