package io.ackbench.log;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFileTest {
    /** A two-field entry standing in for the real formats. */
    private record Pair(int key, long value) {
    }

    private static final CheckpointFile.Format<Pair> PAIRS = new CheckpointFile.Format<>() {
        @Override
        public int fieldCount() {
            return 2;
        }

        @Override
        public String[] fields(final Pair entry) {
            return new String[] {Integer.toString(entry.key()), Long.toString(entry.value())};
        }

        @Override
        public Pair parse(final CheckpointFile.Line line) {
            return new Pair(line.intField(0, "key"), line.longField(1, "value"));
        }
    };

    @TempDir
    Path dir;

    private CheckpointFile<Pair> checkpoint() {
        return new CheckpointFile<>(dir.resolve("pairs"), PAIRS);
    }

    private String text() throws IOException {
        return Files.readString(dir.resolve("pairs"), UTF_8);
    }

    private void writeText(final String text) throws IOException {
        Files.writeString(dir.resolve("pairs"), text, UTF_8);
    }

    @Test
    void writesKafkasTextAndReadsItBack() throws IOException {
        checkpoint().write(List.of(new Pair(0, 1), new Pair(1, 2), new Pair(7, 1L << 40)));
        assertThat(text()).isEqualTo("0\n3\n0 1\n1 2\n7 1099511627776\n");
        assertThat(checkpoint().read()).containsExactly(new Pair(0, 1), new Pair(1, 2), new Pair(7, 1L << 40));
        assertThat(dir.resolve("pairs.tmp")).doesNotExist();
    }

    @Test
    void zeroEntriesAreAVersionAndACountOfZero() throws IOException {
        checkpoint().write(List.of());
        assertThat(text()).isEqualTo("0\n0\n");
        assertThat(checkpoint().read()).isEmpty();
    }

    @Test
    void aWriteReplacesTheWholeFile() throws IOException {
        checkpoint().write(List.of(new Pair(0, 1), new Pair(1, 2)));
        checkpoint().write(List.of(new Pair(3, 4)));
        assertThat(text()).isEqualTo("0\n1\n3 4\n");
    }

    @Test
    void aMissingFileReadsAsEmpty() {
        assertThat(checkpoint().read()).isEmpty();
        assertThat(dir.resolve("pairs")).doesNotExist();
    }

    @Test
    void aTmpLeftByACrashBeforeTheRenameIsIgnoredAndOverwritten() throws IOException {
        checkpoint().write(List.of(new Pair(1, 5)));
        // What a crash between writing the .tmp and renaming it leaves: a complete or partial newer file.
        Files.writeString(dir.resolve("pairs.tmp"), "0\n2\n1 5\n2 ", UTF_8);
        assertThat(checkpoint().read()).containsExactly(new Pair(1, 5));

        checkpoint().write(List.of(new Pair(1, 5), new Pair(2, 9)));
        assertThat(text()).isEqualTo("0\n2\n1 5\n2 9\n");
        assertThat(dir.resolve("pairs.tmp")).doesNotExist();
    }

    @Test
    void aTmpAloneIsNotReadAsTheCheckpoint() throws IOException {
        Files.writeString(dir.resolve("pairs.tmp"), "0\n1\n1 5\n", UTF_8);
        assertThat(checkpoint().read()).isEmpty();
    }

    @Test
    void fieldsMaySeparateByAnyWhitespaceAsKafkaReads() throws IOException {
        writeText("0\n2\n1   5\n2\t9 \n");
        assertThat(checkpoint().read()).containsExactly(new Pair(1, 5), new Pair(2, 9));
    }

    @Test
    void anEmptyFileIsCorruptNotEmpty() throws IOException {
        writeText("");
        assertCorrupt(1, "the file is empty; expected the version line");
    }

    @Test
    void anUnknownVersionIsCorrupt() throws IOException {
        writeText("1\n0\n");
        assertCorrupt(1, "unsupported version 1, expected 0");
    }

    @Test
    void aNonNumericVersionIsCorrupt() throws IOException {
        writeText("v0\n0\n");
        assertCorrupt(1, "version 'v0' is not a 32-bit integer");
    }

    @Test
    void aMissingCountLineIsCorrupt() throws IOException {
        writeText("0\n");
        assertCorrupt(2, "the entry count line is missing");
    }

    @Test
    void aNonNumericOrNegativeCountIsCorrupt() throws IOException {
        writeText("0\ntwo\n1 5\n2 9\n");
        assertCorrupt(2, "entry count 'two' is not a 32-bit integer");
        writeText("0\n-1\n");
        assertCorrupt(2, "entry count -1 is negative");
    }

    @Test
    void fewerEntriesThanTheCountIsCorrupt() throws IOException {
        writeText("0\n3\n1 5\n2 9\n");
        assertCorrupt(5, "line 2 declares 3 entries but the file ends after 2");
    }

    @Test
    void moreEntriesThanTheCountIsCorrupt() throws IOException {
        writeText("0\n1\n1 5\n2 9\n");
        assertCorrupt(4, "line 2 declares 1 entries but 2 lines follow it");
        writeText("0\n0\n\n");
        assertCorrupt(3, "line 2 declares 0 entries but 1 lines follow it");
    }

    @Test
    void aNonNumericFieldIsCorrupt() throws IOException {
        writeText("0\n2\n1 5\n2 nine\n");
        assertCorrupt(4, "value 'nine' is not a 64-bit integer");
        writeText("0\n1\n3000000000 5\n");
        assertCorrupt(3, "key '3000000000' is not a 32-bit integer");
    }

    @Test
    void aMissingOrExtraFieldIsCorrupt() throws IOException {
        writeText("0\n2\n1\n2 9\n");
        assertCorrupt(3, "expected 2 fields separated by a space, found 1 in '1'");
        writeText("0\n1\n1 5 7\n");
        assertCorrupt(3, "expected 2 fields separated by a space, found 3 in '1 5 7'");
        writeText("0\n1\n\n");
        assertCorrupt(3, "expected 2 fields separated by a space, found 1 in ''");
    }

    @Test
    void bytesThatAreNotUtf8AreCorrupt() throws IOException {
        Files.write(dir.resolve("pairs"), new byte[] {'0', '\n', '1', '\n', (byte) 0xC3, ' ', '1', '\n'});
        assertThatThrownBy(() -> checkpoint().read())
            .isInstanceOfSatisfying(CorruptCheckpointException.class,
                e -> assertThat(e.lineNumber()).isEqualTo(CorruptCheckpointException.WHOLE_FILE))
            .hasMessage("Corrupt checkpoint file " + dir.resolve("pairs").toAbsolutePath() + ": not UTF-8 text");
    }

    @Test
    void anEntryThatWouldNotReadBackIsRefusedAndTheFileKept() throws IOException {
        final CheckpointFile.Format<String> words = new CheckpointFile.Format<>() {
            @Override
            public int fieldCount() {
                return 1;
            }

            @Override
            public String[] fields(final String entry) {
                return new String[] {entry};
            }

            @Override
            public String parse(final CheckpointFile.Line line) {
                return line.text(0);
            }
        };
        final CheckpointFile<String> file = new CheckpointFile<>(dir.resolve("pairs"), words);
        file.write(List.of("a"));
        assertThatThrownBy(() -> file.write(List.of("b c"))).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'b c'");
        assertThatThrownBy(() -> file.write(List.of(""))).isInstanceOf(IllegalArgumentException.class);
        assertThat(text()).isEqualTo("0\n1\na\n");
    }

    private void assertCorrupt(final int line, final String problem) {
        final Path file = dir.resolve("pairs").toAbsolutePath();
        assertThatThrownBy(() -> checkpoint().read())
            .isInstanceOfSatisfying(CorruptCheckpointException.class, e -> {
                assertThat(e.file()).isEqualTo(file);
                assertThat(e.lineNumber()).isEqualTo(line);
            })
            .hasMessage("Corrupt checkpoint file " + file + ", line " + line + ": " + problem);
    }
}
