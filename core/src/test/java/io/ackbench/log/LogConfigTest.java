package io.ackbench.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import io.ackbench.config.ConfigException;
import io.ackbench.config.ConfigReader;
import org.junit.jupiter.api.Test;

class LogConfigTest {
    @Test
    void defaultsAreKafkasAndTheMmapBackend() {
        final LogConfig config = LogConfig.defaults();
        assertThat(config.segmentBytes()).isEqualTo(1073741824);
        assertThat(config.indexIntervalBytes()).isEqualTo(4096);
        assertThat(config.segmentIndexBytes()).isEqualTo(10485760);
        assertThat(config.maxIndexEntries()).isEqualTo(1310720);
        assertThat(config.flushMessages()).isEqualTo(Long.MAX_VALUE);
        assertThat(config.flushMs()).isEqualTo(Long.MAX_VALUE);
        assertThat(config.backend()).isEqualTo(SegmentBackend.MMAP);
        assertThat(config.pretouchBytes()).isEqualTo(1 << 20);
        assertThat(config.timeIndex()).isTrue();
        assertThat(config.maxTimeIndexEntries()).isEqualTo(873813);
    }

    @Test
    void everyKeyIsReadByItsKafkaName() {
        final LogConfig config = LogConfig.of(Map.of(
            "segment.bytes", "4096", "index.interval.bytes", "256", "segment.index.bytes", "20",
            "flush.messages", "1", "flush.ms", "0", "ackbench.log.backend", "Chronicle",
            "ackbench.log.pretouch.bytes", "0", "ackbench.log.time.index", "false"));
        assertThat(config.segmentBytes()).isEqualTo(4096);
        assertThat(config.indexIntervalBytes()).isEqualTo(256);
        assertThat(config.segmentIndexBytes()).isEqualTo(20);
        assertThat(config.maxIndexEntries()).isEqualTo(2);
        assertThat(config.flushMessages()).isEqualTo(1);
        assertThat(config.flushMs()).isZero();
        assertThat(config.backend()).isEqualTo(SegmentBackend.CHRONICLE);
        assertThat(config.pretouchBytes()).isZero();
        assertThat(config.timeIndex()).isFalse();
        assertThat(config.maxTimeIndexEntries()).isEqualTo(1);
        assertThat(LogConfig.KEYS).containsExactlyInAnyOrder("segment.bytes", "index.interval.bytes",
            "segment.index.bytes", "flush.messages", "flush.ms", "ackbench.log.backend", "ackbench.log.pretouch.bytes",
            "ackbench.log.time.index");
    }

    @Test
    void unknownKeyIsRejectedNamingItAndTheKnownKeys() {
        assertThatThrownBy(() -> LogConfig.of(Map.of("segment.byte", "4096")))
            .isInstanceOf(ConfigException.class)
            .hasMessageStartingWith("Invalid configuration segment.byte: unknown log configuration; known keys are [")
            .hasMessageContaining("segment.bytes");
    }

    @Test
    void fromReadsOnlyItsOwnKeysOfALargerConfig() {
        final ConfigReader broker = ConfigReader.partOf(Map.of("flush.messages", "5", "min.insync.replicas", "2"));
        assertThat(LogConfig.from(broker).flushMessages()).isEqualTo(5);
    }

    @Test
    void badValuesNameTheKeyTheValueAndWhatIsAllowed() {
        assertThatThrownBy(() -> LogConfig.of(Map.of("segment.bytes", "1023")))
            .hasMessage("Invalid value '1023' for configuration segment.bytes: expected a whole number in [1024, "
                + Integer.MAX_VALUE + "]");
        assertThatThrownBy(() -> LogConfig.of(Map.of("segment.index.bytes", "7")))
            .hasMessageContaining("configuration segment.index.bytes").hasMessageContaining("[8, ");
        assertThatThrownBy(() -> LogConfig.of(Map.of("flush.messages", "0")))
            .hasMessageContaining("configuration flush.messages").hasMessageContaining("[1, ");
        assertThatThrownBy(() -> LogConfig.of(Map.of("flush.ms", "-1")))
            .hasMessageContaining("configuration flush.ms").hasMessageContaining("[0, ");
        assertThatThrownBy(() -> LogConfig.of(Map.of("ackbench.log.backend", "tmpfs")))
            .hasMessage("Invalid value 'tmpfs' for configuration ackbench.log.backend: expected one of mmap, chronicle, "
                + "channel");
    }
}
