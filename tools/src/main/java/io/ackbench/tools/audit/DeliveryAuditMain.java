package io.ackbench.tools.audit;

import io.ackbench.load.audit.DeliveryAuditCommand;
import io.ackbench.tools.chart.LossLatencyChart;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code scripts/delivery-audit}: runs {@link DeliveryAuditCommand} (the tools jar carries both targets) and adds
 * its chart of loss against latency beside the report.
 */
public final class DeliveryAuditMain {
    private DeliveryAuditMain() {
    }

    public static void main(final String[] args) throws InterruptedException {
        final DeliveryAuditCommand.Outcome outcome = DeliveryAuditCommand.run(args, System.out, System.err);
        if (outcome.outputDir() != null) {
            final List<Path> charts = LossLatencyChart.write(outcome.results(), outcome.outputDir());
            if (!charts.isEmpty()) {
                System.out.println("Chart: " + charts.get(0).toAbsolutePath());
            }
        }
        System.exit(outcome.exitCode());
    }
}
