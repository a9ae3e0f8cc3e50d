package io.ackbench.load.keys;

import io.ackbench.load.UsageException;
import io.ackbench.load.cli.Arguments;
import io.ackbench.partition.PartitionStrategy;
import io.ackbench.partition.Partitioner;
import io.ackbench.partition.UniformStickyPartitioner;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How evenly each partitioning strategy spreads records: for every strategy x key set x partition count it assigns
 * a fixed number of seeded records and reports the max/min partition load and Pearson's chi-square against a uniform
 * spread. Sticky strategies get their feedback from a {@link BatchFillSimulation} of fixed-size records.
 *
 * <p>The chi-square test assumes each record lands independently; sticky strategies place records in runs of one or
 * two batches on purpose, so their statistic measures that granularity rather than a flaw of the strategy.
 *
 * <p>Usage: {@code KeyDistributionReport [output.json] [--records N] [--seed S]}; the table goes to stdout, the JSON
 * (hand-written, parameters included) to {@code output.json}, by default {@value #DEFAULT_OUTPUT}.
 */
public final class KeyDistributionReport {
    /** Where the JSON goes when no path is given. */
    public static final String DEFAULT_OUTPUT = "results/key-distribution.json";

    /**
     * What one report run does.
     *
     * @param records         records assigned per strategy, key set and partition count.
     * @param seed            of keys and of the strategies' random choices.
     * @param batchSize       {@code batch.size} for sticky strategies and the batch simulation.
     * @param recordBytes     size of every simulated record in its batch.
     * @param zipfExponent    {@code s} of the Zipf key set.
     * @param zipfPopulation  distinct keys of the Zipf key set.
     * @param partitionCounts partition counts to try, each at least 2.
     */
    public record Parameters(
        int records, long seed, int batchSize, int recordBytes, double zipfExponent, int zipfPopulation,
        int[] partitionCounts) {
        /** The report's defaults: 1,000,000 records, seed 42, batch.size 16384, 100-byte records, Zipf s=1.1 over 10,000. */
        public static Parameters defaults() {
            return new Parameters(1_000_000, 42L, 16384, 100, 1.1, 10_000, new int[]{3, 6, 12, 100});
        }

        /** @return these parameters with another record count. */
        public Parameters withRecords(final int newRecords) {
            return new Parameters(newRecords, seed, batchSize, recordBytes, zipfExponent, zipfPopulation,
                partitionCounts);
        }

        /** @return these parameters with another seed. */
        public Parameters withSeed(final long newSeed) {
            return new Parameters(records, newSeed, batchSize, recordBytes, zipfExponent, zipfPopulation,
                partitionCounts);
        }
    }

    /**
     * One cell of the report.
     *
     * @param strategy   partitioning strategy.
     * @param keySet     keys fed to it.
     * @param partitions partition count.
     * @param load       the resulting spread.
     */
    public record Row(PartitionStrategy strategy, KeySet keySet, int partitions, PartitionLoad load) {
    }

    private KeyDistributionReport() {
    }

    /**
     * Runs every strategy x key set x partition count.
     *
     * @param parameters of the run.
     * @return one row per cell, strategies in {@link PartitionStrategy} order, then key sets, then partition counts.
     */
    public static List<Row> run(final Parameters parameters) {
        final List<Row> rows = new ArrayList<>();
        for (final PartitionStrategy strategy : PartitionStrategy.values()) {
            for (final KeySet keySet : KeySet.values()) {
                for (final int partitions : parameters.partitionCounts()) {
                    rows.add(new Row(strategy, keySet, partitions,
                        new PartitionLoad(assign(strategy, keySet, partitions, parameters))));
                }
            }
        }
        return rows;
    }

    /**
     * Assigns {@code parameters.records()} keys of {@code keySet} to partitions with {@code strategy}. The keys are the
     * same for every strategy and partition count; the strategy's random choices are seeded too.
     *
     * @return records per partition.
     */
    static long[] assign(
        final PartitionStrategy strategy, final KeySet keySet, final int partitions, final Parameters parameters) {
        final Partitioner partitioner = strategy.create(parameters.seed(), PartitionStrategy.UNIFORM_STICKY);
        partitioner.configure(Map.of(UniformStickyPartitioner.BATCH_SIZE, Integer.toString(parameters.batchSize())));
        final BatchFillSimulation batches =
            new BatchFillSimulation(partitions, parameters.batchSize(), parameters.recordBytes());
        final KeySet.KeyStream keys =
            keySet.stream(parameters.seed(), parameters.zipfPopulation(), parameters.zipfExponent());
        final UnsafeBuffer key = new UnsafeBuffer(ByteBuffer.allocateDirect(KeySet.MAX_KEY_BYTES));

        final long[] counts = new long[partitions];
        for (int i = 0; i < parameters.records(); i++) {
            final int keyLength = keys.next(key);
            final int partition = partitioner.partition(key, 0, keyLength, partitions);
            counts[partition]++;
            batches.append(partitioner, partition); // feedback; only sticky strategies act on it
        }
        partitioner.close();
        return counts;
    }

    /**
     * @param rows of a run.
     * @return an aligned text table, one line per row, with a header.
     */
    public static String table(final List<Row> rows) {
        final String format = "%-15s %-19s %10s %9s %9s %8s %14s %4s %10s %10s%n";
        final StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, format,
            "strategy", "keys", "partitions", "min", "max", "max/min", "chi2", "df", "chi2/df", "p-value"));
        for (final Row row : rows) {
            final PartitionLoad load = row.load();
            out.append(String.format(Locale.ROOT, format,
                row.strategy().alias(), row.keySet().label(), row.partitions(), load.min(), load.max(),
                ratioText(load.maxMinRatio()), String.format(Locale.ROOT, "%.2f", load.chiSquare()),
                load.degreesOfFreedom(), String.format(Locale.ROOT, "%.3f", load.chiSquare() / load.degreesOfFreedom()),
                pValueText(load.pValue())));
        }
        return out.toString();
    }

    /**
     * @param parameters of the run.
     * @param rows       of the run.
     * @return the report as JSON; a ratio with an empty partition is {@code null} (JSON has no infinity), with
     * {@code "minIsZero": true} beside it.
     */
    public static String json(final Parameters parameters, final List<Row> rows) {
        final StringBuilder out = new StringBuilder(64 * 1024);
        out.append("{\n");
        out.append("  \"report\": \"key-distribution\",\n");
        out.append("  \"parameters\": {\n");
        out.append("    \"records\": ").append(parameters.records()).append(",\n");
        out.append("    \"seed\": ").append(parameters.seed()).append(",\n");
        out.append("    \"batchSize\": ").append(parameters.batchSize()).append(",\n");
        out.append("    \"recordBytes\": ").append(parameters.recordBytes()).append(",\n");
        out.append("    \"batchHeaderBytes\": ").append(BatchFillSimulation.BATCH_HEADER_BYTES).append(",\n");
        out.append("    \"randomKeyBytes\": ").append(KeySet.RANDOM_KEY_BYTES).append(",\n");
        out.append("    \"zipfExponent\": ").append(number(parameters.zipfExponent())).append(",\n");
        out.append("    \"zipfPopulation\": ").append(parameters.zipfPopulation()).append(",\n");
        out.append("    \"partitionCounts\": [");
        final int[] partitionCounts = parameters.partitionCounts();
        for (int i = 0; i < partitionCounts.length; i++) {
            out.append(i == 0 ? "" : ", ").append(partitionCounts[i]);
        }
        out.append("]\n");
        out.append("  },\n");
        out.append("  \"results\": [\n");
        for (int r = 0; r < rows.size(); r++) {
            final Row row = rows.get(r);
            final PartitionLoad load = row.load();
            out.append("    {\"strategy\": ").append(string(row.strategy().alias()));
            out.append(", \"keySet\": ").append(string(row.keySet().label()));
            out.append(", \"partitions\": ").append(row.partitions());
            out.append(", \"min\": ").append(load.min());
            out.append(", \"max\": ").append(load.max());
            out.append(", \"maxMinRatio\": ").append(number(load.maxMinRatio()));
            out.append(", \"minIsZero\": ").append(load.min() == 0);
            out.append(", \"chiSquare\": ").append(number(load.chiSquare()));
            out.append(", \"degreesOfFreedom\": ").append(load.degreesOfFreedom());
            out.append(", \"chiSquarePerDf\": ").append(number(load.chiSquare() / load.degreesOfFreedom()));
            out.append(", \"pValue\": ").append(number(load.pValue()));
            out.append(", \"counts\": [");
            final long[] counts = load.counts();
            for (int i = 0; i < counts.length; i++) {
                out.append(i == 0 ? "" : ", ").append(counts[i]);
            }
            out.append("]}").append(r + 1 < rows.size() ? ",\n" : "\n");
        }
        out.append("  ]\n");
        out.append("}\n");
        return out.toString();
    }

    /**
     * Runs the report, prints the table and writes the JSON.
     *
     * @param args {@code [output.json] [--records N] [--seed S]}.
     * @throws IOException if the JSON cannot be written.
     */
    private static final String USAGE = "usage: KeyDistributionReport [output.json] [--records N] [--seed S]";

    public static void main(final String[] args) throws IOException {
        if (Arguments.asksForHelp(args)) {
            System.out.println(USAGE);
            return;
        }
        Path output = Path.of(DEFAULT_OUTPUT);
        Parameters parameters = Parameters.defaults();
        try {
            final Arguments arguments = Arguments.of(args);
            boolean first = true;
            while (arguments.hasNext()) {
                final String arg = arguments.next();
                switch (arg) {
                    case "--records" -> parameters = parameters.withRecords(arguments.intValue(arg));
                    case "--seed" -> parameters = parameters.withSeed(arguments.longValue(arg));
                    default -> {
                        if (!first || Arguments.isFlag(arg)) {
                            throw Arguments.unknownFlag(arg);
                        }
                        output = Path.of(arg);
                    }
                }
                first = false;
            }
        } catch (final UsageException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        }

        requireAgronaAccess();
        final long startNs = System.nanoTime();
        final List<Row> rows = run(parameters);
        final double seconds = (System.nanoTime() - startNs) / 1e9;

        System.out.print(table(rows));
        final Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(output, json(parameters, rows), StandardCharsets.UTF_8);
        System.out.printf(Locale.ROOT, "%n%d rows of %,d records (seed %d, batch.size %d, %d-byte records, " +
            "Zipf s=%s over %,d keys) in %.1f s; JSON written to %s%n",
            rows.size(), parameters.records(), parameters.seed(), parameters.batchSize(), parameters.recordBytes(),
            parameters.zipfExponent(), parameters.zipfPopulation(), seconds, output);
        System.out.println("chi2 and p-value test each record landing independently and uniformly. Sticky " +
            "strategies place records in runs of about one or two batches by design, so for them the statistic " +
            "measures that granularity, not a flaw; max/min is 'inf' when a partition got no record.");
    }

    private static void requireAgronaAccess() {
        try {
            new UnsafeBuffer(ByteBuffer.allocateDirect(1)).getByte(0);
        } catch (final LinkageError ex) {
            System.err.println("Agrona needs the JVM flag --add-exports java.base/jdk.internal.misc=ALL-UNNAMED (scripts/key-distribution passes it): " + ex);
            System.exit(2);
        }
    }

    private static String pValueText(final double pValue) {
        // Below the smallest double the tail underflows to 0; say so rather than print a misleading 0.
        return pValue == 0 ? "<1e-300" : String.format(Locale.ROOT, "%.3g", pValue);
    }

    private static String ratioText(final double ratio) {
        if (Double.isInfinite(ratio)) {
            return "inf";
        }
        return Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.4f", ratio);
    }

    private static String number(final double value) {
        return Double.isFinite(value) ? Double.toString(value) : "null";
    }

    private static String string(final String value) {
        final StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int)c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
