package io.ackbench.tools.versus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ackbench.load.PerfOptions;
import io.ackbench.load.Workload;
import io.ackbench.tools.compare.RatioInterval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * versus.json: the command, and per configuration its workload, rate mode, what each system ran with, every run's
 * counts and figures, per system the means and spreads of the figures and its drift, and per reference the ratios
 * subject/reference with their intervals, or why there is none. Figures are as in the tables but unrounded; a figure
 * without a value (no completed run) is {@code null}.
 */
final class VersusJson {
    static final String TOOL = "vs-kafka";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final double NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private VersusJson() {
    }

    /** @param dir where versus.json goes: the configurations' directories are named relative to it */
    static String render(final List<String> arguments, final List<Versus> comparisons, final Path dir) {
        final ObjectNode root = JSON.createObjectNode();
        root.put("tool", TOOL);
        final ArrayNode args = root.putArray("arguments");
        arguments.forEach(args::add);
        root.put("spread", "half the range of a system's runs over their mean");
        root.put("confidence", Versus.CONFIDENCE);
        root.put("interval", "Fieller's, for the ratio of the means, Welch-Satterthwaite degrees of freedom");
        root.put("latencyUnit", "microseconds from each record's intended send time");
        final ArrayNode configurations = root.putArray("configurations");
        for (final Versus versus : comparisons) {
            configuration(configurations.addObject(), versus, dir);
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (final JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void configuration(final ObjectNode node, final Versus versus, final Path dir) {
        node.put("name", versus.configuration().name());
        node.put("directory", dir.toAbsolutePath().relativize(versus.directory().toAbsolutePath()).toString());
        node.put("subject", versus.subject());
        final ArrayNode references = node.putArray("references");
        versus.references().forEach(references::add);
        node.put("rateMode", versus.rateMode().name());
        node.put("clean", versus.clean());
        versus.measured().writeTo(node);
        final ArrayNode order = node.putArray("order");
        for (final RunFigures run : versus.runs()) {
            order.add(run.system());
        }
        workload(node.putObject("workload"), versus.workload());
        if (!versus.rates().isEmpty()) {
            final ObjectNode rates = node.putObject("ratesPerSystem");
            versus.rates().forEach(rates::put);
        }
        final ObjectNode resources = node.putObject("resources");
        versus.resources().forEach((system, lines) -> {
            final ObjectNode of = resources.putObject(system);
            lines.forEach(of::put);
        });
        final ArrayNode runs = node.putArray("runs");
        for (final RunFigures run : versus.runs()) {
            run(runs.addObject(), run);
        }
        final ObjectNode means = node.putObject("means");
        final ObjectNode spreads = node.putObject("spreads");
        for (final String system : versus.systems()) {
            final ObjectNode mean = means.putObject(system);
            final ObjectNode spread = spreads.putObject(system);
            for (final Figure figure : Figure.values()) {
                final MeanSpread summary = versus.summary(system, figure);
                mean.put(figure.jsonName(), finiteOrNull(summary.mean()));
                spread.put(figure.jsonName(), finiteOrNull(summary.spread()));
            }
        }
        final ObjectNode ratios = node.putObject("ratios");
        for (final String reference : versus.references()) {
            final ObjectNode of = ratios.putObject(versus.subject() + "/" + reference);
            for (final Figure figure : Figure.values()) {
                ratio(of.putObject(figure.jsonName()), RatioCell.of(versus, reference, figure));
            }
        }
        final ObjectNode drift = node.putObject("drift");
        drift.put("figure", Drift.figure(versus).jsonName());
        Drift.of(versus).values().forEach(trend -> {
            final ObjectNode of = drift.putObject(trend.system());
            of.put("runs", trend.runs());
            of.put("lastOverFirstMinusOne", finiteOrNull(trend.firstToLast()));
            of.put("trendPerRun", finiteOrNull(trend.slopePerRun()));
            of.put("tested", trend.testable());
            of.put("beyondNoise", trend.significant());
        });
    }

    /** {@code ratio}, {@code low} and {@code high} (null where unbounded), or {@code ratio: null} and why not. */
    private static void ratio(final ObjectNode node, final RatioCell cell) {
        if (cell.kind() != RatioCell.Kind.RATIO) {
            node.putNull("ratio");
            node.put("why", cell.text());
            return;
        }
        node.put("ratio", finiteOrNull(cell.ratio().ratio()));
        final RatioInterval interval = cell.ratio().interval().orElse(null);
        node.put("low", interval == null ? null : finiteOrNull(interval.low()));
        node.put("high", interval == null ? null : finiteOrNull(interval.high()));
    }

    /**
     * The comparison of {@code matchup} that a configuration's versus.json holds, as {@link #render} wrote it, for
     * a resumed matrix.
     *
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException naming the file and what does not match: another command line (but for
     *     --output-dir), another
     *     configuration, other systems, or a field missing
     */
    static Versus read(final Path file, final List<String> arguments, final Matchup matchup, final Path directory)
        throws IOException {
        final JsonNode root = JSON.readTree(file.toFile());
        final List<String> stored = new ArrayList<>();
        root.path("arguments").forEach(argument -> stored.add(argument.asText()));
        // Where the files went is not part of the comparison: a resumed one has --resume DIR instead.
        if (!VersusFlags.without(stored, PerfOptions.OUTPUT_DIR).equals(
            VersusFlags.without(arguments, PerfOptions.OUTPUT_DIR))) {
            throw new IllegalArgumentException(file + " was written by vs-kafka " + String.join(" ", stored)
                + "; this command is vs-kafka " + String.join(" ", arguments));
        }
        final JsonNode node = root.path("configurations").path(0);
        final String name = node.path("name").asText();
        if (!name.equals(matchup.configuration().name())) {
            throw new IllegalArgumentException(file + " holds configuration '" + name + "', not '"
                + matchup.configuration().name() + "'");
        }
        final List<String> systems = new ArrayList<>();
        systems.add(node.path("subject").asText());
        node.path("references").forEach(reference -> systems.add(reference.asText()));
        if (!systems.equals(matchup.names())) {
            throw new IllegalArgumentException(file + " compares " + systems + ", not " + matchup.names());
        }
        final List<RunFigures> runs = new ArrayList<>();
        for (final JsonNode run : node.path("runs")) {
            final int number = run.path("run").asInt();
            final String system = run.path("system").asText();
            final String directoryName = run.path("directory").asText();
            runs.add(run.path("completed").asBoolean()
                ? RunFigures.fromMeasurement(number, system, directoryName, run)
                : RunFigures.crashed(number, system, directoryName, run.path("error").asText()));
        }
        final Map<String, Long> rates = new LinkedHashMap<>();
        node.path("ratesPerSystem").fields().forEachRemaining(rate -> rates.put(rate.getKey(),
            rate.getValue().asLong()));
        final Map<String, Map<String, String>> resources = new LinkedHashMap<>();
        node.path("resources").fields().forEachRemaining(system -> {
            final Map<String, String> lines = new LinkedHashMap<>();
            system.getValue().fields().forEachRemaining(line -> lines.put(line.getKey(), line.getValue().asText()));
            resources.put(system.getKey(), lines);
        });
        return new Versus(matchup.configuration(), matchup.workload(), systems, directory, runs, rates, resources,
            Measured.readFrom(node));
    }

    private static void run(final ObjectNode node, final RunFigures run) {
        node.put("run", run.number());
        node.put("system", run.system());
        node.put("directory", run.directory());
        node.put("completed", run.completed());
        node.put("error", run.error());
        if (!run.completed()) {
            return;
        }
        run.writeMeasurement(node);
    }

    private static void workload(final ObjectNode node, final Workload workload) {
        node.put("brokers", workload.brokers());
        node.put("replicationFactor", workload.replicationFactor());
        node.put("minInsyncReplicas", workload.minInsyncReplicas());
        node.put("partitions", workload.partitions());
        node.put("recordSize", workload.recordSize());
        node.put("keyDistribution", workload.keyDistribution().toString());
        node.put("producerThreads", workload.producerThreads());
        if (workload.isRateLimited()) {
            node.put("targetRate", workload.targetRate());
        } else {
            node.putNull("targetRate");
        }
        node.put("numRecords", workload.numRecords());
        node.put("durationSeconds", workload.durationNanos() / NANOS_PER_SECOND);
        node.put("warmupSeconds", workload.warmupNanos() / NANOS_PER_SECOND);
        node.put("warmup", workload.steadyWarmup() ? Workload.STEADY : "fixed");
        node.put("seed", workload.seed());
        settings(node.putObject("producerSettings"), workload.producerSettings());
        settings(node.putObject("brokerSettings"), workload.givenBrokerSettings());
    }

    private static void settings(final ObjectNode node, final Map<String, String> settings) {
        new TreeMap<>(settings).forEach(node::put);
    }

    private static Double finiteOrNull(final double value) {
        return Double.isFinite(value) ? value : null;
    }
}
