package io.ackbench.tools.chart;

import io.ackbench.tools.results.ResultFileName;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a chart's figures were measured: the machine's label and the commit, each optional. Titles end with it, so a
 * chart copied out of its directory still says what it shows.
 */
public final class ChartLabel {
    public static final ChartLabel NONE = new ChartLabel("", "");

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

    /** The machine and commit of a file named SUITE-DATE-COMMIT-MACHINE.json ({@link ResultFileName}), else NONE. */
    public static ChartLabel fromResultFileName(final Path file) {
        final Path name = file.getFileName();
        if (name == null) {
            return NONE;
        }
        try {
            final ResultFileName parsed = ResultFileName.parse(name.toString());
            return of(parsed.machine(), parsed.commit());
        } catch (final IllegalArgumentException notAResultFileName) {
            return NONE;
        }
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
