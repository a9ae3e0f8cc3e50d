package io.ackbench.tools.markdown;

import java.util.List;

/** Rows of a Markdown (GitHub) table, each {@code | a | b |} and a newline. */
public final class MarkdownTable {
    private MarkdownTable() {
    }

    public static String row(final List<String> cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }
}
