package io.ackbench.tools.nightly;

import io.ackbench.load.UsageException;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a benchmark list with one benchmarks.jar into one joined JMH JSON: every line of the list (a benchmark regex
 * and its options) is one {@code java -Dackbench.latency.dir=DIR -jar JAR LINE COMMON -foe true -rf json -rff PART}
 * in the repository root, the latency directory given relative to the root (JMH records the JVM's flags in its JSON,
 * which may become a committed baseline, so no path of this machine may land in it); then the parts are joined with
 * {@link ResultFiles}. A line that produces no results is reported and skipped (a benchmark one commit does not have
 * is listed as vanished or new by the comparison); a list where no line produced any is an error.
 *
 * <p>The JMH JVMs never outlive this one: while a line runs, a shutdown hook destroys its process tree (the JMH host
 * and its forks), so that Ctrl-C or a kill of the tool leaves no benchmark running.
 *
 * <p>{@code JmhListRun --root DIR --jar JAR --list FILE --out OUT.json --latency-dir DIR [--jmh-args ARGS]
 * [--jvm-args ARGS]} is scripts/nightly.sh's step ({@code --jvm-args}: options of the JMH host JVM, which its forks
 * inherit; give it as {@code --jvm-args=ARGS} when ARGS starts with {@code --}); exit 0 with results, 2 on bad
 * input or when nothing produced results.
 */
public final class JmhListRun {
    public static final int EXIT_OK = 0;
    public static final int EXIT_BAD_INPUT = 2;

    /** What the list's lines get after their own words: one JSON part per line, and stop at the first error. */
    private static final List<String> FIXED_ARGS = List.of("-foe", "true", "-rf", "json", "-rff");
    private static final String LATENCY_PROPERTY = "-Dackbench.latency.dir=";
    private static final String JSON_SUFFIX = ".json";
    private static final long STOP_SECONDS = 10;

    private final Path root;
    private final List<String> java;
    private final List<String> jvmArgs;
    private final List<String> commonArgs;
    private final PrintStream log;
    private final String tag;
    /** The line's JMH host JVM while it runs, else null: written by the running thread, read by the shutdown hook. */
    private volatile Process running;
    /** Set by the shutdown hook: a line that starts after it is destroyed at once. */
    private volatile boolean stopping;

    /**
     * @param root       the repository root: where the JMH JVMs run
     * @param java       the command that starts a JVM, e.g. {@link #javaCommand()}; tests give a stand-in
     * @param commonArgs options after each line's own words (nightly.sh's NIGHTLY_JMH_ARGS)
     * @param log        where progress and the JMH JVMs' output go
     * @param tag        what messages start with, e.g. {@code nightly.sh}
     */
    public JmhListRun(final Path root, final List<String> java, final List<String> commonArgs, final PrintStream log,
                      final String tag) {
        this(root, java, List.of(), commonArgs, log, tag);
    }

    /**
     * As {@link #JmhListRun(Path, List, List, PrintStream, String)}, with options for the JMH host JVM, e.g. a
     * system property: JMH starts its forks with the host's JVM options (unless a line gives {@code -jvmArgs}),
     * and the suites' {@code @Fork(jvmArgsAppend)} flags still follow them.
     */
    public JmhListRun(final Path root, final List<String> java, final List<String> jvmArgs,
                      final List<String> commonArgs, final PrintStream log, final String tag) {
        this.root = root.toAbsolutePath().normalize();
        this.java = List.copyOf(java);
        this.jvmArgs = List.copyOf(jvmArgs);
        this.commonArgs = List.copyOf(commonArgs);
        this.log = log;
        this.tag = tag;
    }

    /** This JVM's own {@code java}. */
    public static List<String> javaCommand() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** No line produced results. */
    public static final class NoResultsException extends IllegalStateException {
        NoResultsException(final String message) {
            super(message);
        }
    }

    /** The benchmark lines of a list file: blank lines and lines starting with {@code #} skipped. */
    public static List<String> lines(final Path list) {
        try {
            return lines(Files.readAllLines(list, StandardCharsets.UTF_8));
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read the benchmark list " + list, e);
        }
    }

    /** {@link #lines(Path)} of a list's text, line by line. */
    public static List<String> lines(final List<String> text) {
        final List<String> lines = new ArrayList<>();
        for (final String line : text) {
            if (!line.isBlank() && !line.startsWith("#")) {
                lines.add(line);
            }
        }
        return List.copyOf(lines);
    }

