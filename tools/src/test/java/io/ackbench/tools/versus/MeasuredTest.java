package io.ackbench.tools.versus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MeasuredTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant FROM = Instant.parse("2026-12-07T19:51:37Z");
    private static final Instant TO = Instant.parse("2026-12-07T20:12:05Z");

    @Test
    void saysWhenWhereAndAtWhichCommitInUtc() {
        assertThat(Measured.of(FROM, TO, "kvm2c", "7b576c6").sentence())
            .isEqualTo("Measured 2026-12-07 19:51 to 20:12 UTC on kvm2c at 7b576c6.");
        assertThat(Measured.of(FROM, Instant.parse("2026-12-08T00:03:00Z"), "kvm2c", "7b576c6").sentence())
            .isEqualTo("Measured 2026-12-07 19:51 to 2026-12-08 00:03 UTC on kvm2c at 7b576c6.");
        assertThat(Measured.NOT_RECORDED.sentence()).startsWith("When, where and at which commit it was measured is "
            + "not recorded");
    }

    @Test
    void readsBackWhatItWroteAndAnOlderFileWithoutItAsNotRecorded() {
        final ObjectNode configuration = JSON.createObjectNode();
        Measured.of(FROM, TO, "kvm2c", "7b576c6 (with uncommitted changes)").writeTo(configuration);
        final Measured read = Measured.readFrom(configuration);
        assertThat(read.from()).isEqualTo(FROM);
        assertThat(read.to()).isEqualTo(TO);
        assertThat(read.machine()).isEqualTo("kvm2c");
        assertThat(read.commit()).isEqualTo("7b576c6 (with uncommitted changes)");

        final ObjectNode older = JSON.createObjectNode();
        assertThat(Measured.readFrom(older).recorded()).isFalse();
        Measured.NOT_RECORDED.writeTo(older);
        assertThat(older.get("measured").isNull()).isTrue();
        assertThat(Measured.readFrom(older).recorded()).isFalse();
    }

    @Test
    void refusesAnEndBeforeItsStartAndATimeItCannotRead() {
        assertThatThrownBy(() -> Measured.of(TO, FROM, "kvm2c", "7b576c6"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("measured from 2026-12-07T20:12:05Z to 2026-12-07T19:51:37Z: the end is before the start");
        final ObjectNode configuration = JSON.createObjectNode();
        configuration.putObject("measured").put("from", "yesterday").put("to", TO.toString());
        assertThatThrownBy(() -> Measured.readFrom(configuration))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("\"measured\" is not two instants (from, to): ");
    }

    @Test
    void aMatrixOfSeveralSessionsSaysSoAboveEverythingElse(@org.junit.jupiter.api.io.TempDir final Path tmp) {
        final Versus first = SyntheticRuns.unbounded(tmp).measured(Measured.of(FROM, TO, "kvm2c", "7b576c6"));
        final Versus second = SyntheticRuns.unbounded(tmp).measured(Measured.of(
            Instant.parse("2026-12-08T10:00:00Z"), Instant.parse("2026-12-08T10:15:00Z"), "kvm2c", "abc1234"));
        final Versus older = SyntheticRuns.unbounded(tmp);

        assertThat(VersusReport.when(List.of(first, second, older))).isEqualTo("Measured from 2026-12-07 19:51 to "
            + "2026-12-08 10:15 UTC on kvm2c at commits 7b576c6, abc1234; 1 of 3 configurations do not record when. "
            + "Each configuration's section says when it ran.\n\n");
        assertThat(VersusReport.when(List.of(first))).as("a single configuration's section says it").isEmpty();
        assertThat(VersusReport.when(List.of(older, older))).isEmpty();
    }
}
