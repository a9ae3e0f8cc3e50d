package io.ackbench.tools.versus;

import java.util.List;

/** A system ackbench is compared with: its name, and the produce-perf flags that make it from the user's. */
interface ReferenceSide {
    /** What its runs, rows and error messages are called, e.g. {@code kafka-tuned}. */
    String name();

    /**
     * @param given the user's and the configuration's flags, without --transport (ackbench's alone)
     * @return produce-perf's flags for this system; produce-perf refuses them with a UsageException or a
     *     ConfigException naming the flag or setting
     */
    List<String> flags(List<String> given);
}
