package io.ackbench.tools.versus;

import io.ackbench.load.LoadTarget;
import io.ackbench.load.Workload;

import java.util.Objects;

/**
 * One configuration ready to run on both systems: its workload and the two targets, each of which has accepted the
 * workload's settings. The subject is ackbench; the reference what it is measured against (Apache Kafka).
 */
final class Matchup {
    private final Configuration configuration;
    private final Workload workload;
    private final LoadTarget subject;
    private final LoadTarget reference;

    /** @throws IllegalArgumentException when the two targets have the same name, which names their runs */
    Matchup(final Configuration configuration, final Workload workload, final LoadTarget subject,
            final LoadTarget reference) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.workload = Objects.requireNonNull(workload, "workload");
        this.subject = Objects.requireNonNull(subject, "subject");
        this.reference = Objects.requireNonNull(reference, "reference");
        if (subject.name().equals(reference.name())) {
            throw new IllegalArgumentException("both targets are named '" + subject.name()
                + "'; a side-by-side comparison needs two systems with different names");
        }
    }

    Configuration configuration() {
        return configuration;
    }

    Workload workload() {
        return workload;
    }

    LoadTarget subject() {
        return subject;
    }

    LoadTarget reference() {
        return reference;
    }

    LoadTarget target(final Side side) {
        return side == Side.SUBJECT ? subject : reference;
    }
}
