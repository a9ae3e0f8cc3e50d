package io.ackbench.tools.versus;

import java.util.List;

/** Which of a {@link Matchup}'s two systems a run drives. */
enum Side {
    SUBJECT, REFERENCE;

    /**
     * The four runs of a comparison, A B B A: a drift during the session (a disk's write-back, another tenant's load,
     * the machine warming) weighs on both systems alike, and each system has a first and a later run.
     */
    static final List<Side> ORDER = List.of(SUBJECT, REFERENCE, REFERENCE, SUBJECT);
}
