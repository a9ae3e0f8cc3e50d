package io.ackbench.tools.nightly;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GateDecisionTest {
    private static final String BASELINE = "nightly-2026-11-24-45e5ea8-kvm2c.json";

    @TempDir
    Path dir;

    private final HostFingerprint here = HostFingerprint.of(HostFingerprintTest.fields());

    private HostFingerprint elsewhere() {
        final Map<String, String> fields = HostFingerprintTest.fields();
        fields.put(HostFingerprint.CPU_MODEL, "Intel Xeon");
        fields.put(HostFingerprint.KERNEL, "6.18.44");
        return HostFingerprint.of(fields);
    }

    @Test
    void theSameHostComparesWithTheStoredBaseline() {
        final GateDecision decision = GateDecision.decide(here, Optional.of(HostFingerprint.of(
            HostFingerprintTest.fields())), BASELINE, false);

        assertThat(decision.mode()).isEqualTo(GateDecision.Mode.STORED);
        assertThat(decision.commit()).isEqualTo("45e5ea8");
        assertThat(decision.headline()).isEqualTo("baseline host matches (fingerprint " + here.shortDigest()
            + "): compared with the stored baseline " + BASELINE);
    }

    @Test
    void anotherHostReMeasuresTheBaselinesCommit() {
        final GateDecision decision = GateDecision.decide(here, Optional.of(elsewhere()), BASELINE, false);

        assertThat(decision.mode()).isEqualTo(GateDecision.Mode.REMEASURE);
        assertThat(decision.commit()).isEqualTo("45e5ea8");
        assertThat(decision.headline()).isEqualTo("baseline host differs (cpu model: Intel Xeon vs AMD EPYC; "
            + "kernel: 6.18.44 vs 6.1.0): re-measured baseline commit 45e5ea8 beside this one, A B B A");
    }

    @Test
    void aBaselineWithoutFingerprintCountsAsAnotherHost() {
        final GateDecision decision = GateDecision.decide(here, Optional.empty(), BASELINE, false);

        assertThat(decision.mode()).isEqualTo(GateDecision.Mode.REMEASURE);
        assertThat(decision.headline()).isEqualTo("baseline host differs (the baseline has no host fingerprint): "
            + "re-measured baseline commit 45e5ea8 beside this one, A B B A");
    }

    @Test
    void aFileGivenWithAgainstIsComparedAsAskedWithTheWarning() {
        final GateDecision decision = GateDecision.decide(here, Optional.empty(), "old-run.json", true);

        assertThat(decision.mode()).isEqualTo(GateDecision.Mode.AGAINST);
        assertThat(decision.commit()).isEqualTo("-");
        assertThat(decision.headline()).isEqualTo("baseline host differs (the baseline has no host fingerprint): "
            + "compared with the stored old-run.json as --against asked; its figures may not hold on this host");
        assertThat(GateDecision.decide(here, Optional.of(here), "old-run.json", true).mode())
            .isEqualTo(GateDecision.Mode.STORED);
    }

    @Test
    void anotherHostsBaselineWithoutCommitInItsNameCannotBeReMeasured() {
        assertThatThrownBy(() -> GateDecision.decide(here, Optional.empty(), "old-run.json", false))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("the baseline old-run.json is another host's, and its name carries no commit to re-measure "
                + "(the baseline has no host fingerprint)");
    }

    @Test
    void printsModeCommitAndHeadlineForTheScript() throws Exception {
        final Path baseline = Files.writeString(dir.resolve(BASELINE), "[]");
        elsewhere().write(HostFingerprint.siblingOf(baseline));
        final Path host = dir.resolve("current.host.json");
        here.write(host);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();

        final int status = GateDecision.run(new String[] {"--host", host.toString(), "--baseline",
            baseline.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("remeasure\n45e5ea8\nbaseline host differs "
            + "(cpu model: Intel Xeon vs AMD EPYC; kernel: 6.18.44 vs 6.1.0): re-measured baseline commit 45e5ea8 "
            + "beside this one, A B B A\n");
    }

    @Test
    void theCommittedBaselineWithoutHostFileIsReMeasured() throws Exception {
        final Path committed = Path.of("..", "results", "baselines", BASELINE);
        final Path host = dir.resolve("current.host.json");
        here.write(host);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        final int status = GateDecision.run(new String[] {"--host", host.toString(), "--baseline",
            committed.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("remeasure\n45e5ea8\n");
    }
}
