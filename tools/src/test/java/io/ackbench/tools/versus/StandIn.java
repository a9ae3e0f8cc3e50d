package io.ackbench.tools.versus;

import io.ackbench.load.PerfOptions;

import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for Apache Kafka in tests that should not start Kafka: ackbench over TCP to brokers in one JVM, under
 * another name. Keeps the flags it was given, to show what a reference side receives.
 */
final class StandIn implements ReferenceSide {
    static final String NAME = "ackbench-tcp";

    final List<List<String>> flagsGiven = new ArrayList<>();
    private final String name;

    StandIn() {
        this(NAME);
    }

    StandIn(final String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> flags(final List<String> given) {
        flagsGiven.add(List.copyOf(given));
        final List<String> tcp = new ArrayList<>(given);
        tcp.add(PerfOptions.TRANSPORT);
        tcp.add("tcp");
        return tcp;
    }
}
