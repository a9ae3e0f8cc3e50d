package io.ackbench.tools.versus;

import io.ackbench.load.LoadTarget;
import io.ackbench.load.Workload;

import java.util.List;
import java.util.Objects;

/**
 * One system of a comparison: the name its runs and table rows carry ({@code ackbench}, {@code kafka},
 * {@code kafka-tuned}), the produce-perf flags each of its runs is started with, and the target and workload those
 * flags make, which have accepted each other before any run starts.
 */
final class Contender {
    private final String name;
    private final List<String> flags;
    private final LoadTarget target;
    private final Workload workload;

    Contender(final String name, final List<String> flags, final LoadTarget target, final Workload workload) {
        this.name = Objects.requireNonNull(name, "name");
        this.flags = List.copyOf(flags);
        this.target = Objects.requireNonNull(target, "target");
        this.workload = Objects.requireNonNull(workload, "workload");
    }

    String name() {
        return name;
    }

    /** produce-perf's flags for a run of this system, without --output-dir and --data-dir. */
    List<String> flags() {
        return flags;
    }

    LoadTarget target() {
        return target;
    }

    Workload workload() {
        return workload;
    }

    @Override
    public String toString() {
        return name + " " + flags;
    }
}
