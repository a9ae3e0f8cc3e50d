package io.ackbench.tools.nightly;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AbbaSessionTest {
    @TempDir
    Path root;

    @Test
    void runsAreABBA() {
        final Path jarA = Path.of("a.jar");
        final Path jarB = Path.of("b.jar");

        assertThat(AbbaSession.runs("aaa", jarA, "bbb", jarB)).containsExactly(
            new AbbaSession.Run(1, "aaa", jarA, true), new AbbaSession.Run(2, "bbb", jarB, false),
            new AbbaSession.Run(3, "bbb", jarB, false), new AbbaSession.Run(4, "aaa", jarA, true));
    }

    @Test
    void runFilesAreNumberedAndNamedAfterTheCommit() {
        final AbbaSession.Run run = new AbbaSession.Run(3, "bbb", Path.of("b.jar"), false);

        assertThat(run.result(root)).isEqualTo(root.resolve("3-bbb.json"));
        assertThat(run.latencyDir(root)).isEqualTo(root.resolve("latency-3-bbb"));
    }

    @Test
    void sessionRunsTheListWithEachJarInTurnThenReportsAAgainstB() throws Exception {
        final Path list = Files.writeString(root.resolve("list"), "Bench\n");
        final Path runDir = root.resolve("abba");
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();

        final int status = AbbaSession.run(new String[] {"--root", root.toString(), "--list", list.toString(),
                "--run-dir", runDir.toString(), "--a", "aaa", "--jar-a", "a.jar", "--b", "bbb", "--jar-b", "b.jar",
                "--jmh-args", "-f 1"}, FakeJava.create(root),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        final List<String> calls = FakeJava.calls(root);
        assertThat(calls).hasSize(4);
        assertThat(calls).extracting(call -> call.contains("/a.jar") ? "A" : "B").containsExactly("A", "B", "B", "A");
        assertThat(runDir.resolve("1-aaa.json")).isRegularFile();
        assertThat(runDir.resolve("2-bbb.json")).isRegularFile();
        assertThat(runDir.resolve("3-bbb.json")).isRegularFile();
        assertThat(runDir.resolve("4-aaa.json")).isRegularFile();
        assertThat(runDir.resolve("report.md")).isRegularFile();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("== A B B A: line 1 of 1, run 1 of 4, commit aaa",
            "== A B B A: line 1 of 1, run 4 of 4, commit aaa");
        assertThat(out.toString(StandardCharsets.UTF_8))
            .contains("A B B A of aaa (baseline) and bbb (current): " + runDir.resolve("report.md"));
    }

    @Test
    void eachLineRunsABBABeforeTheNextAndEachRunJoinsItsOwnLines() throws Exception {
        final Path list = Files.writeString(root.resolve("list"), "First\n# a comment\nSecond\n");
        final Path runDir = root.resolve("abba");

        final int status = AbbaSession.run(new String[] {"--root", root.toString(), "--list", list.toString(),
                "--run-dir", runDir.toString(), "--a", "aaa", "--jar-a", "a.jar", "--b", "bbb", "--jar-b", "b.jar"},
            FakeJava.create(root), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertThat(status).isZero();
        assertThat(FakeJava.calls(root))
            .extracting(call -> (call.contains("/a.jar") ? "A " : "B ")
                + (call.contains(" First ") ? "First" : "Second"))
            .containsExactly("A First", "B First", "B First", "A First", "A Second", "B Second", "B Second",
                "A Second");
        for (final String run : List.of("1-aaa.json", "2-bbb.json", "3-bbb.json", "4-aaa.json")) {
            assertThat(Files.readString(runDir.resolve(run))).contains("First", "Second");
        }
    }

    @Test
    void onlyTheBSideGetsItsJvmOptionsAndTheReportStartsWithTheHeadline() throws Exception {
        final Path list = Files.writeString(root.resolve("list"), "Bench\n");
        final Path runDir = root.resolve("abba");
        final ByteArrayOutputStream err = new ByteArrayOutputStream();

        final int status = AbbaSession.run(new String[] {"--root", root.toString(), "--list", list.toString(),
                "--run-dir", runDir.toString(), "--a", "aaa", "--jar-a", "a.jar", "--b", "aaa-slow10", "--jar-b",
                "a.jar", "--jvm-args-b", "-Dackbench.inject.slowdownPercent=10", "--headline", "baseline host differs"},
            FakeJava.create(root), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(FakeJava.calls(root)).extracting(call -> call.contains("-Dackbench.inject.slowdownPercent=10"))
            .containsExactly(false, true, true, false);
        assertThat(Files.readString(runDir.resolve("report.md")))
            .startsWith("# ackbench nightly report\n\nbaseline host differs\n\nCurrent: ");
    }
}
