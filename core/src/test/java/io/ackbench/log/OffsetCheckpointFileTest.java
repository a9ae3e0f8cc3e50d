package io.ackbench.log;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.ackbench.log.OffsetCheckpointFile.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OffsetCheckpointFileTest {
    @TempDir
    Path dir;

    @Test
    void theBrokerWideFilesHaveKafkasNames() {
        assertThat(OffsetCheckpointFile.highWatermarks(dir).file())
            .isEqualTo(dir.resolve("replication-offset-checkpoint").toAbsolutePath());
        assertThat(OffsetCheckpointFile.recoveryPoints(dir).file())
            .isEqualTo(dir.resolve("recovery-point-offset-checkpoint").toAbsolutePath());
        assertThat(OffsetCheckpointFile.LOG_START_OFFSETS).isEqualTo("log-start-offset-checkpoint");
    }

    @Test
    void writesTopicPartitionOffsetLinesSortedAndReadsThemBack() throws IOException {
        final Map<TopicPartition, Long> offsets = new HashMap<>();
        offsets.put(new TopicPartition("orders", 1), 5L);
        offsets.put(new TopicPartition("orders", 0), 7L);
        offsets.put(new TopicPartition("audit", 2), 0L);
        offsets.put(new TopicPartition("orders", 10), 1L << 33);
        final OffsetCheckpointFile highWatermarks = OffsetCheckpointFile.highWatermarks(dir);
        highWatermarks.write(offsets);
        assertThat(Files.readString(dir.resolve("replication-offset-checkpoint"), UTF_8))
            .isEqualTo("0\n4\naudit 2 0\norders 0 7\norders 1 5\norders 10 8589934592\n");
        final Map<TopicPartition, Long> read = OffsetCheckpointFile.highWatermarks(dir).read();
        assertThat(read).isEqualTo(offsets);
        read.put(new TopicPartition("audit", 0), 3L);
        assertThat(read).hasSize(5);
    }

    @Test
    void topicPartitionsAreEqualByTopicAndPartitionAsARecordIs() {
        final TopicPartition orders0 = new TopicPartition("orders", 0);
        assertThat(orders0).isEqualTo(new TopicPartition("orders", 0))
            .hasSameHashCodeAs(new TopicPartition("orders", 0))
            .isNotEqualTo(new TopicPartition("orders", 1)).isNotEqualTo(new TopicPartition("audit", 0))
            .isNotEqualTo("orders-0");
        assertThat(new TopicPartition(null, 3)).isEqualTo(new TopicPartition(null, 3)).isNotEqualTo(orders0);
        assertThat(orders0.hashCode()).isEqualTo(31 * "orders".hashCode());
    }

    @Test
    void anEmptyMapIsACountOfZeroAndAMissingFileIsEmpty() throws IOException {
        final OffsetCheckpointFile recoveryPoints = OffsetCheckpointFile.recoveryPoints(dir);
        assertThat(recoveryPoints.read()).isEmpty();
        recoveryPoints.write(Map.of());
        assertThat(Files.readString(dir.resolve("recovery-point-offset-checkpoint"), UTF_8)).isEqualTo("0\n0\n");
        assertThat(recoveryPoints.read()).isEmpty();
    }

    @Test
    void readsAFileWithKafkasWideSpacing() throws IOException {
        Files.writeString(dir.resolve("replication-offset-checkpoint"), "0\n2\ntp1  0  1\ntp1 1 2\n", UTF_8);
        assertThat(OffsetCheckpointFile.highWatermarks(dir).read())
            .containsOnly(Map.entry(new TopicPartition("tp1", 0), 1L), Map.entry(new TopicPartition("tp1", 1), 2L));
    }

    @Test
    void malformedLinesAreCorruptNamingTheLine() throws IOException {
        assertCorrupt("0\n1\norders 0\n", 3, "expected 3 fields separated by a space, found 2 in 'orders 0'");
        assertCorrupt("0\n1\norders x 5\n", 3, "partition 'x' is not a 32-bit integer");
        assertCorrupt("0\n1\norders 0 five\n", 3, "offset 'five' is not a 64-bit integer");
        assertCorrupt("1\n0\n", 1, "unsupported version 1, expected 0");
        assertCorrupt("0\n2\norders 0 5\n", 4, "line 2 declares 2 entries but the file ends after 1");
        assertCorrupt("0\n2\norders 0 5\norders 0 6\n", 4, "partition orders 0 appears twice");
    }

    @Test
    void aTopicThatWouldNotReadBackIsRefused() {
        assertThatThrownBy(() -> OffsetCheckpointFile.highWatermarks(dir)
            .write(Map.of(new TopicPartition("two words", 0), 1L)))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(dir.resolve("replication-offset-checkpoint")).doesNotExist();
    }

    private void assertCorrupt(final String text, final int line, final String problem) throws IOException {
        final Path path = dir.resolve("replication-offset-checkpoint");
        Files.writeString(path, text, UTF_8);
        assertThatThrownBy(() -> OffsetCheckpointFile.highWatermarks(dir).read())
            .isInstanceOfSatisfying(CorruptCheckpointException.class,
                e -> assertThat(e.lineNumber()).isEqualTo(line))
            .hasMessage("Corrupt checkpoint file " + path.toAbsolutePath() + ", line " + line + ": " + problem);
    }
}
