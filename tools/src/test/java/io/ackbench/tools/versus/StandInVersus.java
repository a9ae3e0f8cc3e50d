package io.ackbench.tools.versus;

import java.util.List;

/**
 * vs-kafka with {@link StandIn} (ackbench over TCP to brokers in one JVM) in Kafka's place, for trying the whole
 * command, --matrix included, without starting Kafka:
 * {@code java -cp <tools test class path> io.ackbench.tools.versus.StandInVersus [vs-kafka flags]}.
 */
public final class StandInVersus {
    private StandInVersus() {
    }

    public static void main(final String[] args) {
        System.exit(VsKafka.run(args, System.out, System.err, List.of(new StandIn()),
            new SideBySide(System.out)));
    }
}
