package io.ackbench.tools.versus;

import io.ackbench.load.Workload;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Runs with chosen figures, for tables and JSON whose every value is known. */
final class SyntheticRuns {
    static final Workload UNBOUNDED = Workload.builder().numRecords(1_000_000).producerSetting("acks", "all").build();
    static final Workload AT_20000 = UNBOUNDED.toBuilder().targetRate(20_000).build();

    private SyntheticRuns() {
    }

    /** Figures in {@link Figure} order: records/s, MB/s, p50, p99, p99.9, max. */
    static RunFigures run(final int number, final String system, final boolean rateLimited, final boolean keptRate,
                          final long failed, final double... figures) {
        final Map<Figure, Double> byFigure = new EnumMap<>(Figure.class);
        for (final Figure figure : Figure.values()) {
            byFigure.put(figure, figures[figure.ordinal()]);
        }
        return new RunFigures(number, system, SideBySide.runName(number, system), null, 1_000_000, 1_000_000 - failed,
            failed, failed == 0 ? null : failed + " records failed; the first with NOT_ENOUGH_REPLICAS", rateLimited,
            keptRate, byFigure);
    }

    /**
     * ackbench at 500k and 530k records/s, kafka at 250k and 270k, run A B B A: means 515k and 260k, spreads
     * 15/515 and 10/260.
     */
    static Versus unbounded(final Path dir) {
        return new Versus(new Configuration("acks=all @ max", List.of()), UNBOUNDED, "ackbench", "kafka", dir, List.of(
            run(1, "ackbench", false, true, 0, 500_000, 47.68, 800, 2_000, 3_000, 10_000),
            run(2, "kafka", false, true, 0, 250_000, 23.84, 4_000, 9_000, 15_000, 40_000),
            run(3, "kafka", false, true, 0, 270_000, 25.76, 4_200, 9_400, 16_000, 50_000),
            run(4, "ackbench", false, true, 0, 530_000, 50.54, 820, 2_100, 3_100, 12_000)));
    }
}
