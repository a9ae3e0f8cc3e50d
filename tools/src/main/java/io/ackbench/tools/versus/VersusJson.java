package io.ackbench.tools.versus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ackbench.load.Workload;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * versus.json: the command, and per configuration its workload, every run's counts and figures, and per system the
 * means and spreads of the figures, with the ratios subject/reference. Figures are as in the tables but unrounded;
 * a figure without a value (no completed run) is {@code null}.
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
        node.put("reference", versus.reference());
        node.put("clean", versus.clean());
        final ArrayNode order = node.putArray("order");
        for (final Side side : Side.ORDER) {
            order.add(side == Side.SUBJECT ? versus.subject() : versus.reference());
        }
        workload(node.putObject("workload"), versus.workload());
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
        ratios.put("of", versus.subject() + "/" + versus.reference());
        for (final Figure figure : Figure.values()) {
            ratios.put(figure.jsonName(), finiteOrNull(versus.ratio(figure)));
        }
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
        node.put("recordsSent", run.sent());
        node.put("recordsAcknowledged", run.acknowledged());
        node.put("recordsFailed", run.failed());
        node.put("failure", run.failureLine());
        node.put("rateLimited", run.rateLimited());
        node.put("keptRate", run.keptRate());
        for (final Figure figure : Figure.values()) {
            node.put(figure.jsonName(), run.figure(figure));
        }
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
