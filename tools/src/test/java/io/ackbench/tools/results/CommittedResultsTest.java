package io.ackbench.tools.results;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What is committed under results/ is shared with every clone: no file in it names a path of one machine. */
class CommittedResultsTest {
    /** Surefire runs in the tools module's directory. */
    private static final Path RESULTS = Path.of("..", "results");
    /** Run output, which .gitignore keeps out of the repository. */
    private static final Set<String> NOT_COMMITTED = Set.of("runs", "flames");
    private static final Set<String> TEXT = Set.of(".json", ".md", ".hgrm", ".csv", ".txt", ".svg");

    @Test
    void noCommittedResultNamesAPathOfAnyMachine() throws IOException {
        final List<Path> files = committedTextFiles();
        assertThat(files).isNotEmpty();
        for (final Path file : files) {
            assertThat(MachinePaths.in(Files.readString(file))).as(file.toString()).isEmpty();
        }
    }

    private static List<Path> committedTextFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(RESULTS)) {
            return walk
                .filter(Files::isRegularFile)
                .filter(file -> !NOT_COMMITTED.contains(RESULTS.relativize(file).getName(0).toString()))
                .filter(file -> TEXT.stream().anyMatch(file.getFileName().toString()::endsWith))
                .sorted()
                .collect(Collectors.toList());
        }
    }
}
