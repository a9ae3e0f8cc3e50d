package io.ackbench.tools.results;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a result file in {@code results/}: {@code SUITE-DATE-COMMIT-MACHINE.json}, e.g.
 * {@code AccumulatorBenchmark-2026-11-23-03b0a32-kvm2c.json} or {@code nightly-2026-11-25-1a2b3c4-kvm2c.json}
 * (see results/README.md). SUITE is the benchmark class, optionally with the method or a variant
 * ({@code ProduceBenchmark.shm}), or {@code nightly}; DATE is the run's UTC date; COMMIT the abbreviated hash of
 * the code measured; MACHINE a {@link MachineLabel}. No part but the date contains a dash, so a name parses back.
 *
 * <p>{@code java -cp ackbench-tools.jar io.ackbench.tools.results.ResultFileName SUITE COMMIT [DATE]} prints the name
 * for today (UTC) and this machine, for shell scripts.
 */
public final class ResultFileName {
    public static final String EXTENSION = ".json";

    private static final Pattern SUITE = Pattern.compile("[A-Za-z0-9_.]+");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{4,40}");
    private static final Pattern NAME = Pattern.compile(
        "(?<suite>[^-]+)-(?<date>\\d{4}-\\d{2}-\\d{2})-(?<commit>[^-]+)-(?<machine>[^-]+)" + Pattern.quote(EXTENSION));
    private static final int USAGE_ERROR = 2;

    private final String suite;
    private final LocalDate date;
    private final String commit;
    private final String machine;

    private ResultFileName(final String suite, final LocalDate date, final String commit, final String machine) {
        this.suite = suite;
        this.date = date;
        this.commit = commit;
        this.machine = machine;
    }

    /**
     * @throws IllegalArgumentException naming the part that would not survive in a file name or parse back: a
     *                                  suite other than letters, digits, '_' and '.', a commit that is not 4 to 40
     *                                  lower-case hex digits, a bad machine label
     */
    public static ResultFileName of(final String suite, final LocalDate date, final String commit,
                                    final String machine) {
        if (!SUITE.matcher(Objects.requireNonNull(suite, "suite")).matches()) {
            throw new IllegalArgumentException("suite \"" + suite
                + "\" must be letters, digits, '_' and '.' only (e.g. ProduceBenchmark.shm or nightly)");
        }
        if (!COMMIT.matcher(Objects.requireNonNull(commit, "commit")).matches()) {
            throw new IllegalArgumentException("commit \"" + commit
                + "\" must be an abbreviated hash, 4 to 40 lower-case hex digits (git rev-parse --short HEAD)");
        }
        return new ResultFileName(suite, Objects.requireNonNull(date, "date"), commit, MachineLabel.check(machine));
    }

    /** @throws IllegalArgumentException when the name is not {@code SUITE-DATE-COMMIT-MACHINE.json} */
    public static ResultFileName parse(final String fileName) {
        final Matcher matcher = NAME.matcher(fileName);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("\"" + fileName + "\" is not a result file name SUITE-DATE-COMMIT-MACHINE"
                + EXTENSION);
        }
        final LocalDate date;
        try {
            date = LocalDate.parse(matcher.group("date"));
        } catch (final DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + fileName + "\" has no valid date: " + e.getMessage(), e);
        }
        return of(matcher.group("suite"), date, matcher.group("commit"), matcher.group("machine"));
    }

    public String suite() {
        return suite;
    }

    public LocalDate date() {
        return date;
    }

    public String commit() {
        return commit;
    }

    public String machine() {
        return machine;
    }

    /** {@code SUITE-DATE-COMMIT-MACHINE.json}. */
    public String fileName() {
        return suite + "-" + date + "-" + commit + "-" + machine + EXTENSION;
    }

    @Override
    public boolean equals(final Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof ResultFileName)) {
            return false;
        }
        final ResultFileName that = (ResultFileName) other;
        return suite.equals(that.suite) && date.equals(that.date) && commit.equals(that.commit)
            && machine.equals(that.machine);
    }

    @Override
    public int hashCode() {
        return Objects.hash(suite, date, commit, machine);
    }

    @Override
    public String toString() {
        return fileName();
    }

    public static void main(final String[] args) {
        if (args.length < 2 || args.length > 3) {
            System.err.println("Usage: ResultFileName SUITE COMMIT [DATE]  prints SUITE-DATE-COMMIT-MACHINE.json;"
                + " DATE defaults to today (UTC), MACHINE is $" + MachineLabel.ENVIRONMENT_VARIABLE
                + " or derived from virtualisation and cores");
            System.exit(USAGE_ERROR);
        }
        try {
            final LocalDate date = args.length == 3 ? LocalDate.parse(args[2]) : LocalDate.now(ZoneOffset.UTC);
            System.out.println(of(args[0], date, args[1], MachineLabel.current()).fileName());
        } catch (final IllegalArgumentException | DateTimeParseException e) {
            System.err.println("ResultFileName: " + e.getMessage());
            System.exit(USAGE_ERROR);
        }
    }
}
