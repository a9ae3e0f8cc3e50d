package io.ackbench.jmh.versus;

import io.ackbench.load.LoadTarget;
import io.ackbench.load.LoadTargetFactory;
import io.ackbench.load.PerfOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Apache Kafka as produce-perf's {@code --target kafka} makes it: the kafka module's {@link LoadTargetFactory}, found
 * on the class path with {@link ServiceLoader}, so this module does not depend on it when it compiles.
 */
final class KafkaSide implements ReferenceSide {
    static final String NAME = "kafka";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public LoadTarget target(final List<String> flags) {
        // Without this check produce-perf's "--target must be ackbench, not 'kafka'" would blame the user's flags.
        if (!available()) {
            throw new ReferenceUnavailableException("the Apache Kafka side is missing: no " + LoadTargetFactory.class
                .getSimpleName() + " named '" + NAME + "' is on the class path, so this build does not include the "
                + "kafka module (io.ackbench.kafka). Build benchmarks.jar from a checkout with the kafka module "
                + "(mvn -B package) and run vs-kafka again.");
        }
        final List<String> kafkaFlags = new ArrayList<>(flags);
        kafkaFlags.add(PerfOptions.TARGET);
        kafkaFlags.add(NAME);
        return PerfOptions.parse(kafkaFlags.toArray(new String[0])).target();
    }

    static boolean available() {
        for (final LoadTargetFactory factory : ServiceLoader.load(LoadTargetFactory.class)) {
            if (factory.name().equals(NAME)) {
                return true;
            }
        }
        return false;
    }
}
