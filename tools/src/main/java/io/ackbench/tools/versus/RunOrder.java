package io.ackbench.tools.versus;

import java.util.ArrayList;
import java.util.List;

/**
 * The order a comparison's runs go in: rounds of one run per system, each round the previous one reversed
 * ({@code A B B A A B} for two systems and three runs each, {@code A B C C B A A B C} for three). A drift during
 * the session (a disk's write-back, another tenant's load, the machine warming) then weighs on every system alike:
 * over an even number of rounds every system's mean position is the same; over an odd number N of rounds of S systems
 * the means differ by at most (S - 1) / N positions.
 */
final class RunOrder {
    private RunOrder() {
    }

    /** The systems' indexes in run order: {@code systems × runsEach} entries. */
    static List<Integer> of(final int systems, final int runsEach) {
        if (systems < 1 || runsEach < 1) {
            throw new IllegalArgumentException("a comparison needs a system and a run; got " + systems
                + " systems and " + runsEach + " runs each");
        }
        final List<Integer> order = new ArrayList<>(systems * runsEach);
        for (int round = 0; round < runsEach; round++) {
            for (int i = 0; i < systems; i++) {
                order.add(round % 2 == 0 ? i : systems - 1 - i);
            }
        }
        return order;
    }
}
