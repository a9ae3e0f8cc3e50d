package io.ackbench.tools.flame;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * An HTML flame graph of async-profiler 3.x/4.x (the agent's {@code output=flamegraph} and jfr-converter's HTML),
 * read back: the frame names and every frame drawn, with its level, left edge and width in samples.
 *
 * <p>Such a file stores its frame names once, sorted, in a JavaScript array {@code const cpool = ['all', ...]} and
 * compresses each entry against the previous one: the entry's first character, minus {@code ' '}, is the number of
 * leading characters it shares with the previous name, and the rest follows: {@code ' io/ackbench/A.x'} then
 * {@code ',B.y'} stand for {@code io/ackbench/A.x} and {@code io/ackbench/B.y} ({@code ','} is 12). A plain text
 * search therefore finds a package name only where a run of its frames begins, if at all. Quotes and backslashes
 * in names are escaped with a backslash.
 *
 * <p>The frames follow {@code unpack(cpool);}, one call per line, replayed here as the page's script does:
 * {@code f(key,level,left,width,...)} draws at {@code level}, {@code left} after the previous frame's left edge;
 * {@code u(key,width,...)} draws a child of the previous frame (one level up, same left edge); {@code n(key,width,...)}
 * draws the previous frame's next sibling. A missing or zero width repeats the previous width. {@code key} is the
 * name's index shifted left by 3 over the frame type (interpreted, compiled, native...).
 */
public final class FlameGraphHtml {
    private static final String NAME_POOL_START = "const cpool = [";
    private static final char NAME_POOL_END = ']';
    private static final char QUOTE = '\'';
    private static final char ESCAPE = '\\';
    /** The shared-prefix length is stored as this character plus the length. */
    private static final char PREFIX_LENGTH_ZERO = ' ';
    private static final String FRAMES_START = "unpack(cpool);";
    private static final int KEY_TYPE_BITS = 3;
    private static final int KEY_INDEX = 0;
    private static final int F_LEVEL = 1;
    private static final int F_LEFT = 2;
    private static final int F_WIDTH = 3;
    private static final int U_N_WIDTH = 1;

    /**
     * One drawn frame.
     *
     * @param name  the method (or allocated type, or native function) it stands for.
     * @param level 0 for the root {@code all}, callees above their callers.
     * @param left  first sample it covers, counted from the root's left edge.
     * @param width samples it covers (bytes or other units where the graph counts those).
     */
    public record Frame(String name, int level, long left, long width) {
    }

    /**
     * What a graph holds of a set of frames.
     *
     * @param frames       frames drawn whose name matched.
     * @param names        distinct names among them (methods, types).
     * @param samples      samples whose stack holds at least one matching frame.
     * @param totalSamples samples of the whole graph (the root's width).
     */
    public record Summary(int frames, int names, long samples, long totalSamples) {
        /** @return {@link #samples} as a percentage of {@link #totalSamples}, 0 for an empty graph. */
        public double samplePercent() {
            return totalSamples == 0 ? 0 : 100.0 * samples / totalSamples;
        }
    }

    private final List<String> names;
    private final List<Frame> frames;

    private FlameGraphHtml(final List<String> names, final List<Frame> frames) {
        this.names = names;
        this.frames = frames;
    }

