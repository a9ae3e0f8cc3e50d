package io.ackbench.tools.results;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The commit a checkout's tools run from, as reports name it. */
public final class SourceCommit {
    /** Outside a git checkout, or where git is missing. */
    public static final String UNKNOWN = "unknown";
    private static final String UNCOMMITTED = " (with uncommitted changes)";

    private SourceCommit() {
    }

    /** The abbreviated commit, noting uncommitted changes to tracked files; {@link #UNKNOWN} outside a checkout. */
    public static String of(final Path root) {
        final String sha = git(root, "rev-parse", "--short", "HEAD");
        if (sha.isEmpty()) {
            return UNKNOWN;
        }
        return git(root, "status", "--porcelain", "--untracked-files=no").isEmpty() ? sha : sha + UNCOMMITTED;
    }

    private static String git(final Path root, final String... args) {
        final List<String> command = new ArrayList<>(List.of("git", "-C", root.toString()));
        command.addAll(List.of(args));
        try {
            final Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            final String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            return process.waitFor() == 0 ? output : "";
        } catch (final IOException e) {
            return "";
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
