package io.ackbench.kafka;

import io.ackbench.load.LoadTarget;
import io.ackbench.load.LoadTargetFactory;
import io.ackbench.load.PerfOptions;
import io.ackbench.load.UsageException;

import java.util.stream.Collectors;

/** {@code --target kafka}: registered in META-INF/services, so produce-perf finds it on the class path. */
public final class KafkaTargetFactory implements LoadTargetFactory {
    @Override
    public String name() {
        return KafkaTarget.NAME;
    }

    @Override
    public LoadTarget create(final PerfOptions options) {
        if (options.transportGiven()) {
            throw new UsageException(PerfOptions.TRANSPORT + " applies to --target ackbench only: Kafka's producer "
                + "always reaches its brokers over TCP");
        }
        options.requireFaultableBrokers();
        if (options.bootstrapServers().isEmpty()) {
            return KafkaTarget.embedded(options.topic(), options.kafkaController() == null
                ? ControllerPlacement.COMBINED
                : ControllerPlacement.parse(PerfOptions.KAFKA_CONTROLLER, options.kafkaController()),
                options.kafkaProfile() == null ? KafkaProfile.STOCK
                    : KafkaProfile.parse(PerfOptions.KAFKA_PROFILE, options.kafkaProfile()));
        }
        options.refuseKafkaClusterFlags("not to a running cluster named by " + PerfOptions.BOOTSTRAP_SERVERS
            + ", whose controllers and settings are its own");
        return KafkaTarget.external(options.bootstrapServers().stream()
            .map(address -> address.getHostString() + ":" + address.getPort())
            .collect(Collectors.joining(",")), options.topic());
    }
}
