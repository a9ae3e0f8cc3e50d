package io.ackbench.tools.firstrun;

import io.ackbench.load.keys.KeyDistributionReport;
import io.ackbench.load.keys.PartitionLoad;
import io.ackbench.tools.results.BenchmarkResult;
import io.ackbench.tools.results.Metric;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The first run's summary.md: a header (machine, commit, JDK), one Markdown table per question the first run answers
 * (what the delivery settings cost end to end; ackbench's components beside kafka-clients'; the key hashes' speed
 * and skew), and the commands of the full runs. Every ratio of two JMH scores says whether it is inside the noise:
 * when the two 99.9% intervals overlap, no winner is claimed.
 */
public final class FirstRunSummary {
    static final String PRODUCE = "ProduceBenchmark.send";
    static final String NETWORK_PRODUCE = "NetworkProduceBenchmark.send";
    /** The end-to-end suites, by benchmark, and how their brokers are reached. */
    private static final Map<String, String> DELIVERY_SUITES = Map.of(
        PRODUCE, "In process (Agrona rings)",
        NETWORK_PRODUCE, "Over TCP loopback (each broker on its own port)");
    static final String KEY_HASH = "PartitionerBenchmark.keyHash";
    static final String IMPL = "impl";
    static final String ACKBENCH = "ackbench";
    static final String KAFKA = "kafka";
    static final String ACKS = "acks";
    static final String STRATEGY = "strategy";
    static final String WITHIN_ERROR = "within error";
    private static final String REFERENCE_ACKS = "1";
    private static final String REFERENCE_HASH = "murmur2";
    private static final String TMPFS_PREFIX = "/dev/shm";
    private static final List<String> ACKS_ORDER = List.of("0", "1", "all", "all-idempotent");
    private static final String UNIFORM_KEYS = "uniform-random";

    /** What the components are, by benchmark (class simple name and method). */
    private static final Map<String, String> COMPONENTS = Map.of(
        "RecordBatchBenchmark.buildAndSeal", "batch builder: build and seal a v2 batch",
        "AccumulatorBenchmark.append1Thread", "accumulator: append, 1 thread",
        "AccumulatorBenchmark.append2Threads", "accumulator: append, 2 threads",
        "PartitionerBenchmark.murmur2", "murmur2 keyed partitioning");

    /**
     * What the summary says about where and what it ran.
     *
     * @param machine  {@link io.ackbench.tools.results.MachineLabel}
     * @param commit   the abbreviated commit, with a note if the checkout had changes
     * @param jdk      the JDK the benchmarks ran on
     * @param started  when the run started, UTC
     * @param took     how long the run took, e.g. {@code 5 min 12 s}
     * @param list     the benchmark list, as the user would type it
     * @param keyReport the key-distribution configuration, e.g. {@code 1,000,000 records, 12 partitions}
     */
    public record Header(String machine, String commit, String jdk, String started, String took, String list,
                         String keyReport) {
    }

    private FirstRunSummary() {
    }

    /** The whole summary.md. */
    public static String markdown(final Header header, final List<BenchmarkResult> results,
                                  final List<KeyDistributionReport.Row> keyRows) {
        final StringBuilder md = new StringBuilder();
        md.append("# ackbench first run\n\n");
        md.append("Machine ").append(header.machine()).append(" · commit ").append(header.commit()).append(" · JDK ")
            .append(header.jdk()).append(" · ").append(header.started()).append(" · run took ").append(header.took())
            .append('\n');
        md.append("\nShort runs of ").append(header.list())
            .append(" (a few forks of a few 1 s iterations each): a ratio of two")
            .append(" scores whose 99.9% error bars overlap is marked \"").append(WITHIN_ERROR).append("\", no winner")
            .append(" is claimed; the full runs at the end settle it.\n");
        delivery(md, results);
        components(md, results);
        keyHashes(md, results, keyRows, header.keyReport());
        fullRuns(md);
        return md.toString();
    }

