package io.ackbench.tools.versus;

import io.ackbench.load.LoadTarget;

import java.util.List;

/** The system ackbench is compared with, made from the user's produce-perf flags (without --transport). */
interface ReferenceSide {
    /** What error messages call it, e.g. {@code kafka}. */
    String name();

    /**
     * @throws io.ackbench.load.UsageException    for a flag this system does not take
     * @throws io.ackbench.config.ConfigException for a setting it refuses
     */
    LoadTarget target(List<String> flags);
}
