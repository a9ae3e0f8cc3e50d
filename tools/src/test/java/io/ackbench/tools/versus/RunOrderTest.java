package io.ackbench.tools.versus;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunOrderTest {
    @Test
    void eachRoundReversesThePrevious() {
        assertThat(RunOrder.of(2, 2)).containsExactly(0, 1, 1, 0);
        assertThat(RunOrder.of(2, 3)).containsExactly(0, 1, 1, 0, 0, 1);
        assertThat(RunOrder.of(3, 3)).containsExactly(0, 1, 2, 2, 1, 0, 0, 1, 2);
    }

    @Test
    void overAnEvenNumberOfRoundsEverySystemHasTheSameMeanPosition() {
        final List<Integer> order = RunOrder.of(3, 4);
        final double[] positionSums = new double[3];
        for (int position = 0; position < order.size(); position++) {
            positionSums[order.get(position)] += position;
        }
        assertThat(positionSums).containsExactly(22, 22, 22);
    }

    @Test
    void aComparisonNeedsASystemAndARun() {
        assertThatThrownBy(() -> RunOrder.of(2, 0)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("a comparison needs a system and a run; got 2 systems and 0 runs each");
    }
}
