package io.ackbench.broker;

import io.ackbench.transport.AddressBook;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The command line of a node process ({@link BrokerMain}, {@link ControllerMain}): {@code --flag value} for the flags
 * the program names, {@code key=value} for the cluster's settings. Any problem prints the program's name, the problem
 * and its usage line to standard error and exits with status 2.
 */
final class ProcessArguments {
    private final String program;
    private final String usage;
    private final Map<String, String> flags = new HashMap<>();
    private final Map<String, String> settings = new HashMap<>();

    private ProcessArguments(final String program, final String usage) {
        this.program = program;
        this.usage = usage;
    }

    /** Reads {@code args}; {@code usage} is what follows the program's name in the usage line. */
    static ProcessArguments parse(final String program, final String usage, final Set<String> flagNames,
                                  final String[] args) {
        final ProcessArguments parsed = new ProcessArguments(program, usage);
        for (int i = 0; i < args.length; i++) {
            if (flagNames.contains(args[i])) {
                if (i + 1 >= args.length) {
                    parsed.fail(args[i] + " needs a value");
                }
                parsed.flags.put(args[i], args[++i]);
            } else {
                final int equals = args[i].indexOf('=');
                if (equals <= 0) {
                    parsed.fail("unexpected argument '" + args[i] + "'");
                }
                parsed.settings.put(args[i].substring(0, equals), args[i].substring(equals + 1));
            }
        }
        return parsed;
    }

    /** The flag's value, or null when it was not given. */
    String flag(final String name) {
        return flags.get(name);
    }

    /** The {@code key=value} settings, which the caller may add to. */
    Map<String, String> settings() {
        return settings;
    }

    InetSocketAddress address(final String hostAndPort, final String flag) {
        final int colon = hostAndPort.lastIndexOf(':');
        if (colon <= 0) {
            fail(flag + " '" + hostAndPort + "' is not HOST:PORT");
        }
        try {
            return new InetSocketAddress(hostAndPort.substring(0, colon),
                Integer.parseInt(hostAndPort.substring(colon + 1)));
        } catch (final IllegalArgumentException e) {
            fail(flag + " '" + hostAndPort + "': " + e.getMessage());
            return null;
        }
    }

    /** Puts {@code 0=HOST:PORT,1=HOST:PORT,...} into {@code addresses}; returns how many brokers that names. */
    int listeners(final String listeners, final AddressBook addresses) {
        int count = 0;
        for (final String entry : listeners.split(",")) {
            final String[] idAndAddress = entry.split("=", 2);
            final int colon = idAndAddress.length == 2 ? idAndAddress[1].lastIndexOf(':') : -1;
            if (colon <= 0) {
                fail("listener '" + entry + "' is not ID=HOST:PORT");
            }
            final int nodeId = Integer.parseInt(idAndAddress[0]);
            if (nodeId != count) {
                fail("listeners must be given for ids 0, 1, 2, ... in order; got " + nodeId + " at position " + count);
            }
            addresses.put(nodeId, new InetSocketAddress(idAndAddress[1].substring(0, colon),
                Integer.parseInt(idAndAddress[1].substring(colon + 1))));
            count++;
        }
        return count;
    }

    /** Prints the problem and the usage line, then exits with status 2. */
    void fail(final String problem) {
        System.err.println(program + ": " + problem + "\nusage: " + program + " " + usage);
        System.exit(2);
    }
}
