package io.ackbench.jmh.latency;

import org.openjdk.jmh.infra.BenchmarkParams;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Where a trial's latency distribution is written:
 * {@code DIR/Class.method-mode[-param=value...]-TIME.latency-us.hgrm}, TIME being the trial's end in UTC, which
 * keeps forks and reruns of one benchmark apart.
 *
 * <p>DIR is the system property {@value #DIRECTORY_PROPERTY}, by default {@value #DEFAULT_DIRECTORY} under the
 * working directory (git-ignored). Set it on the launcher, {@code java -Dackbench.latency.dir=DIR -jar
 * benchmarks.jar}: JMH starts forked JVMs with the launcher's JVM options. ({@code -jvmArgsAppend} would work too,
 * but replaces the benchmarks' own {@code @Fork(jvmArgsAppend)} flags.)
 */
final class HgrmFile {
    static final String DIRECTORY_PROPERTY = "ackbench.latency.dir";
    static final String DEFAULT_DIRECTORY = "results/runs/latency";
    static final String SUFFIX = ".latency-us.hgrm";

    private static final DateTimeFormatter TIME =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private HgrmFile() {
    }

    static Path forTrial(final BenchmarkParams params, final Instant end) {
        return Path.of(System.getProperty(DIRECTORY_PROPERTY, DEFAULT_DIRECTORY)).resolve(name(params, end));
    }

    static String name(final BenchmarkParams params, final Instant end) {
        final StringBuilder name = new StringBuilder(classAndMethod(params.getBenchmark()))
            .append('-').append(params.getMode().shortLabel());
        for (final String key : params.getParamsKeys()) {
            name.append('-').append(key).append('=').append(fileNameSafe(params.getParam(key)));
        }
        return name.append('-').append(TIME.format(end)).append(SUFFIX).toString();
    }

    /** {@code io.ackbench.jmh.FooBenchmark.send} becomes {@code FooBenchmark.send}. */
    private static String classAndMethod(final String benchmark) {
        final int methodDot = benchmark.lastIndexOf('.');
        return benchmark.substring(benchmark.lastIndexOf('.', methodDot - 1) + 1);
    }

    /** Param values are free text (paths, lists); keep letters, digits and {@code . _ -}, replace the rest. */
    private static String fileNameSafe(final String value) {
        final StringBuilder safe = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            final boolean plain = c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-');
            safe.append(plain ? c : '_');
        }
        return safe.toString();
    }
}
