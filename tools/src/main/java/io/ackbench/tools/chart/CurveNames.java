package io.ackbench.tools.chart;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Legend names for curves read from files, made from the file names: the parts every name shares go to the title,
 * the parts that differ name the curves. ackbench's {@code .hgrm} names are
 * {@code Class.method-mode-param=value-...-TIME.latency-us.hgrm}, so four runs that differ in {@code acks} are named
 * {@code acks=0}, {@code acks=1}, ... under the title {@code ProduceBenchmark.send-thrpt, keyed=false, ...}.
 */
final class CurveNames {
    private static final String HGRM_SUFFIX = ".hgrm";
    /** ackbench's marker of the values' unit ({@code HgrmFile}); the chart's axis says the unit instead. */
    private static final String UNIT_MARKER = ".latency-us";
    /** A part starts at each {@code -name=} and before the trial's end time {@code -20261124T000544.786Z}. */
    private static final Pattern PART_BOUNDARY = Pattern.compile("-(?=[A-Za-z][A-Za-z0-9_.]*=)|-(?=\\d{8}T\\d{6})");
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{8}T\\d{6}(\\.\\d+)?Z?");
    private static final String JOIN = ", ";
    /** Where a shared beginning or end of names may be cut. */
    private static final String SEPARATORS = "-_/.,";
    static final String ELLIPSIS = "\u2026";

    private final List<String> names;
    private final List<String> commonParts;

    private CurveNames(final List<String> names, final List<String> commonParts) {
        this.names = List.copyOf(names);
        this.commonParts = List.copyOf(commonParts);
    }

    static CurveNames of(final List<Path> files) {
        final List<String> bases = new ArrayList<>(files.size());
        for (final Path file : files) {
            bases.add(baseName(file));
        }
        if (new HashSet<>(bases).size() < bases.size()) {
            // Runs of produce-perf are all latency.hgrm, each in its own directory.
            bases.clear();
            for (final Path file : files) {
                final Path parent = file.toAbsolutePath().getParent();
                final Path parentName = parent == null ? null : parent.getFileName();
                bases.add((parentName == null ? "" : parentName + "/") + baseName(file));
            }
        }
        if (bases.size() < 2) {
            return new CurveNames(bases, List.of());
        }
        final List<List<String>> parts = new ArrayList<>(bases.size());
        boolean anyParams = false;
        for (final String base : bases) {
            final List<String> baseParts = List.of(PART_BOUNDARY.split(base));
            parts.add(baseParts);
            anyParams |= baseParts.size() > 1;
        }
        if (!anyParams) {
            return withoutCommonEnds(bases);
        }
        final Set<String> common = new LinkedHashSet<>(parts.get(0));
        for (final List<String> nameParts : parts) {
            common.retainAll(nameParts);
        }
        final List<String> withTimes = differing(parts, common, true);
        final List<String> withoutTimes = differing(parts, common, false);
        final List<String> names = distinctAndNonEmpty(withoutTimes) ? withoutTimes
            : distinctAndNonEmpty(withTimes) ? withTimes : bases;
        return new CurveNames(names, names == bases ? List.of() : List.copyOf(common));
    }

    /**
     * Names without a {@code name=value} part, such as produce-perf's run directories
     * ({@code 20261124-004226-acks-0_r50000_s100_p6_b3-rf3-isr2_t1/latency}): the longest beginning and end every
     * name shares, trimmed back to a separator, are cut off ({@code 004226-acks-0}, {@code 004235-acks-1}).
     */
    private static CurveNames withoutCommonEnds(final List<String> bases) {
        String prefix = bases.get(0);
        String suffix = bases.get(0);
        for (final String base : bases) {
            prefix = prefix.substring(0, commonPrefixLength(prefix, base));
            suffix = suffix.substring(suffix.length() - commonSuffixLength(suffix, base));
        }
        int start = prefix.length();
        while (start > 0 && SEPARATORS.indexOf(prefix.charAt(start - 1)) < 0) {
            start--;
        }
        int endCut = suffix.length();
        while (endCut > 0 && SEPARATORS.indexOf(suffix.charAt(suffix.length() - endCut)) < 0) {
            endCut--;
        }
        final List<String> names = new ArrayList<>(bases.size());
        for (final String base : bases) {
            final int end = Math.max(start, base.length() - endCut);
            names.add(base.substring(start, end));
        }
        if (!distinctAndNonEmpty(names)) {
            return new CurveNames(bases, List.of());
        }
        final List<String> common = new ArrayList<>(2);
        if (start > 0) {
            common.add(prefix.substring(0, start) + ELLIPSIS);
        }
        if (endCut > 0) {
            common.add(ELLIPSIS + suffix.substring(suffix.length() - endCut));
        }
        return new CurveNames(names, common);
    }

    private static int commonPrefixLength(final String a, final String b) {
        int length = 0;
        while (length < a.length() && length < b.length() && a.charAt(length) == b.charAt(length)) {
            length++;
        }
        return length;
    }

    private static int commonSuffixLength(final String a, final String b) {
        int length = 0;
        while (length < a.length() && length < b.length()
            && a.charAt(a.length() - 1 - length) == b.charAt(b.length() - 1 - length)) {
            length++;
        }
        return length;
    }

    private static List<String> differing(final List<List<String>> parts, final Set<String> common,
                                          final boolean keepTimes) {
        final List<String> names = new ArrayList<>(parts.size());
        for (final List<String> nameParts : parts) {
            final List<String> own = new ArrayList<>();
            for (final String part : nameParts) {
                if (!common.contains(part) && (keepTimes || !TIMESTAMP.matcher(part).matches())) {
                    own.add(part);
                }
            }
            names.add(String.join(JOIN, own));
        }
        return names;
    }

    private static boolean distinctAndNonEmpty(final List<String> names) {
        return !names.contains("") && new HashSet<>(names).size() == names.size();
    }

    private static String baseName(final Path file) {
        final Path fileName = file.getFileName();
        String name = fileName == null ? file.toString() : fileName.toString();
        if (name.endsWith(HGRM_SUFFIX)) {
            name = name.substring(0, name.length() - HGRM_SUFFIX.length());
        }
        if (name.endsWith(UNIT_MARKER)) {
            name = name.substring(0, name.length() - UNIT_MARKER.length());
        }
        return name;
    }

    /** One name per file, in the files' order. */
    List<String> names() {
        return names;
    }

    /** What every file name shares, e.g. {@code ProduceBenchmark.send-thrpt, keyed=false}; "" when nothing. */
    String common() {
        return String.join(JOIN, commonParts);
    }

    List<String> commonParts() {
        return commonParts;
    }
}
