package io.ackbench.tools.results;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the absolute paths in a committed result file that belong to one machine: a checkout, a home, a temporary
 * or data directory. A result is shared with every clone, so such a path says nothing to its reader and leaks where
 * it was made (JMH copies the forks' JVM flags, {@code -Dackbench.latency.dir=...} among them, into its JSON).
 *
 * <p>Paths that name the same place on every Linux machine of this kind are allowed: the JDK JMH ran
 * ({@code /usr/lib/jvm/}), tmpfs chosen as a benchmark's data directory ({@code /dev/shm/}), and the kernel's
 * interfaces ({@code /proc/}, {@code /sys/}).
 */
final class MachinePaths {
    /** A Unix path of two or more segments, starting where a value or a word starts. */
    private static final Pattern UNIX_PATH =
        Pattern.compile("(?:^|[\\s\"'(=:,\\[`])(/[A-Za-z0-9._+~-]+(?:/[A-Za-z0-9._+~-]*)+)");
    /** A Windows drive path, as JSON escapes it ({@code C:\\Users}) or as written ({@code C:\Users}). */
    private static final Pattern WINDOWS_PATH = Pattern.compile("\\b[A-Za-z]:\\\\{1,2}[A-Za-z0-9._ -]+");
    private static final List<String> SAME_ON_EVERY_MACHINE = List.of("/usr/lib/jvm/", "/dev/shm/", "/proc/", "/sys/");

    private MachinePaths() {
    }

    /** Every machine path in {@code text}, in order of appearance; empty when there is none. */
    static List<String> in(final String text) {
        final List<String> found = new ArrayList<>();
        final Matcher unix = UNIX_PATH.matcher(text);
        while (unix.find()) {
            final String path = unix.group(1);
            if (SAME_ON_EVERY_MACHINE.stream().noneMatch(path::startsWith)) {
                found.add(path);
            }
        }
        final Matcher windows = WINDOWS_PATH.matcher(text);
        while (windows.find()) {
            found.add(windows.group());
        }
        return found;
    }
}
