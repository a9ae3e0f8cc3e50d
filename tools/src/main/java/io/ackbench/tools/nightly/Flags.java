package io.ackbench.tools.nightly;

import io.ackbench.load.UsageException;
import io.ackbench.load.cli.Arguments;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The nightly steps' command lines, read with {@link Arguments}: {@code --flag VALUE} or {@code --flag=VALUE} pairs,
 * some required.
 */
final class Flags {
    private Flags() {
    }

    /** @throws UsageException on an unknown flag, a flag without its value, or a required flag missing */
    static Map<String, String> parse(final String[] args, final List<String> required, final List<String> optional) {
        final Map<String, String> flags = new HashMap<>();
        // --flag=VALUE as well, for values that start with "--" themselves (JVM options such as --add-opens=...).
        final Arguments arguments = Arguments.withInlineValues(args);
        while (arguments.hasNext()) {
            final String flag = arguments.next();
            if (!required.contains(flag) && !optional.contains(flag)) {
                throw Arguments.unknownFlag(flag);
            }
            flags.put(flag, arguments.value(flag));
        }
        for (final String flag : required) {
            if (!flags.containsKey(flag)) {
                throw new UsageException(flag + " is required");
            }
        }
        return flags;
    }
}
