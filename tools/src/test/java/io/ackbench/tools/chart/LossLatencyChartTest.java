package io.ackbench.tools.chart;

import io.ackbench.load.RecordId;
import io.ackbench.load.audit.AuditCell;
import io.ackbench.load.audit.AuditFault;
import io.ackbench.load.audit.CellResult;
import io.ackbench.load.audit.DeliveryAudit;
import io.ackbench.load.audit.DeliverySetting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LossLatencyChartTest {
    @TempDir
    Path dir;

    @Test
    void onePointPerSettingPerSystemWithItsPriceAndItsLoss() throws Exception {
        final DeliverySetting acksOne = new DeliverySetting("1", false, 2);
        final List<CellResult> results = List.of(
            done("ackbench", acksOne, AuditFault.NONE, 1_000, List.of()),
            done("ackbench", acksOne, AuditFault.LEADER_KILL, 9_000, List.of(RecordId.of(0, 1))),
            done("kafka", acksOne, AuditFault.NONE, 2_000, List.of()),
            done("kafka", acksOne, AuditFault.LEADER_KILL, 9_000, List.of()),
            CellResult.refused(new AuditCell("kafka", acksOne, AuditFault.LEADER_POWER_LOSS), "no"));
        assertThat(LossLatencyChart.points(results)).containsExactly(
            new LossLatencyChart.Point("ackbench", "acks=1 idempotence=off min.insync=2", 1.0, 1_000.0),
            new LossLatencyChart.Point("kafka", "acks=1 idempotence=off min.insync=2", 2.0, 0.0));
        final List<Path> files = LossLatencyChart.write(results, dir);
        assertThat(files).containsExactly(dir.resolve("loss-vs-latency.png"), dir.resolve("loss-vs-latency.svg"));
        assertThat(Files.size(files.get(0))).isPositive();
    }

    @Test
    void noSettingWithBothAFaultlessAndAFaultCellDrawsNothing() {
        final DeliverySetting setting = new DeliverySetting("all", true, 2);
        assertThat(LossLatencyChart.write(List.of(done("ackbench", setting, AuditFault.LEADER_KILL, 5_000,
            List.of())), dir)).isEmpty();
    }

    private static CellResult done(final String target, final DeliverySetting setting, final AuditFault fault,
                                   final long p99Micros, final List<Long> lost) {
        final DeliveryAudit audit = new DeliveryAudit(1_000, 1_000 - lost.size(), lost, List.of(), List.of(),
            List.of(), List.of());
        return new CellResult(new AuditCell(target, setting, fault), CellResult.Status.DONE, null, audit, List.of(),
            List.of(), 0, 1_000, p99Micros, -1, null, -1);
    }
}
