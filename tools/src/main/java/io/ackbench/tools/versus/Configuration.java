package io.ackbench.tools.versus;

import java.util.List;
import java.util.Objects;

/**
 * One configuration a comparison runs both systems in: a name for tables and charts, and the produce-perf flags it
 * adds to the user's (none for the configuration the user's flags describe alone; the matrix's acks, min.insync,
 * rate and cluster shape). Flags added later win, as produce-perf reads them.
 */
public final class Configuration {
    private final String name;
    private final List<String> flags;

    public Configuration(final String name, final List<String> flags) {
        this.name = Objects.requireNonNull(name, "name");
        this.flags = List.copyOf(flags);
    }

    public String name() {
        return name;
    }

    /** What it adds to the user's flags. */
    public List<String> flags() {
        return flags;
    }

    @Override
    public String toString() {
        return name + " " + flags;
    }
}
