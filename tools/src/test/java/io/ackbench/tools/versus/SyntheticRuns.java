package io.ackbench.tools.versus;

import io.ackbench.load.Workload;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs with chosen figures, for tables and JSON whose every value is known. */
final class SyntheticRuns {
    static final Workload UNBOUNDED = Workload.builder().numRecords(1_000_000).producerSetting("acks", "all").build();
    static final Workload AT_20000 = UNBOUNDED.toBuilder().targetRate(20_000).build();
    static final Configuration AT_MAX = Configuration.of("acks=all @ max", List.of(), false);
    static final Configuration AT_RATE = Configuration.of("acks=all @ 20000/s", List.of(), true);

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

    static Versus versus(final Configuration configuration, final Workload workload, final List<String> systems,
                         final Path dir, final List<RunFigures> runs) {
        final Map<String, Map<String, String>> resources = new LinkedHashMap<>();
        for (final String system : systems) {
            resources.put(system, Map.of("broker JVMs", "3"));
        }
        return new Versus(configuration, workload, systems, dir, runs, Map.of(), resources, Measured.NOT_RECORDED);
    }

    /**
     * ackbench at 500k, 530k and 515k records/s, kafka at 250k, 270k and 260k, runs A B B A A B: means 515k and
     * 260k, spreads 15/515 and 10/260.
     */
    static Versus unbounded(final Path dir) {
        return versus(AT_MAX, UNBOUNDED, List.of("ackbench", "kafka"), dir, List.of(
            run(1, "ackbench", false, true, 0, 500_000, 47.68, 800, 2_000, 3_000, 10_000),
            run(2, "kafka", false, true, 0, 250_000, 23.84, 4_000, 9_000, 15_000, 40_000),
            run(3, "kafka", false, true, 0, 270_000, 25.76, 4_200, 9_400, 16_000, 50_000),
            run(4, "ackbench", false, true, 0, 530_000, 50.54, 820, 2_100, 3_100, 12_000),
            run(5, "ackbench", false, true, 0, 515_000, 49.11, 810, 2_050, 3_050, 11_000),
            run(6, "kafka", false, true, 0, 260_000, 24.80, 4_100, 9_200, 15_500, 45_000)));
    }
}