    private static void delivery(final StringBuilder md, final List<BenchmarkResult> results) {
        final Map<DeliveryGroup, Map<String, BenchmarkResult>> groups = new LinkedHashMap<>();
        for (final BenchmarkResult result : results) {
            if (DELIVERY_SUITES.containsKey(result.shortName()) && result.params().containsKey(ACKS)) {
                final DeliveryGroup group = new DeliveryGroup(result.shortName(), without(result.params(), ACKS));
                groups.computeIfAbsent(group, k -> new TreeMap<>(
                    Comparator.comparingInt(FirstRunSummary::acksRank).thenComparing(Comparator.naturalOrder())))
                    .put(result.params().get(ACKS), result);
            }
        }
        md.append("\n## Delivery settings, 3 brokers RF 3\n");
        if (groups.isEmpty()) {
            md.append("\nNo ").append(PRODUCE).append(" or ").append(NETWORK_PRODUCE).append(" results in this run.\n");
            return;
        }
        for (final Map.Entry<DeliveryGroup, Map<String, BenchmarkResult>> group : groups.entrySet()) {
            md.append('\n').append(produceCaption(group.getKey())).append("\n\n");
            md.append("| acks | records/s ± err | p50 µs | p99 µs | p99.9 µs | vs acks=1 |\n");
            md.append("|---|---:|---:|---:|---:|---|\n");
            final BenchmarkResult reference = group.getValue().get(REFERENCE_ACKS);
            for (final Map.Entry<String, BenchmarkResult> row : group.getValue().entrySet()) {
                final BenchmarkResult result = row.getValue();
                md.append("| ").append(row.getKey()).append(" | ").append(withError(result.primary(), "%,.0f"))
                    .append(" | ").append(secondary(result, "p50_us")).append(" | ").append(secondary(result, "p99_us"))
                    .append(" | ").append(secondary(result, "p99_9_us")).append(" | ")
                    .append(reference == null ? "–" : result == reference ? "1"
                        : ratio(result.primary(), reference.primary(), true).text())
                    .append(" |\n");
            }
        }
        md.append("\nLatency is from send to acknowledgement of every record of the measurement iterations; at an")
            .append(" unbounded rate it is mostly the wait in buffer.memory, so compare it across rows, not with")
            .append(" a rate-limited run.\n");
    }

    private static int acksRank(final String acks) {
        final int rank = ACKS_ORDER.indexOf(acks);
        return rank < 0 ? ACKS_ORDER.size() : rank;
    }

    /** One table of the delivery settings: a suite and its parameters but acks. */
    private record DeliveryGroup(String benchmark, Map<String, String> params) {
    }

    private static String produceCaption(final DeliveryGroup group) {
        final Map<String, String> params = group.params();
        final StringBuilder caption = new StringBuilder(DELIVERY_SUITES.get(group.benchmark()));
        final String minInsync = params.get("minInsync");
        if (minInsync != null) {
            caption.append(", min.insync.replicas=").append(minInsync);
        }
        final String keyed = params.get("keyed");
        if (keyed != null) {
            caption.append(Boolean.parseBoolean(keyed) ? ", keyed records" : ", keyless records");
        }
        final String rate = params.get("rate");
        if (rate != null) {
            caption.append(rate.equals("0") ? ", unbounded rate" : ", open loop at " + rate + " records/s");
        }
        final String dir = params.get("dir");
        if (dir != null) {
            caption.append("; broker logs ").append(dir.startsWith(TMPFS_PREFIX) ? "on tmpfs" : "on the disk")
                .append(" (").append(dir).append(')');
        }
        return caption.append('.').toString();
    }

    private static void components(final StringBuilder md, final List<BenchmarkResult> results) {
        final Map<String, BenchmarkResult[]> pairs = new LinkedHashMap<>();
        for (final BenchmarkResult result : results) {
            final String impl = result.params().get(IMPL);
            if (impl == null || DELIVERY_SUITES.containsKey(result.shortName())) {
                continue;
            }
            final String key = result.shortName() + " " + result.mode() + " " + without(result.params(), IMPL);
            final BenchmarkResult[] pair = pairs.computeIfAbsent(key, k -> new BenchmarkResult[2]);
            if (impl.equals(ACKBENCH)) {
                pair[0] = result;
            } else if (impl.equals(KAFKA)) {
                pair[1] = result;
            }
        }
        md.append("\n## ackbench beside kafka-clients\n\n");
        if (pairs.isEmpty()) {
            md.append("No results with impl=ackbench and impl=kafka in this run.\n");
            return;
        }
        md.append("| component | ackbench | kafka-clients | ackbench/kafka-clients |\n");
        md.append("|---|---:|---:|---|\n");
        for (final BenchmarkResult[] pair : pairs.values()) {
            final BenchmarkResult any = pair[0] != null ? pair[0] : pair[1];
            final boolean higherIsBetter = any.mode().equals("thrpt");
            md.append("| ").append(component(any)).append(" | ")
                .append(score(pair[0])).append(" | ").append(score(pair[1]))
                .append(" | ");
            if (pair[0] == null || pair[1] == null) {
                md.append("–");
            } else {
                final Ratio ratio = ratio(pair[0].primary(), pair[1].primary(), higherIsBetter);
                md.append(ratio.text());
                if (!ratio.withinError()) {
                    md.append(", ").append(ratio.better() ? "ackbench" : "kafka-clients").append(" faster");
                }
            }
            md.append(" |\n");
        }
    }

