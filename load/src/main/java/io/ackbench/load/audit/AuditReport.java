package io.ackbench.load.audit;

import java.util.List;
import java.util.Locale;

/**
 * A delivery audit's report: one row per cell, as a Markdown table (a breached promise in red, as GitHub renders
 * {@code $\color{red}{...}$}) and as JSON. Counts are exact; rates are per million acknowledged records.
 */
public final class AuditReport {
    private AuditReport() {
    }

    public static String markdown(final List<CellResult> results) {
        final StringBuilder md = new StringBuilder();
        md.append("| target | acks | idempotence | min.insync | fault | acknowledged | lost | duplicated | reordered "
            + "| failed but present | unacknowledged and absent | unavailable (ms) | records/s | produce p99 (ms) "
            + "| end-to-end p99 (ms) | divergent replicas | verdict |\n");
        md.append("|---|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (final CellResult result : results) {
            final AuditCell cell = result.cell();
            final DeliverySetting setting = cell.setting();
            md.append("| ").append(cell.target()).append(" | ").append(setting.acks()).append(" | ")
                .append(setting.idempotence() ? "on" : "off").append(" | ").append(setting.minInsyncReplicas())
                .append(" | ").append(cell.fault().flagName()).append(" | ");
            if (result.status() != CellResult.Status.DONE) {
                md.append(String.join(" | ", java.util.Collections.nCopies(11, "–"))).append(" | ")
                    .append(result.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')).append(": ")
                    .append(escape(result.reason()))
                    .append(result.keptDataDir() == null ? "" : " (brokers' data kept in " + result.keptDataDir()
                        .getFileName() + ")")
                    .append(" |\n");
                continue;
            }
            final DeliveryAudit audit = result.audit();
            md.append(audit.acknowledged()).append(" | ")
                .append(countWithRate(audit.lost().size(), audit.acknowledged())).append(" | ")
                .append(countWithRate(audit.duplicated().size(), audit.acknowledged())).append(" | ")
                .append(countWithRate(audit.reordered().size(), audit.acknowledged())).append(" | ")
                .append(audit.failedButPresent().size()).append(" | ")
                .append(audit.unacknowledgedAbsent().size()).append(" | ")
                .append(result.unavailableMillis()).append(" | ")
                .append(String.format(Locale.ROOT, "%.0f", result.recordsPerSecond())).append(" | ")
                .append(millis(result.produceP99Micros())).append(" | ")
                .append(result.endToEndP99Micros() < 0 ? "–" : millis(result.endToEndP99Micros())).append(" | ")
                .append(result.divergentReplicas() < 0 ? "–" : String.valueOf(result.divergentReplicas()))
                .append(" | ")
                .append(verdict(result)).append(" |\n");
        }
        return md.toString();
    }

    /** The verdict column: each promise kept, or the breach in red; "no promise" where Kafka documents none. */
    static String verdict(final CellResult result) {
        if (result.promises().isEmpty()) {
            return "no documented promise";
        }
        if (result.breaches().isEmpty()) {
            final StringBuilder kept = new StringBuilder("kept: ");
            for (int i = 0; i < result.promises().size(); i++) {
                kept.append(i == 0 ? "" : "; ").append(result.promises().get(i).statement());
            }
            return kept.toString();
        }
        final StringBuilder breached = new StringBuilder();
        for (final String breach : result.breaches()) {
            breached.append(breached.length() == 0 ? "" : "; ").append("$\\color{red}{\\text{BREACH: ")
                .append(escape(breach)).append("}}$");
        }
        return breached.toString();
    }

    private static String countWithRate(final long count, final long acknowledged) {
        return count == 0 ? "0" : String.format(Locale.ROOT, "%d (%.1f ppm)", count,
            DeliveryAudit.perMillion(count, acknowledged));
    }

    private static String millis(final long micros) {
        return String.format(Locale.ROOT, "%.2f", micros / 1000.0);
    }

    private static String escape(final String text) {
        return text == null ? "" : text.replace("|", "\\|");
    }

    public static String json(final List<CellResult> results) {
        final StringBuilder json = new StringBuilder("{\"cells\": [\n");
        for (int i = 0; i < results.size(); i++) {
            json.append("  ").append(cellJson(results.get(i))).append(i + 1 < results.size() ? ",\n" : "\n");
        }
        return json.append("]}\n").toString();
    }

    /** One cell as a JSON object on one line. */
    public static String cellJson(final CellResult result) {
        final AuditCell cell = result.cell();
        final StringBuilder json = new StringBuilder("{");
        field(json, "target", cell.target()).append(", ");
        field(json, "acks", cell.setting().acks()).append(", ");
        json.append("\"idempotence\": ").append(cell.setting().idempotence()).append(", ");
        json.append("\"minInsyncReplicas\": ").append(cell.setting().minInsyncReplicas()).append(", ");
        field(json, "fault", cell.fault().flagName()).append(", ");
        field(json, "status", result.status().name().toLowerCase(Locale.ROOT));
        if (result.reason() != null) {
            json.append(", ");
            field(json, "reason", result.reason());
        }
        if (result.status() == CellResult.Status.DONE) {
            final DeliveryAudit audit = result.audit();
            json.append(", \"acknowledged\": ").append(audit.acknowledged())
                .append(", \"read\": ").append(audit.read())
                .append(", \"lost\": ").append(audit.lost().size())
                .append(", \"duplicated\": ").append(audit.duplicated().size())
                .append(", \"reordered\": ").append(audit.reordered().size())
                .append(", \"failedButPresent\": ").append(audit.failedButPresent().size())
                .append(", \"unacknowledgedAbsent\": ").append(audit.unacknowledgedAbsent().size())
                .append(String.format(Locale.ROOT, ", \"lostPerMillion\": %.3f",
                    DeliveryAudit.perMillion(audit.lost().size(), audit.acknowledged())))
                .append(String.format(Locale.ROOT, ", \"duplicatedPerMillion\": %.3f",
                    DeliveryAudit.perMillion(audit.duplicated().size(), audit.acknowledged())))
                .append(String.format(Locale.ROOT, ", \"reorderedPerMillion\": %.3f",
                    DeliveryAudit.perMillion(audit.reordered().size(), audit.acknowledged())))
                .append(", \"unavailableMillis\": ").append(result.unavailableMillis())
                .append(String.format(Locale.ROOT, ", \"recordsPerSecond\": %.1f", result.recordsPerSecond()))
                .append(", \"produceP99Micros\": ").append(result.produceP99Micros())
                .append(", \"endToEndP99Micros\": ").append(result.endToEndP99Micros())
                .append(", \"divergentReplicas\": ").append(result.divergentReplicas())
                .append(", \"breached\": ").append(result.breached())
                .append(", \"promises\": [");
            for (int i = 0; i < result.promises().size(); i++) {
                json.append(i == 0 ? "" : ", ").append(quote(result.promises().get(i).statement()));
            }
            json.append("], \"breaches\": [");
            for (int i = 0; i < result.breaches().size(); i++) {
                json.append(i == 0 ? "" : ", ").append(quote(result.breaches().get(i)));
            }
            json.append("], \"firstLost\": ").append(firstIds(audit.lost()))
                .append(", \"firstDuplicated\": ").append(firstIds(audit.duplicated()))
                .append(", \"firstReordered\": ").append(firstIds(audit.reordered()));
        }
        return json.append("}").toString();
    }

    /** Up to ten ids, for a look at what was lost; the cell's files have the rest in the classifier's order. */
    private static String firstIds(final List<Long> ids) {
        final StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < Math.min(10, ids.size()); i++) {
            json.append(i == 0 ? "" : ", ").append(quote(io.ackbench.load.RecordId.describe(ids.get(i))));
        }
        return json.append("]").toString();
    }

    private static StringBuilder field(final StringBuilder json, final String name, final String value) {
        return json.append(quote(name)).append(": ").append(quote(value));
    }

    private static String quote(final String text) {
        final StringBuilder quoted = new StringBuilder("\"");
        for (final char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
