package io.ackbench.tools.nightly;

import io.ackbench.tools.results.BenchmarkResult;
import io.ackbench.tools.results.JmhResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JmhListRunTest {
    @TempDir
    Path root;

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    @Test
    void listSkipsBlankAndCommentLinesAndKeepsTheOrder() {
        assertThat(JmhListRun.lines(List.of("# heading", "", "   ", "B.one -p x=1", "# A.skipped", "A.two")))
            .containsExactly("B.one -p x=1", "A.two");
    }

    @Test
    void wordsSplitAtAnyWhiteSpace() {
        assertThat(JmhListRun.words("  -f 2\t-wi 2  -prof gc ")).containsExactly("-f", "2", "-wi", "2", "-prof", "gc");
        assertThat(JmhListRun.words("  ")).isEmpty();
    }

    @Test
    void commandIsTheLineThenTheCommonOptionsThenOnePartPerLineWithTheLatencyDirectoryRelativeToTheRoot() {
        final JmhListRun runner = new JmhListRun(root, List.of("java"), List.of("-f", "2"), log, "test");
        final Path jar = root.resolve("jmh/target/benchmarks.jar");
        final Path part = root.resolve("out/parts-x/01.json");

        assertThat(runner.command(jar, "PartitionerBenchmark.murmur2 -p keySize=16,256", part,
            root.resolve("out/latency")))
            .containsExactly("java", "-Dackbench.latency.dir=out/latency", "-jar", jar.toString(),
                "PartitionerBenchmark.murmur2", "-p", "keySize=16,256", "-f", "2", "-foe", "true", "-rf", "json",
                "-rff", part.toString());
    }

    @Test
    void hostJvmOptionsGoBeforeTheJarSoThatJmhsForksInheritThem() {
        final JmhListRun runner = new JmhListRun(root, List.of("java"),
            List.of("-Dackbench.inject.slowdownPercent=10"), List.of("-f", "2"), log, "test");
        final Path jar = root.resolve("jmh/target/benchmarks.jar");
        final Path part = root.resolve("out/parts-x/01.json");

        assertThat(runner.command(jar, "ProduceBenchmark", part, root.resolve("out/latency")))
            .containsExactly("java", "-Dackbench.inject.slowdownPercent=10", "-Dackbench.latency.dir=out/latency",
                "-jar", jar.toString(), "ProduceBenchmark", "-f", "2", "-foe", "true", "-rf", "json", "-rff",
                part.toString());
    }

    @Test
    void partsGoBesideTheJoinedFile() {
        assertThat(JmhListRun.partsDirectory(root.resolve("runs/nightly-x.json")))
            .isEqualTo(root.resolve("runs/parts-nightly-x"));
    }

    @Test
    void runsEveryLineInTheRootAndJoinsThePartsThatProducedResultsInListOrder() throws Exception {
        final Path list = write("list", "# comment", "Beta -p a=1", "", "Missing", "Alpha");
        final JmhListRun runner = new JmhListRun(root, FakeJava.create(root), List.of("-f", "1"), log, "nightly.sh");
        final Path out = root.resolve("runs/run.json");

        assertThat(runner.run(root.resolve("benchmarks.jar"), list, out, root.resolve("runs/latency")))
            .isEqualTo(new JmhListRun.Joined(2, List.of("Missing")));

        assertThat(JmhResults.read(out)).extracting(BenchmarkResult::shortName)
            .containsExactly("jmh.Beta", "jmh.Alpha");
        final List<String> calls = FakeJava.calls(root);
        assertThat(calls).hasSize(3);
        assertThat(calls.get(0)).startsWith(root.toRealPath() + " -Dackbench.latency.dir=runs/latency -jar ")
            .endsWith("Beta -p a=1 -f 1 -foe true -rf json -rff " + root.resolve("runs/parts-run/01.json"));
        assertThat(logBytes.toString(StandardCharsets.UTF_8))
            .contains("== [1] Beta -p a=1", "fake JMH running Beta", "== [2] Missing",
                "nightly.sh: [2] 'Missing' produced no results", "== [3] Alpha", "2 results in " + out);
        assertThat(root.resolve("runs/latency")).isDirectory();
    }

    @Test
    void aListWhereNothingProducedResultsIsAnError() throws Exception {
        final Path list = write("list", "Missing");
        final JmhListRun runner = new JmhListRun(root, FakeJava.create(root), List.of(), log, "nightly.sh");

        assertThatThrownBy(() -> runner.run(root.resolve("benchmarks.jar"), list, root.resolve("run.json"),
            root.resolve("latency")))
            .isInstanceOf(JmhListRun.NoResultsException.class)
            .hasMessage("no benchmark of " + list + " produced results");
    }

    @Test
    void commandLineExitsTwoOnAMissingListOrFlag() {
        assertThat(JmhListRun.run(new String[] {"--root", root.toString()}, log)).isEqualTo(2);
        assertThat(JmhListRun.run(new String[] {"--root", ".", "--jar", "j", "--list", root.resolve("none").toString(),
            "--out", "o.json", "--latency-dir", "l"}, log)).isEqualTo(2);
        assertThat(logBytes.toString(StandardCharsets.UTF_8)).contains("nightly.sh: --jar is required",
            "nightly.sh: no benchmark list at " + root.resolve("none"));
    }

    private Path write(final String name, final String... lines) throws IOException {
        return Files.writeString(root.resolve(name), String.join("\n", lines) + "\n");
    }
}
