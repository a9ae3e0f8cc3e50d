package io.ackbench.tools.chart;

import io.ackbench.tools.results.BenchmarkResult;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Picks results by what a user types: a benchmark's full or short name, a mode, {@code name=value} params, in any
 * order. A {@link BenchmarkResult#key()} as the comparator prints it,
 * {@code io.ackbench.jmh.ProduceBenchmark.send thrpt {acks=all, keyed=true}}, reads the same way, so it can be pasted.
 */
final class ResultSelector {
    private static final Set<String> MODES = Set.of("thrpt", "avgt", "sample", "ss");
    /** Whitespace, and the braces and commas of a pasted key. */
    private static final Pattern TOKEN_SEPARATOR = Pattern.compile("[\\s{},]+");
    private static final char ASSIGN = '=';

    private final String benchmark;
    private final String mode;
    private final Map<String, String> params;
    private final String text;

    private ResultSelector(final String benchmark, final String mode, final Map<String, String> params,
                           final String text) {
        this.benchmark = benchmark;
        this.mode = mode;
        this.params = Map.copyOf(params);
        this.text = text;
    }

    /**
     * @throws IllegalArgumentException when two tokens name a benchmark or a mode, or a param is named twice
     */
    static ResultSelector parse(final List<String> words) {
        String benchmark = "";
        String mode = "";
        final Map<String, String> params = new HashMap<>();
        final String text = String.join(" ", words).strip();
        for (final String token : TOKEN_SEPARATOR.split(text)) {
            if (token.isEmpty()) {
                continue;
            }
            final int assign = token.indexOf(ASSIGN);
            if (assign > 0) {
                if (params.put(token.substring(0, assign), token.substring(assign + 1)) != null) {
                    throw new IllegalArgumentException("the param " + token.substring(0, assign) + " is named twice in \""
                        + text + "\"");
                }
            } else if (MODES.contains(token)) {
                if (!mode.isEmpty()) {
                    throw new IllegalArgumentException("two modes in \"" + text + "\": " + mode + " and " + token);
                }
                mode = token;
            } else {
                if (!benchmark.isEmpty()) {
                    throw new IllegalArgumentException("two benchmarks in \"" + text + "\": " + benchmark + " and "
                        + token + " (params are name=value)");
                }
                benchmark = token;
            }
        }
        return new ResultSelector(benchmark, mode, params, text);
    }

    boolean isEmpty() {
        return benchmark.isEmpty() && mode.isEmpty() && params.isEmpty();
    }

    boolean matches(final BenchmarkResult result) {
        if (!benchmark.isEmpty() && !benchmark.equals(result.benchmark()) && !benchmark.equals(result.shortName())) {
            return false;
        }
        if (!mode.isEmpty() && !mode.equals(result.mode())) {
            return false;
        }
        for (final Map.Entry<String, String> param : params.entrySet()) {
            if (!param.getValue().equals(result.params().get(param.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The one result in {@code results} this selects.
     *
     * @param source names the results in an error, e.g. the file
     * @throws IllegalArgumentException when none or several match, listing the candidates
     */
    BenchmarkResult single(final List<BenchmarkResult> results, final String source) {
        final List<BenchmarkResult> matching = all(results);
        if (matching.size() == 1) {
            return matching.get(0);
        }
        if (matching.isEmpty()) {
            throw new IllegalArgumentException("no result in " + source + " matches \"" + text + "\"");
        }
        final List<String> keys = new ArrayList<>();
        for (final BenchmarkResult result : matching) {
            keys.add(result.key());
        }
        throw new IllegalArgumentException(matching.size() + " results in " + source + " match \"" + text
            + "\"; name more params. They are:\n  " + String.join("\n  ", keys));
    }

    List<BenchmarkResult> all(final List<BenchmarkResult> results) {
        final List<BenchmarkResult> matching = new ArrayList<>();
        for (final BenchmarkResult result : results) {
            if (matches(result)) {
                matching.add(result);
            }
        }
        return matching;
    }

    @Override
    public String toString() {
        return text;
    }
}
