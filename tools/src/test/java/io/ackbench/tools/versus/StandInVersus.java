package io.ackbench.tools.versus;

/**
 * vs-kafka with {@link StandIn} (ackbench over TCP to brokers in one JVM) in Kafka's place, for trying the whole
 * command, --matrix included, on a class path without the kafka module:
 * {@code java -cp <jmh test class path> io.ackbench.tools.versus.StandInVersus [vs-kafka flags]}.
 */
public final class StandInVersus {
    private StandInVersus() {
    }

    public static void main(final String[] args) {
        System.exit(VsKafka.run(args, System.out, System.err, new StandIn()));
    }
}
