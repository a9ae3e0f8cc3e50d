package io.ackbench.tools.nightly;

import io.ackbench.load.UsageException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --flag VALUE} pairs of the nightly steps' command lines: every flag takes a value. */
final class Flags {
    private Flags() {
    }

    /** @throws UsageException on an unknown flag, a flag without its value, or a required flag missing */
    static Map<String, String> parse(final String[] args, final List<String> required, final List<String> optional) {
        final Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            final String flag = args[i];
            if (!required.contains(flag) && !optional.contains(flag)) {
                throw new UsageException("unknown option " + flag);
            }
            if (i + 1 >= args.length) {
                throw new UsageException(flag + " needs a value");
            }
            flags.put(flag, args[++i]);
        }
        for (final String flag : required) {
            if (!flags.containsKey(flag)) {
                throw new UsageException(flag + " is required");
            }
        }
        return flags;
    }
}
