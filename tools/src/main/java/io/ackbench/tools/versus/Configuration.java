package io.ackbench.tools.versus;

import java.util.List;
import java.util.Objects;

/**
 * One configuration a comparison runs every system in: a name for tables and charts, the produce-perf flags it adds
 * to the user's (none for the configuration the user's flags describe alone; the matrix's acks, min.insync, rate and
 * cluster shape; flags added later win, as produce-perf reads them), and how it sets the rate. A configuration at a
 * share of each system's own maximum names the unbounded configuration whose means set the rates.
 */
public final class Configuration {
    private final String name;
    private final List<String> flags;
    private final RateMode rateMode;
    private final String maxConfiguration;
    private final double shareOfMax;

    private Configuration(final String name, final List<String> flags, final RateMode rateMode,
                          final String maxConfiguration, final double shareOfMax) {
        this.name = Objects.requireNonNull(name, "name");
        this.flags = List.copyOf(flags);
        this.rateMode = Objects.requireNonNull(rateMode, "rateMode");
        this.maxConfiguration = maxConfiguration;
        this.shareOfMax = shareOfMax;
    }

    /** At the max rate or at one fixed rate, as the flags say. */
    static Configuration of(final String name, final List<String> flags, final boolean rateLimited) {
        return new Configuration(name, flags, rateLimited ? RateMode.FIXED : RateMode.MAX, null, Double.NaN);
    }

    /**
     * Each system at {@code share} of its own mean records/s in {@code maxConfiguration}, which must run first.
     *
     * @param flags the configuration's flags; their --throughput is replaced per system
     */
    static Configuration atShareOfMax(final String name, final List<String> flags, final String maxConfiguration,
                                      final double share) {
        if (!(share > 0 && share < 1)) {
            throw new IllegalArgumentException("share of the max rate is " + share + "; it must lie in (0, 1)");
        }
        return new Configuration(name, flags, RateMode.SHARE_OF_OWN_MAX,
            Objects.requireNonNull(maxConfiguration, "maxConfiguration"), share);
    }

    public String name() {
        return name;
    }

    /** What it adds to the user's flags. */
    public List<String> flags() {
        return flags;
    }

    RateMode rateMode() {
        return rateMode;
    }

    /** The unbounded configuration whose means set the rates; null unless {@link RateMode#SHARE_OF_OWN_MAX}. */
    String maxConfiguration() {
        return maxConfiguration;
    }

    /** In (0, 1) for {@link RateMode#SHARE_OF_OWN_MAX}, else NaN. */
    double shareOfMax() {
        return shareOfMax;
    }

    @Override
    public String toString() {
        return name + " " + flags;
    }
}
