package io.ackbench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One line of what a target runs with: the resource and what this target gives it, in words. */
public record ResourceLine(TargetResource resource, String value) {
    /** What a target says of a cluster it did not start. */
    public static final String RUNNING_CLUSTER = "unknown (a running cluster)";

    /** The key in a report, the same for every target. */
    public String key() {
        return resource.key();
    }

    /**
     * One line per resource in {@link TargetResource}'s order.
     *
     * @throws IllegalArgumentException naming a resource without a value
     */
    public static List<ResourceLine> of(final Map<TargetResource, String> values) {
        final List<ResourceLine> lines = new ArrayList<>();
        for (final TargetResource resource : TargetResource.values()) {
            final String value = values.get(resource);
            if (value == null) {
                throw new IllegalArgumentException("No value for " + resource.key());
            }
            lines.add(new ResourceLine(resource, value));
        }
        return List.copyOf(lines);
    }

    /** Every resource with the same value: for a cluster the target knows nothing of. */
    public static List<ResourceLine> all(final String value) {
        final List<ResourceLine> lines = new ArrayList<>();
        for (final TargetResource resource : TargetResource.values()) {
            lines.add(new ResourceLine(resource, value));
        }
        return List.copyOf(lines);
    }
}
