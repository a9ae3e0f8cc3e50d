package io.ackbench.tools.versus;

import io.ackbench.load.LoadCluster;
import io.ackbench.load.LoadTarget;
import io.ackbench.load.PerfOptions;
import io.ackbench.load.Workload;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for Apache Kafka until the kafka module is on this class path: ackbench over TCP to brokers in this JVM,
 * under another name. Keeps the flags it was given, to show what the reference side receives.
 */
final class StandIn implements ReferenceSide {
    static final String NAME = "ackbench-tcp";

    final List<List<String>> flagsGiven = new ArrayList<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public LoadTarget target(final List<String> flags) {
        flagsGiven.add(List.copyOf(flags));
        final List<String> tcp = new ArrayList<>(flags);
        tcp.add(PerfOptions.TRANSPORT);
        tcp.add("tcp");
        return named(NAME, PerfOptions.parse(tcp.toArray(new String[0])).target());
    }

    /** The target under another name, which is what names its runs. */
    static LoadTarget named(final String name, final LoadTarget target) {
        return new LoadTarget() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void check(final Workload workload) {
                target.check(workload);
            }

            @Override
            public LoadCluster start(final Workload workload, final Path dataDir)
                throws IOException, InterruptedException {
                return target.start(workload, dataDir);
            }
        };
    }
}