    /** A line's or an option string's words, split at white space as the shell splits an unquoted variable. */
    public static List<String> words(final String text) {
        final String trimmed = text.strip();
        return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("\\s+"));
    }

    /** The command line of one list line, writing its results to {@code part}. */
    List<String> command(final Path jar, final String line, final Path part, final Path latencyDir) {
        final List<String> command = new ArrayList<>(java);
        command.addAll(jvmArgs);
        command.add(LATENCY_PROPERTY + root.relativize(latencyDir.toAbsolutePath().normalize()));
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        command.addAll(words(line));
        command.addAll(commonArgs);
        command.addAll(FIXED_ARGS);
        command.add(part.toAbsolutePath().toString());
        return command;
    }

    /** Where the parts of {@code out} go: {@code parts-NAME/} beside it. */
    static Path partsDirectory(final Path out) {
        final String name = out.getFileName().toString();
        final String stem = name.endsWith(JSON_SUFFIX) ? name.substring(0, name.length() - JSON_SUFFIX.length()) : name;
        return out.toAbsolutePath().getParent().resolve("parts-" + stem);
    }

    /**
     * What a list run joined.
     *
     * @param results       how many results {@code out} holds
     * @param withoutResult the lines that produced none, in list order (a nightly run tolerates them, since a
     *                      benchmark an older commit lacks is reported by the comparison; a curated list does not)
     */
    public record Joined(int results, List<String> withoutResult) {
        public Joined {
            withoutResult = List.copyOf(withoutResult);
        }
    }

    /**
     * Runs every line of {@code list} with {@code jar} and joins the results into {@code out}.
     *
     * @throws NoResultsException when no line produced results
     */
    public Joined run(final Path jar, final Path list, final Path out, final Path latencyDir)
        throws IOException, InterruptedException {
        final List<String> lines = lines(list);
        for (int n = 1; n <= lines.size(); n++) {
            runLine(jar, n, lines.get(n - 1), out, latencyDir);
        }
        return join(list, out);
    }

    /**
     * Runs line {@code number} (from 1) of a list with {@code jar} into its part of {@code out}, for a caller that
     * interleaves lines of several runs ({@link AbbaSession}); {@link #join} then gathers the parts. Returns whether
     * the line produced results.
     */
    public boolean runLine(final Path jar, final int number, final String line, final Path out, final Path latencyDir)
        throws IOException, InterruptedException {
        final Path part = part(out, number);
        Files.createDirectories(part.getParent());
        Files.createDirectories(latencyDir);
        log.println("== [" + number + "] " + line);
        final int status = runOne(command(jar, line, part, latencyDir));
        if (status == 0 && hasResults(part)) {
            return true;
        }
        // A benchmark this commit does not have is listed as vanished or new by the comparison, not fatal here. A
        // failed line's partial part is dropped, so that join counts it as without results.
        Files.deleteIfExists(part);
        log.println(tag + ": [" + number + "] '" + line + "' produced no results");
        return false;
    }

    /**
     * Joins the parts that {@link #runLine} wrote for the lines of {@code list} into {@code out}, in list order.
     *
     * @throws NoResultsException when no line produced results
     */
    public Joined join(final Path list, final Path out) throws IOException {
        final List<String> lines = lines(list);
        final List<Path> files = new ArrayList<>();
        final List<String> withoutResult = new ArrayList<>();
        for (int n = 1; n <= lines.size(); n++) {
            final Path part = part(out, n);
            if (hasResults(part)) {
                files.add(part);
            } else {
                withoutResult.add(lines.get(n - 1));
            }
        }
        if (files.isEmpty()) {
            throw new NoResultsException("no benchmark of " + list + " produced results");
        }
        final int count = ResultFiles.concat(files, out);
        log.println(count + " results in " + out);
        return new Joined(count, withoutResult);
    }

    /** Line {@code number}'s part of {@code out}: {@code parts-NAME/NN.json}. */
    static Path part(final Path out, final int number) {
        return partsDirectory(out).resolve(String.format(Locale.ROOT, "%02d.json", number));
    }

    private static boolean hasResults(final Path part) throws IOException {
        return Files.isRegularFile(part) && Files.size(part) > 0;
    }

    /** Runs one JMH command in the root, its output copied to the log; returns its exit status. */
    private int runOne(final List<String> command) throws IOException, InterruptedException {
        final ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        final Thread destroyOnExit = new Thread(() -> {
            stopping = true;
            destroyRunning();
        }, "jmh-list-run-destroy");
        Runtime.getRuntime().addShutdownHook(destroyOnExit);
        try {
            final Process process = builder.start();
            running = process;
            if (stopping) {
                destroyRunning(); // the JVM began to exit between the hook's registration and the start
            }
            try (InputStream output = process.getInputStream()) {
                output.transferTo(log);
            } finally {
                log.flush();
            }
            return process.waitFor();
        } finally {
            destroyRunning();
            running = null;
            try {
                Runtime.getRuntime().removeShutdownHook(destroyOnExit);
            } catch (final IllegalStateException e) {
                // This JVM is already shutting down: the hook destroys what is left.
            }
        }
    }

    /** Destroys the running JMH JVM and every process it started (its forks), forcibly if they linger. */
    private void destroyRunning() {
        final Process process = running;
        if (process == null) {
            return;
        }
        // The descendants first: once the host is gone its forks are no longer its descendants.
        final List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_SECONDS);
        for (final ProcessHandle handle : tree) {
            while (handle.isAlive() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(20);
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (handle.isAlive()) {
                handle.destroyForcibly();
            }
        }
    }

    public static void main(final String[] args) {
        System.exit(run(args, System.err));
    }

    /** The command line: returns the exit status. */
    public static int run(final String[] args, final PrintStream log) {
        final String tag = "nightly.sh";
        try {
            final Map<String, String> flags = Flags.parse(args,
                List.of("--root", "--jar", "--list", "--out", "--latency-dir"), List.of("--jmh-args", "--jvm-args"));
            final Path root = Path.of(flags.get("--root"));
            final JmhListRun runner = new JmhListRun(root, javaCommand(), words(flags.getOrDefault("--jvm-args", "")),
                words(flags.getOrDefault("--jmh-args", "")), log, tag);
            final Path list = Path.of(flags.get("--list"));
            if (!Files.isRegularFile(list)) {
                throw new UsageException("no benchmark list at " + list);
            }
            runner.run(Path.of(flags.get("--jar")), list, Path.of(flags.get("--out")),
                Path.of(flags.get("--latency-dir")));
            return EXIT_OK;
        } catch (final IllegalArgumentException | IllegalStateException | UncheckedIOException | IOException e) {
            log.println(tag + ": " + e.getMessage());
            return EXIT_BAD_INPUT;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            log.println(tag + ": interrupted");
            return EXIT_BAD_INPUT;
        }
    }
}
