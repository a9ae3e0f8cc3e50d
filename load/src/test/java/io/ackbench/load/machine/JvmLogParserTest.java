package io.ackbench.load.machine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Lines as HotSpot 17 wrote them on this project's hosts, with the decorators ackbench's and Kafka's brokers get. */
class JvmLogParserTest {
    @Test
    void aGcPauseStartsItsDurationBeforeItsLine() {
        assertThat(JvmLogParser.parseLine("broker-2",
            "[29686605062577ns][gc] GC(0) Pause Full (System.gc()) 4M->4M(40M) 6.663ms"))
            .isEqualTo(new JvmPause("broker-2", 29686605062577L - 6_663_000, 6_663_000, JvmPause.Kind.GC,
                "Pause Full (System.gc())"));
    }

    @Test
    void kafkasLinesCarryTheWallClockFirstAndPaddedTags() {
        assertThat(JvmLogParser.parseLine("broker-0", "[2026-12-07T01:50:00.123+0000][29700000000000ns][gc      ] "
            + "GC(12) Pause Young (Normal) (G1 Evacuation Pause) 230M->52M(1024M) 41.250ms"))
            .isEqualTo(new JvmPause("broker-0", 29700000000000L - 41_250_000, 41_250_000, JvmPause.Kind.GC,
                "Pause Young (Normal) (G1 Evacuation Pause)"));
    }

    @Test
    void aSafepointLastsItsTotalIncludingTheTimeToReachIt() {
        assertThat(JvmLogParser.parseLine("load", "[29686605097019ns][safepoint] Safepoint \"G1CollectFull\", "
            + "Time since last: 20958862 ns, Reaching safepoint: 4056 ns, Cleanup: 7231 ns, At safepoint: 6706307 ns, "
            + "Total: 6717594 ns"))
            .isEqualTo(new JvmPause("load", 29686605097019L - 6717594, 6717594, JvmPause.Kind.SAFEPOINT,
                "G1CollectFull"));
    }

    @Test
    void otherLinesAreNotPauses() {
        assertThat(JvmLogParser.parse("broker-0", """
            [29686561932176ns][gc] Using G1
            [29700000000000ns][gc,start    ] GC(12) Pause Young (Normal) (G1 Evacuation Pause)
            [29700000000001ns][gc,phases   ] GC(12)   Pre Evacuate Collection Set: 0.1ms
            [29700000000002ns][gc          ] GC(13) Concurrent Mark Cycle 45.123ms
            [29700000000003ns][gc,heap     ] GC(12) Eden regions: 23->0(25)
            GC(12) Pause Young (Normal) (G1 Evacuation Pause) 230M->52M(1024M) 41.250ms
            [2026-12-07T01:50:00.123+0000][gc] GC(12) Pause Young (Normal) (G1 Evacuation Pause) 23M->5M(1024M) 4.2ms
            """)).isEmpty();
    }

    @Test
    void aLogIsReadWithTheFilesRotatedOutOfItOldestFirst(@TempDir final Path dir) throws IOException {
        final Path log = dir.resolve("broker-1.log");
        Files.writeString(log.resolveSibling("broker-1.log.0"), "[1000000000ns][gc] GC(0) Pause Remark 1.000ms\n");
        Files.writeString(log, "[3000000000ns][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 2.000ms\n");

        final List<JvmPause> pauses = JvmLogParser.read(new ClusterJvm("broker-1", List.of(), log));

        assertThat(pauses).containsExactly(
            new JvmPause("broker-1", 999_000_000, 1_000_000, JvmPause.Kind.GC, "Pause Remark"),
            new JvmPause("broker-1", 2_998_000_000L, 2_000_000, JvmPause.Kind.GC,
                "Pause Young (Normal) (G1 Evacuation Pause)"));
        assertThat(JvmLogParser.read(new ClusterJvm("gone", List.of(), dir.resolve("missing.log")))).isEmpty();
    }
}
