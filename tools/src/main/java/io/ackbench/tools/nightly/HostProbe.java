package io.ackbench.tools.nightly;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Reads this host's {@link HostFingerprint} on Linux: {@code /proc/cpuinfo} (the first CPU's model name, flags and
 * microcode, and the count of {@code processor} entries), {@code /proc/sys/kernel/osrelease},
 * {@code /proc/meminfo}'s MemTotal, {@code /proc/sys/kernel/random/boot_id}, this JVM's vendor and runtime version
 * (the JMH JVMs are started from this JVM's own {@code java}), and for each data directory the file system type
 * and device mounted under it ({@code /proc/self/mountinfo}).
 *
 * <p>The boot id is there because a guest cannot see its physical host: two 2-core KVM guests of one kind report
 * the same CPU model, kernel and memory, yet ran one benchmark 5x apart. A new boot may be a new host, so it counts
 * as one; the price is one re-measured nightly after a reboot.
 *
 * <p>The data directories are those the benchmark list gives as {@code -p dir=...} and the repository root,
 * where every benchmark without a {@code dir} writes; a field names them as the list does ({@code .} for the root),
 * never by this machine's absolute path. A file that cannot be read gives the value {@code unknown}.
 *
 * <p>{@code HostProbe --root DIR --list FILE --out FILE.host.json} writes the fingerprint and prints its digest.
 */
public final class HostProbe {
    static final String UNKNOWN = "unknown";
    static final String ROOT_DIR = ".";
    private static final Path PROC = Path.of("/proc");

    private HostProbe() {
    }

    public static void main(final String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(final String[] args, final PrintStream out, final PrintStream err) {
        try {
            final Map<String, String> flags = Flags.parse(args, List.of("--root", "--list", "--out"), List.of());
            final Path root = Path.of(flags.get("--root")).toAbsolutePath().normalize();
            final List<String> list = JmhListRun.lines(Path.of(flags.get("--list")));
            final HostFingerprint fingerprint = probe(root, dataDirectories(list));
            final Path file = Path.of(flags.get("--out"));
            final Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            fingerprint.write(file);
            out.println(fingerprint.shortDigest());
            return JmhListRun.EXIT_OK;
        } catch (final IllegalArgumentException | UncheckedIOException | IOException e) {
            err.println("nightly.sh: host fingerprint: " + e.getMessage());
            return JmhListRun.EXIT_BAD_INPUT;
        }
    }

    /** This host's fingerprint, with the file systems under {@code dataDirs} (relative ones from {@code root}). */
    static HostFingerprint probe(final Path root, final SortedSet<String> dataDirs) {
        final Map<String, String> fields = new LinkedHashMap<>(cpu(read("cpuinfo")));
        fields.put(HostFingerprint.KERNEL, read("sys/kernel/osrelease").strip());
        fields.put(HostFingerprint.MEMORY_KIB, memTotalKiB(read("meminfo")));
        fields.put(HostFingerprint.BOOT_ID, read("sys/kernel/random/boot_id").strip());
        fields.put(HostFingerprint.JVM_VENDOR, System.getProperty("java.vendor", UNKNOWN));
        fields.put(HostFingerprint.JVM_VERSION, System.getProperty("java.runtime.version", UNKNOWN));
        final List<Mount> mounts = mounts(read("self/mountinfo"));
        for (final String dir : dataDirs) {
            final Path path = root.resolve(dir).normalize();
            fields.put(HostFingerprint.DATA_PREFIX + dir,
                mountOf(existingRealPath(path), mounts).map(Mount::describe).orElse(UNKNOWN));
        }
        fields.replaceAll((key, value) -> value.isEmpty() ? UNKNOWN : value);
        return HostFingerprint.of(fields);
    }

    private static String read(final String procFile) {
        try {
            return Files.readString(PROC.resolve(procFile), StandardCharsets.UTF_8);
        } catch (final IOException e) {
            return "";
        }
    }

    /** The path itself when it exists, else its nearest existing ancestor's real path with the rest appended. */
    private static Path existingRealPath(final Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(path));
        } catch (final IOException e) {
            return path;
        }
    }

    /**
     * The directories a benchmark list writes to: every value of a {@code -p dir=A,B} option, and {@link #ROOT_DIR}.
     */
    static SortedSet<String> dataDirectories(final List<String> lines) {
        final SortedSet<String> dirs = new TreeSet<>();
        dirs.add(ROOT_DIR);
        for (final String line : lines) {
            final List<String> words = JmhListRun.words(line);
            for (int i = 0; i + 1 < words.size(); i++) {
                if (words.get(i).equals("-p") && words.get(i + 1).startsWith("dir=")) {
                    for (final String dir : words.get(i + 1).substring("dir=".length()).split(",")) {
                        if (!dir.isBlank()) {
                            dirs.add(dir);
                        }
                    }
                }
            }
        }
        return dirs;
    }

    /** From {@code /proc/cpuinfo}'s text: model, flags and microcode of the first CPU, and the count of CPUs. */
    static Map<String, String> cpu(final String cpuinfo) {
        final Map<String, String> fields = new LinkedHashMap<>();
        int count = 0;
        for (final String line : cpuinfo.split("\n")) {
            final int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            final String key = line.substring(0, colon).strip();
            final String value = line.substring(colon + 1).strip();
            switch (key) {
                case "processor" -> count++;
                // x86 says "model name"; arm64 has no model name and says "CPU part" and "Features".
                case "model name", "CPU part" -> fields.putIfAbsent(HostFingerprint.CPU_MODEL, value);
                case "flags", "Features" -> fields.putIfAbsent(HostFingerprint.CPU_FLAGS, value);
                case "microcode" -> fields.putIfAbsent(HostFingerprint.CPU_MICROCODE, value);
                default -> { }
            }
        }
        fields.putIfAbsent(HostFingerprint.CPU_MODEL, UNKNOWN);
        fields.putIfAbsent(HostFingerprint.CPU_FLAGS, UNKNOWN);
        fields.putIfAbsent(HostFingerprint.CPU_MICROCODE, UNKNOWN);
        fields.put(HostFingerprint.CPU_COUNT, count > 0 ? Integer.toString(count) : UNKNOWN);
        return fields;
    }

    /** {@code /proc/meminfo}'s MemTotal in KiB, or {@link #UNKNOWN}. */
    static String memTotalKiB(final String meminfo) {
        for (final String line : meminfo.split("\n")) {
            if (line.startsWith("MemTotal:")) {
                final String[] words = line.substring("MemTotal:".length()).strip().split("\\s+");
                return words[0].isEmpty() ? UNKNOWN : words[0];
            }
        }
        return UNKNOWN;
    }

    /** One line of {@code /proc/self/mountinfo}: where, what type, from which device. */
    record Mount(String mountPoint, String type, String source) {
        String describe() {
            return type + " " + source;
        }
    }

    /**
     * The lines of {@code /proc/self/mountinfo}, in order: {@code ID PARENT MAJOR:MINOR ROOT MOUNTPOINT OPTIONS
     * [OPTIONAL...] - TYPE SOURCE SUPEROPTIONS}; a line not in that shape is skipped.
     */
    static List<Mount> mounts(final String mountinfo) {
        final List<Mount> mounts = new ArrayList<>();
        for (final String line : mountinfo.split("\n")) {
            final String[] words = line.strip().split(" ");
            final int separator = List.of(words).indexOf("-");
            if (separator < 6 || separator + 2 >= words.length) {
                continue;
            }
            mounts.add(new Mount(unescape(words[4]), words[separator + 1], unescape(words[separator + 2])));
        }
        return List.copyOf(mounts);
    }

    /** mountinfo writes space, tab, newline and backslash as octal escapes ({@code \040}). */
    private static String unescape(final String word) {
        final StringBuilder text = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            final char c = word.charAt(i);
            if (c == '\\' && i + 3 < word.length() && word.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                text.append((char) Integer.parseInt(word.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }

    /** The mount that holds {@code path}: the longest mount point above it, the later of two at one point. */
    static Optional<Mount> mountOf(final Path path, final List<Mount> mounts) {
        Mount best = null;
        for (final Mount mount : mounts) {
            final Path point = Path.of(mount.mountPoint());
            if (path.startsWith(point)
                && (best == null || point.getNameCount() >= Path.of(best.mountPoint()).getNameCount())) {
                best = mount;
            }
        }
        return Optional.ofNullable(best);
    }
}
