package io.ackbench.tools.chart;

import java.util.List;
import java.util.Objects;

/** What a caller may choose about a latency chart: legend names, the title, a logarithmic latency axis. */
public final class LatencyOptions {
    public static final LatencyOptions DEFAULTS = new LatencyOptions(List.of(), "", false);

    private final List<String> names;
    private final String title;
    private final boolean logarithmic;

    private LatencyOptions(final List<String> names, final String title, final boolean logarithmic) {
        this.names = List.copyOf(names);
        this.title = Objects.requireNonNull(title, "title");
        this.logarithmic = logarithmic;
    }

    /** One legend name per file, in the files' order, instead of names made from the file names. */
    public LatencyOptions names(final List<String> newNames) {
        return new LatencyOptions(newNames, title, logarithmic);
    }

    /** The chart's title instead of one made from what the file names share (the machine label is appended). */
    public LatencyOptions title(final String newTitle) {
        return new LatencyOptions(names, newTitle, logarithmic);
    }

    /** A logarithmic latency axis, for runs orders of magnitude apart. */
    public LatencyOptions logarithmic(final boolean log) {
        return new LatencyOptions(names, title, log);
    }

    List<String> names() {
        return names;
    }

    String title() {
        return title;
    }

    boolean logarithmic() {
        return logarithmic;
    }
}
