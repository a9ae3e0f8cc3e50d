package io.ackbench.load;

import io.ackbench.fault.FaultSchedule;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * produce-perf against ackbench broker processes under a one-kill schedule: the schedule it applied is in
 * faults.txt, and each partition the killed leader led has a failover entry, timed or "no successor ack". Which of
 * the two depends on whether a controller moves the leadership (until it does, the restarted broker leads again), so
 * the test accepts either, and exactly those two.
 */
@Tag("slow")
class ProducePerfFaultsTest {
    /** Kill broker 0, leader of partition 0 of 3, half a second into the run, and restart it a second later. */
    private static final String SCHEDULE = "brokers 3\n500 KILL 0 1000\n";

    @TempDir
    Path dir;

    @Test
    void aKilledLeadersPartitionsGetAFailoverEntryAndFaultsTxtReplaysTheSchedule() throws Exception {
        final Path schedule = dir.resolve("schedule.txt");
        Files.writeString(schedule, SCHEDULE, StandardCharsets.UTF_8);
        final Path out = dir.resolve("run");
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();

        final int exit = ProducePerf.run(new String[] {"--transport", "tcp-processes", "--duration", "3s",
            "--throughput", "1000", "--partitions", "3", "--faults", schedule.toString(), "--output-dir",
            out.toString(), "--data-dir", dir.resolve("data").toString(), "--producer-props", "acks=all",
            "linger.ms=1", "request.timeout.ms=1000"}, new PrintStream(printed, true, StandardCharsets.UTF_8),
            new PrintStream(printed, true, StandardCharsets.UTF_8));

        final String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(text).isIn(ProducePerf.EXIT_OK, ProducePerf.EXIT_RUN_FAILED);
        final Path written = out.resolve(PerfOptions.FAULTS_FILE);
        assertThat(FaultSchedule.parse(Files.readString(written))).isEqualTo(FaultSchedule.parse(SCHEDULE));
        assertThat(PerfOptions.parse("--transport", "tcp-processes", "--duration", "3s", "--faults",
            written.toString()).faults()).isEqualTo(FaultSchedule.parse(SCHEDULE));
        assertThat(text).contains("Fault: kill broker 0 at ", "Fault: restart broker 0 at ");
        assertThat(text).containsPattern("Failover: kill broker 0 @ [0-9.]+ ms, partition 0: ([0-9.]+ ms to the "
            + "successor's first ack|no successor ack)");
        assertThat(text).contains("Faults: 1 of 1 applied; ");
        assertThat(Files.readString(out.resolve(LoadGenerator.SUMMARY_JSON)))
            .contains("\"faults\": {", "\"faultsApplied\": 1", "\"action\": \"kill broker 0\", \"partition\": 0");
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).count()).isZero();
    }
}
