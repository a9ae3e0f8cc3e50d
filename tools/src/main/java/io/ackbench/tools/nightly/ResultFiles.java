package io.ackbench.tools.nightly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins JMH result files: a nightly run is one JMH invocation per line of its list, each writing its own
 * {@code -rf json} array, and is kept as one file of all their entries, unchanged, in list order.
 */
public final class ResultFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultFiles() {
    }

    /** {@code ResultFiles OUT.json IN.json...}: joins the inputs into OUT.json; exit 2 with a message on bad input. */
    public static void main(final String[] args) {
        if (args.length < 2) {
            System.err.println("Usage: ResultFiles OUT.json IN.json...  joins JMH result files into one");
            System.exit(2);
        }
        try {
            final List<Path> inputs = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                inputs.add(Path.of(args[i]));
            }
            System.out.println(concat(inputs, Path.of(args[0])) + " results in " + args[0]);
        } catch (final IllegalArgumentException e) {
            System.err.println("ResultFiles: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Writes every entry of {@code inputs}, in order, as one JMH JSON array to {@code output}; returns the count. */
    public static int concat(final List<Path> inputs, final Path output) {
        final ArrayNode all = JSON.createArrayNode();
        for (final Path input : inputs) {
            final JsonNode entries;
            try {
                entries = JSON.readTree(input.toFile());
            } catch (final IOException e) {
                throw new IllegalArgumentException(input + ": not readable as JSON (" + e.getMessage() + ")", e);
            }
            if (entries == null || !entries.isArray()) {
                throw new IllegalArgumentException(input + ": not a JMH result file (expected a JSON array)");
            }
            all.addAll((ArrayNode) entries);
        }
        try {
            final Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            JSON.writeValue(output.toFile(), all);
        } catch (final IOException e) {
            throw new IllegalArgumentException("cannot write " + output + " (" + e.getMessage() + ")", e);
        }
        return all.size();
    }
}
