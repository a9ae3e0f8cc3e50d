package io.ackbench.tools.flame;

import io.ackbench.tools.flame.FlameGraphHtml.Frame;
import io.ackbench.tools.flame.FlameGraphHtml.Summary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlameGraphHtmlTest {
    @Test
    void namesAreExpandedFromTheirSharedPrefixWithThePreviousName() {
        assertThat(FlameGraphHtml.parse(FlameGraphPages.PROJECT_CPU).names()).containsExactly(
            "all", "io/ackbench/jmh/Bench.run", "io/ackbench/record/Writer.append", "java/lang/Object.wait",
            "java/lang/Thread.run");
    }

    @Test
    void aPlainTextSearchSeesOnlyTheFirstOfARunOfProjectNames() {
        assertThat(FlameGraphPages.PROJECT_CPU.split("io/ackbench", -1)).hasSize(2);
        assertThat(FlameGraphHtml.parse(FlameGraphPages.PROJECT_CPU).names())
            .filteredOn(name -> name.startsWith("io/ackbench/")).hasSize(2);
    }

    @Test
    void escapedQuotesAndBackslashesAreUnescapedIncludingAnEscapedPrefixLength() {
        // '\'' is the prefix length 7 (39 - 32): "abcdefg" from the name before.
        final String page = FlameGraphPages.page("""
            'all',
            ' abcdefgh',
            '\\'XY',
            ' it\\'s\\\\here'
            """, "n(3,1)");

        assertThat(FlameGraphHtml.parse(page).names()).containsExactly("all", "abcdefgh", "abcdefgXY", "it's\\here");
    }

    @Test
    void framesAreReplayedWithLevelLeftEdgeAndWidth() {
        assertThat(FlameGraphHtml.parse(FlameGraphPages.PROJECT_CPU).frames()).containsExactly(
            new Frame("all", 0, 0, 100),
            new Frame("java/lang/Thread.run", 1, 0, 90),
            new Frame("io/ackbench/jmh/Bench.run", 2, 0, 90),
            new Frame("io/ackbench/record/Writer.append", 3, 0, 60),
            new Frame("java/lang/Object.wait", 3, 60, 20),
            new Frame("io/ackbench/jmh/Bench.run", 1, 90, 5));
    }

    @Test
    void summaryCountsFramesDistinctNamesAndSamplesUnderThemOnce() {
        final Summary project = FlameGraphHtml.parse(FlameGraphPages.PROJECT_CPU)
            .summarize(name -> name.startsWith("io/ackbench/"));

        assertThat(project).isEqualTo(new Summary(3, 2, 95, 100));
        assertThat(project.samplePercent()).isEqualTo(95.0);
    }

    @Test
    void anEmptyGraphHasItsRootOnlyAndNoSamples() {
        final FlameGraphHtml empty = FlameGraphHtml.parse(FlameGraphPages.EMPTY);

        assertThat(empty.frames()).containsExactly(new Frame("all", 0, 0, 0));
        assertThat(empty.summarize(name -> true)).isEqualTo(new Summary(1, 1, 0, 0));
        assertThat(empty.summarize(name -> true).samplePercent()).isZero();
    }

    @Test
    void readNamesTheFileThatIsNoFlameGraph(@TempDir final Path dir) throws Exception {
        final Path file = Files.writeString(dir.resolve("flame.html"), "<html>no graph</html>");

        assertThatThrownBy(() -> FlameGraphHtml.read(file))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage(file + ": no 'const cpool = [' (not an async-profiler 3.x/4.x flame graph)");
    }

    @Test
    void aPrefixLongerThanThePreviousNameIsRejected() {
        assertThatThrownBy(() -> FlameGraphHtml.parse(FlameGraphPages.page("'all',\n'%toolong'", "n(3,1)")))
            .hasMessage("frame name 1 shares 5 characters with the previous name, which has 3");
    }

    @Test
    void aFrameNamingAMissingEntryIsRejected() {
        assertThatThrownBy(() -> FlameGraphHtml.parse(FlameGraphPages.page("'all'", "n(3,1)\nu(8,1)")))
            .hasMessage("frame 'u(8,1)' names entry 1 of 1 frame names");
    }

    @Test
    void aPageWithoutFramesIsRejected() {
        assertThatThrownBy(() -> FlameGraphHtml.parse(FlameGraphPages.page("'all'", "")))
            .hasMessage("no frames after 'unpack(cpool);', not even the root");
    }
}
