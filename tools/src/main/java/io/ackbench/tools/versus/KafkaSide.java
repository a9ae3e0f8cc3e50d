package io.ackbench.tools.versus;

import io.ackbench.kafka.KafkaProfile;
import io.ackbench.load.PerfOptions;

import java.util.ArrayList;
import java.util.List;

/**
 * Apache Kafka as produce-perf's {@code --target kafka} makes it from the same flags, in one of its profiles (stock,
 * or tuned for a small machine). An embedded cluster runs its controller as a node of its own beside broker-only
 * nodes unless the flags say otherwise, the process layout of ackbench's brokers and controller, and its brokers get
 * the comparison's heap and GC.
 */
final class KafkaSide implements ReferenceSide {
    static final String NAME = "kafka";

    private final KafkaProfile profile;

    KafkaSide(final KafkaProfile profile) {
        this.profile = profile;
    }

    /** {@code kafka} for the stock profile, {@code kafka-tuned} for the tuned one. */
    @Override
    public String name() {
        return profile == KafkaProfile.STOCK ? NAME : NAME + "-" + profile.flagValue();
    }

    @Override
    public List<String> flags(final List<String> given) {
        final List<String> flags = new ArrayList<>(given);
        flags.add(PerfOptions.TARGET);
        flags.add(NAME);
        flags.add(PerfOptions.KAFKA_PROFILE);
        flags.add(profile.flagValue());
        if (!given.contains(PerfOptions.BOOTSTRAP_SERVERS)) {
            if (!given.contains(PerfOptions.KAFKA_CONTROLLER)) {
                flags.add(PerfOptions.KAFKA_CONTROLLER);
                flags.add(VersusOptions.KAFKA_CONTROLLER_PLACEMENT);
            }
            VersusFlags.withBrokerJvmOptions(flags);
        }
        return flags;
    }
}