    private static String score(final BenchmarkResult result) {
        return result == null ? "–" : withError(result.primary(), "%,.1f") + " " + result.primary().unit();
    }

    private static String component(final BenchmarkResult result) {
        final String name = COMPONENTS.getOrDefault(result.shortName(), result.shortName());
        final Map<String, String> params = without(result.params(), IMPL);
        return params.isEmpty() ? name : name + " (" + joined(params) + ")";
    }

    private static void keyHashes(final StringBuilder md, final List<BenchmarkResult> results,
                                  final List<KeyDistributionReport.Row> keyRows, final String keyReport) {
        final Map<String, BenchmarkResult> speed = new LinkedHashMap<>();
        for (final BenchmarkResult result : results) {
            if (result.shortName().equals(KEY_HASH) && result.params().containsKey(STRATEGY)) {
                speed.putIfAbsent(result.params().get(STRATEGY), result);
            }
        }
        final Map<String, Map<String, PartitionLoad>> skew = new LinkedHashMap<>();
        final Set<String> keySets = new LinkedHashSet<>();
        final Set<Integer> partitions = new LinkedHashSet<>();
        for (final KeyDistributionReport.Row row : keyRows) {
            if (row.strategy().usesKeys()) {
                skew.computeIfAbsent(row.strategy().alias(), k -> new LinkedHashMap<>())
                    .putIfAbsent(row.keySet().label(), row.load());
                keySets.add(row.keySet().label());
                partitions.add(row.partitions());
            }
        }
        final Set<String> strategies = new LinkedHashSet<>(skew.keySet());
        strategies.addAll(speed.keySet());
        md.append("\n## Key hashes\n\n");
        if (strategies.isEmpty()) {
            md.append("No keyHash results and no key-distribution report in this run.\n");
            return;
        }
        final String keySize = speed.values().stream().findFirst().map(r -> r.params().get("keySize")).orElse(null);
        md.append("Speed: ").append(KEY_HASH).append(keySize == null ? "" : " over " + keySize + "-byte keys")
            .append(". Skew: the key-distribution report (").append(keyReport).append(partitions.isEmpty() ? ""
                : ", " + partitions.iterator().next() + " partitions").append("); max/min is the busiest")
            .append(" partition's records over the idlest's, per key set; chi-square p tests uniform-random keys")
            .append(" landing uniformly (small p: skewed).\n\n");
        md.append("| strategy | ns/op ± err | vs ").append(REFERENCE_HASH).append(" |");
        for (final String keySet : keySets) {
            md.append(" max/min ").append(keySet).append(" |");
        }
        md.append(" chi-square p |\n|---|---:|---|");
        md.append("---:|".repeat(keySets.size())).append("---:|\n");
        final BenchmarkResult reference = speed.get(REFERENCE_HASH);
        for (final String strategy : strategies) {
            final BenchmarkResult result = speed.get(strategy);
            md.append("| ").append(strategy).append(strategy.equals(REFERENCE_HASH) ? " (Kafka's)" : "").append(" | ");
            final Optional<Metric> nanos = result == null ? Optional.empty() : nanosPerOp(result.primary());
            md.append(nanos.map(m -> withError(m, "%.2f")).orElse("–")).append(" | ");
            final Optional<Metric> referenceNanos =
                reference == null ? Optional.empty() : nanosPerOp(reference.primary());
            if (result == reference && result != null) {
                md.append("1");
            } else if (nanos.isPresent() && referenceNanos.isPresent()) {
                md.append(ratio(nanos.get(), referenceNanos.get(), false).text());
            } else {
                md.append("–");
            }
            md.append(" |");
            final Map<String, PartitionLoad> loads = skew.getOrDefault(strategy, Map.of());
            for (final String keySet : keySets) {
                final PartitionLoad load = loads.get(keySet);
                md.append(' ').append(load == null ? "–" : maxMin(load)).append(" |");
            }
            final PartitionLoad uniform = loads.get(UNIFORM_KEYS);
            md.append(' ').append(uniform == null ? "–" : pValue(uniform.pValue())).append(" |\n");
        }
        if (keySets.contains("zipf")) {
            md.append("\nZipf keys are skewed by their hot keys, whatever the hash: no hash spreads one key over")
                .append(" several partitions.\n");
        }
    }

