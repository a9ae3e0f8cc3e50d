package io.ackbench.kafka;

import io.ackbench.load.PerfOptions;
import io.ackbench.load.audit.AuditCell;
import io.ackbench.load.audit.AuditFault;
import io.ackbench.load.audit.AuditOptions;
import io.ackbench.load.audit.CellResult;
import io.ackbench.load.audit.CellRunner;
import io.ackbench.load.audit.DeliverySetting;
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
 * One delivery audit cell on a 3-broker embedded Apache Kafka cluster (one JVM per broker): acks=all with the
 * idempotent producer and min.insync.replicas 2, its leader killed with kill -9 once under load and restarted. Kafka
 * documents that nothing acknowledged is lost, duplicated or reordered; the audit reads the topic back and checks.
 */
@Tag("slow")
class KafkaAuditCellTest {
    @TempDir
    Path dir;

    @Test
    void acksAllMinInsyncTwoKeepsEveryRecordThroughALeaderKill() throws Exception {
        final AuditCell cell = new AuditCell("kafka", new DeliverySetting("all", true, 2), AuditFault.LEADER_KILL);
        final AuditOptions options = AuditOptions.parse("--duration", "12s", "--warmup", "2s", "--throughput",
            "2000", "--partitions", "3", "--reporting-interval-ms", "2000");
        final PerfOptions perf = PerfOptions.parse(options.produceArguments(cell, 3, 3).toArray(String[]::new));
        final ByteArrayOutputStream log = new ByteArrayOutputStream();
        final CellResult result = new CellRunner(new PrintStream(log, true, StandardCharsets.UTF_8), 3, 1, 90_000)
            .run(cell, perf.target(), perf.workload(), dir.resolve("cell"), dir.resolve("data"));

        assertThat(result.status()).as(result.reason() + "\n" + log).isEqualTo(CellResult.Status.DONE);
        assertThat(result.audit().acknowledged()).isPositive();
        assertThat(result.audit().lost()).isEmpty();
        assertThat(result.audit().duplicated()).isEmpty();
        assertThat(result.audit().reordered()).isEmpty();
        assertThat(result.breaches()).isEmpty();
        assertThat(Files.readString(dir.resolve("cell").resolve(CellRunner.TIMELINE_FILE)))
            .contains("kill -9 broker 0 (leader of partition 0)").contains("restart broker 0");
        assertThat(Files.readString(dir.resolve("cell").resolve(CellRunner.FAULTS_FILE))).contains(" KILL 0 ");
    }
}
