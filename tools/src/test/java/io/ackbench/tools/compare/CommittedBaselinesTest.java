package io.ackbench.tools.compare;

import io.ackbench.tools.results.BenchmarkResult;
import io.ackbench.tools.results.JmhResults;
import io.ackbench.tools.results.ResultFileName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The committed baselines follow results/README.md: named SUITE-DATE-COMMIT-MACHINE.json, readable, comparable. */
class CommittedBaselinesTest {
    /** Surefire runs in the tools module's directory. */
    private static final Path BASELINES = Path.of("..", "results", "baselines");

    @Test
    void everyBaselineIsNamedByTheLayoutAndComparesUnchangedWithItself() throws IOException {
        final List<Path> files;
        try (Stream<Path> listing = Files.list(BASELINES)) {
            // A nightly baseline's host fingerprint (NAME.host.json) sits beside it; HostFingerprintTest reads those.
            files = listing.filter(file -> !file.getFileName().toString().endsWith(".host.json")).sorted()
                .collect(Collectors.toList());
        }
        assertThat(files).isNotEmpty();
        for (final Path file : files) {
            final ResultFileName name = ResultFileName.parse(file.getFileName().toString());
            assertThat(name.fileName()).isEqualTo(file.getFileName().toString());

            final List<BenchmarkResult> results = JmhResults.read(file);
            final Comparison self = Comparison.of(results, results, ComparisonSettings.defaults());

            assertThat(results).as(file.toString()).isNotEmpty();
            assertThat(self.rows()).as(file.toString()).hasSameSizeAs(results)
                .allSatisfy(row -> assertThat(row.ratio()).isEqualTo(1.0))
                .noneMatch(row -> row.verdict() == Verdict.REGRESSION || row.verdict() == Verdict.IMPROVEMENT);
            assertThat(self.hasRegression()).isFalse();
        }
    }
}