    private static void fullRuns(final StringBuilder md) {
        md.append("\n## Full runs\n\n");
        md.append("- Delivery settings, both min.insync and keyed records: `java -jar jmh/target/benchmarks.jar")
            .append(" jmh.ProduceBenchmark -f 3` (logs on the disk; `-p dir=/dev/shm/ackbench` for tmpfs)\n");
        md.append("- Over TCP, and Apache Kafka itself: `java -jar jmh/target/benchmarks.jar")
            .append(" 'NetworkProduceBenchmark|KafkaProduceBenchmark' -f 3`, `scripts/vs-kafka --matrix`\n");
        md.append("- End-to-end latency, from intended send to consumption at 20,000 records/s, ackbench beside Kafka:")
            .append(" `java -jar jmh/target/benchmarks.jar EndToEndBenchmark -f 3`\n");
        md.append("- Components: `java -jar jmh/target/benchmarks.jar")
            .append(" 'RecordBatchBenchmark|AccumulatorBenchmark|PartitionerBenchmark.murmur2' -f 3`\n");
        md.append("- Key hashes: `java -jar jmh/target/benchmarks.jar PartitionerBenchmark.keyHash -f 3` and")
            .append(" `scripts/key-distribution` (3, 6, 12 and 100 partitions)\n");
    }

    /** A ratio of two scores and whether it is inside their error bars. */
    record Ratio(double value, boolean withinError, boolean better) {
        String text() {
            return String.format(Locale.ROOT, "%.2f", value) + (withinError ? " (" + WITHIN_ERROR + ")" : "");
        }
    }

    /**
     * {@code a / b}; inside the noise when the 99.9% intervals overlap or an error is unknown.
     *
     * @param higherIsBetter whether a higher score is better (throughput), for {@link Ratio#better}
     */
    static Ratio ratio(final Metric a, final Metric b, final boolean higherIsBetter) {
        final double value = a.score() / b.score();
        final double errors = a.scoreError() + b.scoreError();
        final boolean within = Double.isNaN(errors) || Math.abs(a.score() - b.score()) <= errors;
        return new Ratio(value, within, higherIsBetter == value > 1);
    }

    /** A throughput per time unit as nanoseconds per operation, the error carried over; empty for other units. */
    static Optional<Metric> nanosPerOp(final Metric metric) {
        final double nanosPerUnit = switch (metric.unit()) {
            case "ops/ns" -> 1;
            case "ops/us" -> 1e3;
            case "ops/ms" -> 1e6;
            case "ops/s" -> 1e9;
            case "ns/op" -> -1;
            default -> 0;
        };
        if (nanosPerUnit == -1) {
            return Optional.of(metric);
        }
        if (nanosPerUnit == 0 || metric.score() <= 0) {
            return Optional.empty();
        }
        final double nanos = nanosPerUnit / metric.score();
        return Optional.of(Metric.of(nanos, nanos * metric.scoreError() / metric.score(), "ns/op", new double[0]));
    }

    private static String withError(final Metric metric, final String format) {
        final String score = String.format(Locale.ROOT, format, metric.score());
        return Double.isNaN(metric.scoreError()) ? score
            : score + " ± " + String.format(Locale.ROOT, format, metric.scoreError());
    }

    private static String secondary(final BenchmarkResult result, final String name) {
        return result.secondary(name).map(m -> String.format(Locale.ROOT, "%,.0f", m.score())).orElse("–");
    }

    private static String maxMin(final PartitionLoad load) {
        return load.min() == 0 ? "inf" : String.format(Locale.ROOT, "%.3f", load.maxMinRatio());
    }

    private static String pValue(final double p) {
        if (p < 1e-300) {
            return "<1e-300";
        }
        return p < 0.001 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.3f", p);
    }

    private static Map<String, String> without(final Map<String, String> params, final String name) {
        final Map<String, String> rest = new TreeMap<>(params);
        rest.remove(name);
        return rest;
    }

    private static String joined(final Map<String, String> params) {
        final List<String> parts = new ArrayList<>();
        params.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(", ", parts);
    }
}
