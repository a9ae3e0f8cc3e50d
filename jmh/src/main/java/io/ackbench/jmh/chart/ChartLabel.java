package io.ackbench.jmh.chart;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a chart's figures were measured: the machine's label and the commit, each optional. Titles end with it, so a
 * chart copied out of its directory still says what it shows.
 */
public final class ChartLabel {
    public static final ChartLabel NONE = new ChartLabel("", "");

    /** Curated result files are named SUITE-DATE-COMMIT-MACHINE.json (results/README.md). */
    private static final Pattern RESULT_FILE_NAME =
        Pattern.compile(".+-\\d{4}-\\d{2}-\\d{2}-(?<commit>[0-9a-f]{7,40})-(?<machine>[A-Za-z0-9_.]+)\\.json");

    private final String machine;
    private final String commit;

    private ChartLabel(final String machine, final String commit) {
        this.machine = Objects.requireNonNull(machine, "machine");
        this.commit = Objects.requireNonNull(commit, "commit");
    }

    /** @param machine the machine's label, or "" ; @param commit the commit, or "" */
    public static ChartLabel of(final String machine, final String commit) {
        return new ChartLabel(machine, commit);
    }

    /** The machine and commit of a file named like a curated baseline, else {@link #NONE}. */
    public static ChartLabel fromResultFileName(final Path file) {
        final Path name = file.getFileName();
        final Matcher matcher = RESULT_FILE_NAME.matcher(name == null ? "" : name.toString());
        return matcher.matches() ? of(matcher.group("machine"), matcher.group("commit")) : NONE;
    }

    public ChartLabel withMachine(final String newMachine) {
        return of(newMachine, commit);
    }

    public ChartLabel withCommit(final String newCommit) {
        return of(machine, newCommit);
    }

    public String machine() {
        return machine;
    }

    public String commit() {
        return commit;
    }

    /** {@code kvm2c @ 55da12f}, {@code kvm2c}, {@code @ 55da12f}, or "" when neither is known. */
    public String describe() {
        final List<String> parts = new ArrayList<>(2);
        if (!machine.isEmpty()) {
            parts.add(machine);
        }
        if (!commit.isEmpty()) {
            parts.add("@ " + commit);
        }
        return String.join(" ", parts);
    }

    /** {@code text — kvm2c @ 55da12f}, or text alone when nothing is known. */
    String appendTo(final String text) {
        final String described = describe();
        return described.isEmpty() ? text : text + ChartStyle.TITLE_SEPARATOR + described;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof ChartLabel && machine.equals(((ChartLabel) other).machine)
            && commit.equals(((ChartLabel) other).commit);
    }

    @Override
    public int hashCode() {
        return Objects.hash(machine, commit);
    }

    @Override
    public String toString() {
        return describe();
    }
}