    /** Reads {@code file}; an error names the file and what was missing or malformed in it. */
    public static FlameGraphHtml read(final Path file) throws IOException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (final IllegalArgumentException notAFlameGraph) {
            throw new IllegalArgumentException(file + ": " + notAFlameGraph.getMessage(), notAFlameGraph);
        }
    }

    /** Parses a page's text; {@link IllegalArgumentException} says what was missing or malformed. */
    public static FlameGraphHtml parse(final String html) {
        final int poolStart = html.indexOf(NAME_POOL_START);
        if (poolStart < 0) {
            throw new IllegalArgumentException("no '" + NAME_POOL_START + "' (not an async-profiler 3.x/4.x flame graph)");
        }
        final List<String> names = decodeNames(html, poolStart + NAME_POOL_START.length());
        final int framesStart = html.indexOf(FRAMES_START, poolStart);
        if (framesStart < 0) {
            throw new IllegalArgumentException("no '" + FRAMES_START + "' after the frame names");
        }
        final List<Frame> frames = replayFrames(html.substring(framesStart + FRAMES_START.length()), names);
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("no frames after '" + FRAMES_START + "', not even the root");
        }
        return new FlameGraphHtml(Collections.unmodifiableList(names), Collections.unmodifiableList(frames));
    }

    /** @return every frame name, decompressed, in the file's (sorted) order; the first is {@code all}. */
    public List<String> names() {
        return names;
    }

    /** @return the frames in drawing order, the root first. */
    public List<Frame> frames() {
        return frames;
    }

    /** @return the root's width: every sample of the graph. */
    public long totalSamples() {
        return frames.get(0).width();
    }

    /** @return how many frames, names and samples of this graph {@code name} matches. */
    public Summary summarize(final Predicate<String> name) {
        final List<Frame> matching = new ArrayList<>();
        for (final Frame frame : frames) {
            if (name.test(frame.name())) {
                matching.add(frame);
            }
        }
        final long distinctNames = matching.stream().map(Frame::name).distinct().count();
        return new Summary(matching.size(), (int) distinctNames, coveredSamples(matching), totalSamples());
    }

    /** Samples under the union of the frames' spans: a matching frame above another is not counted twice. */
    private static long coveredSamples(final List<Frame> matching) {
        final List<Frame> byLeft = new ArrayList<>(matching);
        byLeft.sort(Comparator.comparingLong(Frame::left));
        long covered = 0;
        long reachedSoFar = Long.MIN_VALUE;
        for (final Frame frame : byLeft) {
            final long right = frame.left() + frame.width();
            if (right > reachedSoFar) {
                covered += right - Math.max(frame.left(), reachedSoFar);
                reachedSoFar = right;
            }
        }
        return covered;
    }

    private static List<String> decodeNames(final String html, final int from) {
        final List<String> names = new ArrayList<>();
        int at = from;
        while (true) {
            at = skipSeparators(html, at);
            if (at >= html.length()) {
                throw new IllegalArgumentException("the frame name array never ends with '" + NAME_POOL_END + "'");
            }
            if (html.charAt(at) == NAME_POOL_END) {
                break;
            }
            if (html.charAt(at) != QUOTE) {
                throw new IllegalArgumentException(
                    "frame name " + names.size() + " does not start with a quote but with '" + html.charAt(at) + "'");
            }
            final StringBuilder entry = new StringBuilder();
            at = readQuoted(html, at + 1, entry, names.size());
            names.add(names.isEmpty() ? entry.toString() : expand(names.get(names.size() - 1), entry, names.size()));
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("the frame name array is empty");
        }
        return names;
    }

    private static int skipSeparators(final String html, final int from) {
        int at = from;
        while (at < html.length() && (html.charAt(at) == ',' || Character.isWhitespace(html.charAt(at)))) {
            at++;
        }
        return at;
    }

    /** Appends a JavaScript single-quoted string's content to {@code entry}; returns the index after its quote. */
    private static int readQuoted(final String html, final int from, final StringBuilder entry, final int index) {
        int at = from;
        while (at < html.length()) {
            final char c = html.charAt(at);
            if (c == QUOTE) {
                return at + 1;
            }
            if (c == ESCAPE && at + 1 < html.length()) {
                at++;
            }
            entry.append(html.charAt(at));
            at++;
        }
        throw new IllegalArgumentException("frame name " + index + " has no closing quote");
    }

    private static String expand(final String previous, final CharSequence entry, final int index) {
        if (entry.length() == 0) {
            throw new IllegalArgumentException("frame name " + index + " is empty: it lacks its shared-prefix length");
        }
        final int shared = entry.charAt(0) - PREFIX_LENGTH_ZERO;
        if (shared < 0 || shared > previous.length()) {
            throw new IllegalArgumentException("frame name " + index + " shares " + shared
                + " characters with the previous name, which has " + previous.length());
        }
        return previous.substring(0, shared) + entry.subSequence(1, entry.length());
    }

    private static List<Frame> replayFrames(final String script, final List<String> names) {
        final List<Frame> frames = new ArrayList<>();
        int level = 0;
        long left = 0;
        long width = 0;
        for (final String rawLine : script.split("\n")) {
            final String line = rawLine.trim();
            if (line.isEmpty()) {
                continue;
            }
            final char call = line.charAt(0);
            if ((call != 'f' && call != 'u' && call != 'n') || line.length() < 3 || line.charAt(1) != '('
                || !line.endsWith(")")) {
                break; // the frames end where the page's own script resumes
            }
            final long[] args = arguments(line);
            final int nameIndex = (int) (args[KEY_INDEX] >>> KEY_TYPE_BITS);
            if (nameIndex >= names.size()) {
                throw new IllegalArgumentException(
                    "frame '" + line + "' names entry " + nameIndex + " of " + names.size() + " frame names");
            }
            final long newWidth;
            switch (call) {
                case 'f' -> {
                    level = (int) argument(args, F_LEVEL, line);
                    left += argument(args, F_LEFT, line);
                    newWidth = args.length > F_WIDTH ? args[F_WIDTH] : 0;
                }
                case 'u' -> {
                    level++;
                    newWidth = args.length > U_N_WIDTH ? args[U_N_WIDTH] : 0;
                }
                default -> {
                    left += width;
                    newWidth = args.length > U_N_WIDTH ? args[U_N_WIDTH] : 0;
                }
            }
            width = newWidth != 0 ? newWidth : width;
            frames.add(new Frame(names.get(nameIndex), level, left, width));
        }
        return frames;
    }

    private static long[] arguments(final String call) {
        final String inside = call.substring(2, call.length() - 1);
        if (inside.isEmpty()) {
            throw new IllegalArgumentException("frame '" + call + "' has no name key");
        }
        final String[] parts = inside.split(",");
        final long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                values[i] = Long.parseLong(parts[i].trim());
            } catch (final NumberFormatException notANumber) {
                throw new IllegalArgumentException("frame '" + call + "' has a non-numeric argument '" + parts[i] + "'",
                    notANumber);
            }
        }
        return values;
    }

    private static long argument(final long[] args, final int index, final String call) {
        if (index >= args.length) {
            throw new IllegalArgumentException("frame '" + call + "' lacks argument " + index);
        }
        return args[index];
    }
}
