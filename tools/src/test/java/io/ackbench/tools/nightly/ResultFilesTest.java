package io.ackbench.tools.nightly;

import io.ackbench.tools.results.BenchmarkResult;
import io.ackbench.tools.results.JmhResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultFilesTest {
    @TempDir
    Path dir;

    @Test
    void partsAreJoinedInOrderIntoOneJmhFile() throws IOException {
        final Path first = write("a.json", "[" + NightlyJson.thrpt("A.one", 1, 2) + "," + NightlyJson.thrpt("A.two", 3, 4)
            + "]");
        final Path second = write("b.json", "[" + NightlyJson.thrpt("B.one", 5, 6) + "]");

        final int count = ResultFiles.concat(List.of(first, second), dir.resolve("run/all.json"));

        assertThat(count).isEqualTo(3);
        final List<BenchmarkResult> all = JmhResults.read(dir.resolve("run/all.json"));
        assertThat(all).extracting(BenchmarkResult::shortName).containsExactly("A.one", "A.two", "B.one");
        assertThat(all.get(2).primary().samples()).containsExactly(5, 6);
    }

    @Test
    void fileThatIsNotAJmhArrayIsNamed() throws IOException {
        final Path object = write("object.json", "{\"benchmark\": \"x\"}");

        assertThatThrownBy(() -> ResultFiles.concat(List.of(object), dir.resolve("out.json")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage(object + ": not a JMH result file (expected a JSON array)");
    }

    private Path write(final String name, final String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
