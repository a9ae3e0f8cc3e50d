package io.ackbench.load.audit;

import io.ackbench.load.RecordId;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GuaranteeTest {
    @Test
    void whatKafkaDocumentsForEachSetting() {
        assertThat(statements(new DeliverySetting("1", false, 2), AuditFault.LEADER_KILL)).isEmpty();
        assertThat(statements(new DeliverySetting("0", false, 2), AuditFault.NONE)).isEmpty();
        assertThat(statements(new DeliverySetting("1", false, 2), AuditFault.NONE))
            .containsExactly("no fault: no acknowledged record lost");
        assertThat(statements(new DeliverySetting("all", false, 1), AuditFault.LEADER_KILL)).isEmpty();
        assertThat(statements(new DeliverySetting("all", false, 2), AuditFault.FOLLOWER_KILL))
            .containsExactly("acks=all, min.insync 2, one broker down at a time: no acknowledged record lost");
        assertThat(statements(new DeliverySetting("all", true, 3), AuditFault.LEADER_PAUSE)).containsExactly(
            "acks=all, min.insync 3, one broker down at a time: no acknowledged record lost",
            "idempotence: no duplicates", "idempotence: each partition in send order");
    }

    @Test
    void aBreachNamesThePromiseAndItsCountAndTheReportPaintsItRed() {
        final DeliverySetting setting = new DeliverySetting("all", true, 2);
        final DeliveryAudit audit = new DeliveryAudit(10, 11, List.of(RecordId.of(0, 3)),
            List.of(RecordId.of(0, 4)), List.of(), List.of(), List.of());
        final List<Guarantee.Promise> promises = Guarantee.documented(setting, AuditFault.LEADER_KILL);
        final List<String> breaches = Guarantee.breaches(promises, audit);
        assertThat(breaches).containsExactly(
            "acks=all, min.insync 2, one broker down at a time: no acknowledged record lost: breached by 1 lost "
                + "records",
            "idempotence: no duplicates: breached by 1 duplicated records");
        final CellResult result = new CellResult(new AuditCell("kafka", setting, AuditFault.LEADER_KILL),
            CellResult.Status.DONE, null, audit, promises, breaches, 9_120, 9_876.5, 4_321, -1, null, -1);
        final String markdown = AuditReport.markdown(List.of(result,
            CellResult.refused(new AuditCell("kafka", setting, AuditFault.LEADER_POWER_LOSS), "power loss needs "
                + "ackbench's broker processes")));
        assertThat(markdown).contains("| kafka | all | on | 2 | leader-kill | 10 | 1 (100000.0 ppm) | "
            + "1 (100000.0 ppm) | 0 | 0 | 0 | 9120 | 9877 | 4.32 | – | – | $\\color{red}{\\text{BREACH: ");
        assertThat(markdown).contains("| refused: power loss needs ackbench's broker processes |");
        assertThat(AuditReport.cellJson(result)).contains("\"lost\": 1, \"duplicated\": 1, \"reordered\": 0")
            .contains("\"breached\": true").contains("\"firstLost\": [\"thread 0, record 3\"]");
    }

    private static List<String> statements(final DeliverySetting setting, final AuditFault fault) {
        return Guarantee.documented(setting, fault).stream().map(Guarantee.Promise::statement).toList();
    }
}
