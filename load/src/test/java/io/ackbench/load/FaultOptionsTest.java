package io.ackbench.load;

import io.ackbench.fault.Fault;
import io.ackbench.fault.FaultKind;
import io.ackbench.fault.FaultSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** produce-perf's fault flags: what they parse to, what they refuse (naming the flag), and replaying a schedule. */
class FaultOptionsTest {
    private static final String[] PROCESSES = {"--transport", "tcp-processes", "--duration", "60s"};

    @TempDir
    Path dir;

    private String[] with(final String... flags) {
        final String[] args = new String[PROCESSES.length + flags.length];
        System.arraycopy(PROCESSES, 0, args, 0, PROCESSES.length);
        System.arraycopy(flags, 0, args, PROCESSES.length, flags.length);
        return args;
    }

    private Path file(final String text) throws Exception {
        final Path file = dir.resolve("schedule.txt");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void noFaultFlagsMeanNoSchedule() {
        assertThat(PerfOptions.parse(PROCESSES).faults()).isNull();
        assertThat(PerfOptions.parse("--duration", "5s").faults()).isNull(); // any transport without faults
    }

    @Test
    void faultsReadsAScheduleFile() throws Exception {
        final Path file = file("brokers 3\n1500 KILL 2 3000\n7000 PAUSE 0 12000\n");

        final FaultSchedule schedule = PerfOptions.parse(with("--faults", file.toString())).faults();

        assertThat(schedule).isEqualTo(new FaultSchedule(3, List.of(new Fault(1500, FaultKind.KILL, 2, 3000),
            new Fault(7000, FaultKind.PAUSE, 0, 12000))));
    }

    @Test
    void aSeedDrawsTheSameScheduleEveryTimeWithinTheDuration() {
        final FaultSchedule first = PerfOptions.parse(with("--fault-seed", "7", "--fault-count", "20")).faults();
        final FaultSchedule again = PerfOptions.parse(with("--fault-seed", "7", "--fault-count", "20")).faults();
        final FaultSchedule other = PerfOptions.parse(with("--fault-seed", "8", "--fault-count", "20")).faults();

        assertThat(first).isEqualTo(again).isNotEqualTo(other);
        assertThat(first.brokers()).isEqualTo(3);
        assertThat(first.faults()).hasSize(20);
        assertThat(first.endMillis()).isLessThanOrEqualTo(60_000);
        // 60 s, 20 faults, one at a time among 3 brokers: each lasts 375 to 750 ms
        assertThat(first.faults()).allSatisfy(fault -> assertThat(fault.durationMillis()).isBetween(375L, 750L));
    }

    @Test
    void faultKindsNarrowTheDraw() {
        final FaultSchedule kills = PerfOptions.parse(with("--fault-seed", "7", "--fault-count", "10",
            "--fault-kinds", "kill")).faults();

        assertThat(kills.faults()).extracting(Fault::kind).containsOnly(FaultKind.KILL);
    }

    @Test
    void theFileARunWritesReplaysTheScheduleExactly() throws Exception {
        final FaultSchedule drawn = PerfOptions.parse(with("--fault-seed", "11", "--fault-count", "6")).faults();
        // What LoadGenerator writes into the run's directory: a comment line, then the schedule's text.
        final Path written = dir.resolve(PerfOptions.FAULTS_FILE);
        Files.writeString(written, "# applied\n" + drawn.toText(), StandardCharsets.UTF_8);

        final FaultSchedule replayed = PerfOptions.parse(with("--faults", written.toString())).faults();

        assertThat(replayed).isEqualTo(drawn);
        assertThat(replayed.toText()).isEqualTo(drawn.toText());
    }

    @Test
    void aScheduleForAnotherBrokerCountIsRefused() throws Exception {
        final Path file = file("brokers 5\n100 KILL 4 100\n");

        assertThatThrownBy(() -> PerfOptions.parse(with("--faults", file.toString())))
            .isInstanceOf(UsageException.class)
            .hasMessage("--faults " + file + " is a schedule for 5 brokers; this run has 3 (--brokers)");
    }

    @Test
    void aBrokenScheduleFileIsNamedWithItsLine() throws Exception {
        final Path file = file("brokers 3\n100 CRASH 1 100\n");

        assertThatThrownBy(() -> PerfOptions.parse(with("--faults", file.toString())))
            .isInstanceOf(UsageException.class)
            .hasMessageStartingWith("--faults " + file + ": Fault schedule line 2 '100 CRASH 1 100'");
        assertThatThrownBy(() -> PerfOptions.parse(with("--faults", dir.resolve("missing.txt").toString())))
            .isInstanceOf(UsageException.class).hasMessageContaining("cannot be read");
    }

    @Test
    void runningBrokersCannotTakeFaults() throws Exception {
        final Path file = file("brokers 3\n100 KILL 1 100\n");

        assertThatThrownBy(() -> PerfOptions.parse("--duration", "5s", "--bootstrap-servers",
            "127.0.0.1:9092,127.0.0.1:9093,127.0.0.1:9094", "--faults", file.toString()))
            .isInstanceOf(UsageException.class).hasMessage("--faults kills and pauses brokers this run starts; "
                + "--bootstrap-servers names running ones, which are not this run's to stop");
        assertThatThrownBy(() -> PerfOptions.parse("--duration", "5s", "--bootstrap-servers", "127.0.0.1:9092",
            "--fault-seed", "1", "--fault-count", "1"))
            .isInstanceOf(UsageException.class).hasMessageStartingWith("--fault-seed kills and pauses brokers");
    }

    @Test
    void ackbenchBrokersTakeFaultsOnlyAsProcesses() {
        assertThatThrownBy(() -> PerfOptions.parse("--duration", "5s", "--fault-seed", "1", "--fault-count", "1"))
            .isInstanceOf(UsageException.class).hasMessage("--fault-seed needs --transport tcp-processes with "
                + "--target ackbench: faults kill -9 and SIGSTOP broker processes");
        assertThatThrownBy(() -> PerfOptions.parse("--duration", "5s", "--transport", "tcp", "--fault-seed", "1",
            "--fault-count", "1")).isInstanceOf(UsageException.class).hasMessageStartingWith("--fault-seed needs");
    }

    @Test
    void inconsistentFaultFlagsAreRefused() throws Exception {
        final Path file = file("brokers 3\n100 KILL 1 100\n");

        assertThatThrownBy(() -> PerfOptions.parse(with("--faults", file.toString(), "--fault-seed", "1")))
            .isInstanceOf(UsageException.class)
            .hasMessage("Give --faults FILE or --fault-seed N with --fault-count K, not both");
        assertThatThrownBy(() -> PerfOptions.parse(with("--fault-seed", "1")))
            .isInstanceOf(UsageException.class).hasMessage("--fault-seed N and --fault-count K go together: give both");
        assertThatThrownBy(() -> PerfOptions.parse(with("--fault-count", "3")))
            .isInstanceOf(UsageException.class).hasMessage("--fault-seed N and --fault-count K go together: give both");
        assertThatThrownBy(() -> PerfOptions.parse(with("--fault-seed", "1", "--fault-count", "0")))
            .isInstanceOf(UsageException.class).hasMessage("--fault-count must be at least 1, not 0");
        assertThatThrownBy(() -> PerfOptions.parse(with("--fault-kinds", "kill")))
            .isInstanceOf(UsageException.class).hasMessage("--fault-kinds applies to schedules drawn with --fault-seed");
        assertThatThrownBy(() -> PerfOptions.parse(with("--fault-seed", "1", "--fault-count", "2", "--fault-kinds",
            "crash"))).isInstanceOf(UsageException.class)
            .hasMessage("--fault-kinds takes kinds among kill, pause and power-loss, comma-separated; not 'crash'");
        assertThatThrownBy(() -> PerfOptions.parse(with("--faults", file.toString(), "--sweep")))
            .isInstanceOf(UsageException.class).hasMessage("--faults applies to one run, not to --sweep's several");
    }

    @Test
    void drawingNeedsADurationAndRoomForTheFaults() {
        assertThatThrownBy(() -> PerfOptions.parse("--transport", "tcp-processes", "--num-records", "1000",
            "--fault-seed", "1", "--fault-count", "1")).isInstanceOf(UsageException.class)
            .hasMessage("--fault-seed draws faults over the run's --duration; give --duration instead of "
                + "--num-records, or a schedule with --faults");
        assertThatThrownBy(() -> PerfOptions.parse(with("--brokers", "2", "--replication-factor", "2",
            "--fault-seed", "1", "--fault-count", "1"))).isInstanceOf(UsageException.class)
            .hasMessageStartingWith("--fault-seed 1 --fault-count 1: A fault on any of 2 brokers would leave no "
                + "majority up");
    }

    @Test
    void helpNamesTheFaultFlags() {
        for (final String flag : new String[] {"--faults", "--fault-seed", "--fault-count", "--fault-kinds"}) {
            assertThat(PerfOptions.usage()).contains("  " + flag + " ");
        }
        assertThat(PerfOptions.usage()).contains("faults.txt");
    }
}
