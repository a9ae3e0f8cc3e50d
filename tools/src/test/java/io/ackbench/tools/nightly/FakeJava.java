package io.ackbench.tools.nightly;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A stand-in for {@code java}: a shell script that logs its directory and arguments to {@code calls.log}, and writes
 * a one-entry JMH JSON to the file after {@code -rff}, named after the first word after the jar, unless that word is
 * {@code Missing} (then it fails without results, as JMH does for a benchmark the jar lacks).
 */
final class FakeJava {
    private FakeJava() {
    }

    /** Writes the script into {@code dir}; returns the command that runs it. */
    static List<String> create(final Path dir) throws IOException {
        final Path script = dir.resolve("fake-java.sh");
        final String entry = NightlyJson.thrpt("BENCH", 10, 11, 12).replace("\"", "\\\"");
        Files.writeString(script, String.join("\n",
            "#!/bin/sh",
            "echo \"$(pwd) $*\" >> '" + dir.resolve("calls.log") + "'",
            "bench=''; part=''; prev=''; after_jar=false",
            "for a in \"$@\"; do",
            "  if [ \"$prev\" = -jar ]; then after_jar=true; prev=$a; continue; fi",
            "  if $after_jar && [ -z \"$bench\" ]; then bench=$a; fi",
            "  if [ \"$prev\" = -rff ]; then part=$a; fi",
            "  prev=$a",
            "done",
            "echo \"fake JMH running $bench\"",
            "[ \"$bench\" = Missing ] && exit 1",
            "printf '[%s]\\n' \"$(echo \"" + entry + "\" | sed \"s/BENCH/$bench/\")\" > \"$part\"",
            ""));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return List.of("/bin/sh", script.toString());
    }

    /** The calls made so far, one line each: the working directory, then the arguments. */
    static List<String> calls(final Path dir) throws IOException {
        final Path log = dir.resolve("calls.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }
}
