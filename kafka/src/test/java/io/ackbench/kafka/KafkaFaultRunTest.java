package io.ackbench.kafka;

import io.ackbench.fault.FaultSchedule;
import io.ackbench.load.LoadGenerator;
import io.ackbench.load.PerfOptions;
import io.ackbench.load.ProducePerf;
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
 * produce-perf against the embedded Kafka cluster with one kill: Kafka's controller fences the dead broker and
 * elects new leaders, so the partition it led has a timed failover, from the kill to the new leader's first ack.
 * A short broker session timeout makes the fence (and the test) quicker.
 */
@Tag("slow")
class KafkaFaultRunTest {
    /** Kill broker 0 two seconds into the run; restart it six seconds later. */
    private static final String SCHEDULE = "brokers 3\n2000 KILL 0 6000\n";

    @TempDir
    Path dir;

    @Test
    void aKilledLeadersPartitionIsAnsweredByItsSuccessorAndTimed() throws Exception {
        final Path schedule = dir.resolve("schedule.txt");
        Files.writeString(schedule, SCHEDULE, StandardCharsets.UTF_8);
        final Path out = dir.resolve("run");
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();

        final int exit = ProducePerf.run(new String[] {"--target", "kafka", "--duration", "15s", "--throughput",
            "500", "--partitions", "3", "--faults", schedule.toString(), "--output-dir", out.toString(),
            "--data-dir", dir.resolve("data").toString(), "--producer-props", "acks=all", "linger.ms=1",
            "--broker-props", "broker.session.timeout.ms=3000", "broker.heartbeat.interval.ms=500"},
            new PrintStream(printed, true, StandardCharsets.UTF_8), System.err);

        final String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(text).isEqualTo(ProducePerf.EXIT_OK);
        assertThat(FaultSchedule.parse(Files.readString(out.resolve(PerfOptions.FAULTS_FILE))))
            .isEqualTo(FaultSchedule.parse(SCHEDULE));
        assertThat(text).containsPattern("Failover: kill broker 0 @ [0-9.]+ ms, partition [0-2]: [0-9.]+ ms to the "
            + "successor's first ack \\(broker [12]\\)");
        assertThat(text).containsPattern("Faults: 1 of 1 applied; failover time over [1-3] failovers: p50 [0-9.]+ "
            + "ms, max [0-9.]+ ms; 0 of [1-3] struck partitions without a successor ack\\.");
        assertThat(Files.readString(out.resolve(LoadGenerator.SUMMARY_JSON))).contains("\"failoverMillisP50\": ")
            .doesNotContain("\"failoverMillisP50\": null");
        assertThat(ClusterChecks.liveChildren()).isZero();
    }
}
