package io.ackbench.tools.versus;

import io.ackbench.load.Workload;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One configuration ready to run on every system: ackbench (the subject) first, then the systems it is measured
 * against, each of which has accepted the configuration's flags.
 */
final class Matchup {
    private final Configuration configuration;
    private final List<Contender> contenders;

    /** @throws IllegalArgumentException for fewer than two systems, or two with one name, which names their runs */
    Matchup(final Configuration configuration, final List<Contender> contenders) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.contenders = List.copyOf(contenders);
        if (contenders.size() < 2) {
            throw new IllegalArgumentException("a side-by-side comparison needs two systems or more; got "
                + contenders);
        }
        final Set<String> names = new HashSet<>();
        for (final Contender contender : contenders) {
            if (!names.add(contender.name())) {
                throw new IllegalArgumentException("two systems are named '" + contender.name()
                    + "'; every system of a comparison needs a name of its own");
            }
        }
    }

    Configuration configuration() {
        return configuration;
    }

    /** The subject's workload, which the configuration's description shows. */
    Workload workload() {
        return subject().workload();
    }

    Contender subject() {
        return contenders.get(0);
    }

    /** Subject first. */
    List<Contender> contenders() {
        return contenders;
    }

    List<String> names() {
        return contenders.stream().map(Contender::name).toList();
    }
}
