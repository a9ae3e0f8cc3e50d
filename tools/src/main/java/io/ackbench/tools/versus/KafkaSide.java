package io.ackbench.tools.versus;

import io.ackbench.load.LoadTarget;
import io.ackbench.load.PerfOptions;

import java.util.ArrayList;
import java.util.List;

/** Apache Kafka exactly as produce-perf's {@code --target kafka} makes it from the same flags. */
final class KafkaSide implements ReferenceSide {
    static final String NAME = "kafka";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public LoadTarget target(final List<String> flags) {
        final List<String> kafkaFlags = new ArrayList<>(flags);
        kafkaFlags.add(PerfOptions.TARGET);
        kafkaFlags.add(NAME);
        return PerfOptions.parse(kafkaFlags.toArray(new String[0])).target();
    }
}
