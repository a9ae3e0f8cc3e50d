package io.ackbench.tools.nightly;

import io.ackbench.tools.results.ResultFileName;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the nightly gate may trust a stored baseline's figures: only when the baseline was measured on this host
 * ({@link HostFingerprint}). Otherwise {@code scripts/nightly.sh} builds the baseline's commit (its file name carries
 * it) and runs it A B B A beside this one, so that both sides are measured here. A baseline without a fingerprint
 * counts as another host's. A baseline given with {@code --against} is the user's explicit choice: it is compared
 * as asked, with the warning in the report's first lines.
 *
 * <p>{@code GateDecision --host CURRENT.host.json --baseline BASELINE.json [--chosen-by default|against]} prints
 * three lines: the mode ({@code stored}, {@code remeasure}, {@code against}), the baseline's commit ({@code -} when
 * its name carries none) and the report's headline. Exit 2 on bad input.
 */
public final class GateDecision {
    /** What the gate compares with. */
    public enum Mode {
        /** The stored baseline: measured on this host. */
        STORED("stored"),
        /** The baseline's commit, re-measured A B B A beside this one: the stored one is another host's. */
        REMEASURE("remeasure"),
        /** The stored file given with --against although it is another host's: compared as asked, with a warning. */
        AGAINST("against");

        private final String word;

        Mode(final String word) {
            this.word = word;
        }

        /** As the script reads it. */
        public String word() {
            return word;
        }
    }

    static final String NO_FINGERPRINT = "the baseline has no host fingerprint";

    private final Mode mode;
    private final String commit;
    private final String headline;

    private GateDecision(final Mode mode, final String commit, final String headline) {
        this.mode = mode;
        this.commit = commit;
        this.headline = headline;
    }

    /**
     * @param current          this host
     * @param baselineHost     the baseline's host, empty when it has no fingerprint
     * @param baselineFileName the baseline's file name, e.g. {@code nightly-2026-11-24-45e5ea8-kvm2c.json}
     * @param chosenByAgainst  whether the user named the baseline with {@code --against}
     * @throws IllegalArgumentException when the baseline must be re-measured but its name carries no commit
     */
    public static GateDecision decide(final HostFingerprint current, final Optional<HostFingerprint> baselineHost,
                                      final String baselineFileName, final boolean chosenByAgainst) {
        final Optional<String> commit = commitOf(baselineFileName);
        if (baselineHost.isPresent() && baselineHost.get().sameHost(current)) {
            return new GateDecision(Mode.STORED, commit.orElse("-"), "baseline host matches (fingerprint "
                + current.shortDigest() + "): compared with the stored baseline " + baselineFileName);
        }
        final String why = baselineHost.map(current::differencesFrom).orElse(NO_FINGERPRINT);
        if (chosenByAgainst) {
            return new GateDecision(Mode.AGAINST, commit.orElse("-"), "baseline host differs (" + why
                + "): compared with the stored " + baselineFileName
                + " as --against asked; its figures may not hold on this host");
        }
        final String sha = commit.orElseThrow(() -> new IllegalArgumentException("the baseline " + baselineFileName
            + " is another host's, and its name carries no commit to re-measure (" + why + ")"));
        return new GateDecision(Mode.REMEASURE, sha, "baseline host differs (" + why + "): re-measured baseline commit "
            + sha + " beside this one, A B B A");
    }

    private static Optional<String> commitOf(final String fileName) {
        try {
            return Optional.of(ResultFileName.parse(fileName).commit());
        } catch (final IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public Mode mode() {
        return mode;
    }

    /** The baseline's commit, or {@code -} when its name carries none (only outside {@link Mode#REMEASURE}). */
    public String commit() {
        return commit;
    }

    /** The report's first line after its title. */
    public String headline() {
        return headline;
    }

    public static void main(final String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(final String[] args, final PrintStream out, final PrintStream err) {
        try {
            final Map<String, String> flags = Flags.parse(args, List.of("--host", "--baseline"),
                List.of("--chosen-by"));
            final String chosenBy = flags.getOrDefault("--chosen-by", "default");
            if (!chosenBy.equals("default") && !chosenBy.equals("against")) {
                throw new IllegalArgumentException("--chosen-by is default or against, was " + chosenBy);
            }
            final HostFingerprint current = HostFingerprint.parse(Files.readString(Path.of(flags.get("--host"))));
            final Path baseline = Path.of(flags.get("--baseline"));
            final GateDecision decision = decide(current, HostFingerprint.besides(baseline),
                baseline.getFileName().toString(), chosenBy.equals("against"));
            out.println(decision.mode().word());
            out.println(decision.commit());
            out.println(decision.headline());
            return JmhListRun.EXIT_OK;
        } catch (final IllegalArgumentException | UncheckedIOException | IOException e) {
            err.println("nightly.sh: " + e.getMessage());
            return JmhListRun.EXIT_BAD_INPUT;
        }
    }
}
