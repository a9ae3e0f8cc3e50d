package io.ackbench.load.cli;

import io.ackbench.load.UsageException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A command line read front to back: the caller takes each argument with {@link #next()}, decides whether it is a
 * flag it knows, and takes the flag's value with {@link #value} or a typed reader. Every mistake is a
 * {@link UsageException} naming the flag: a missing value, a value that does not parse, an unknown flag.
 *
 * <p>A flag's value is the next argument unless that starts with {@value #FLAG_PREFIX}, so a forgotten value is
 * reported as missing instead of swallowing the next flag; {@code -1} is still a value.
 */
public final class Arguments {
    public static final String FLAG_PREFIX = "--";
    public static final String HELP = "--help";
    public static final String SHORT_HELP = "-h";
    /** Everything after it is positional, even what looks like a flag. */
    public static final String END_OF_FLAGS = "--";
    private static final char INLINE_VALUE_SEPARATOR = '=';

    private final List<String> args;
    private final boolean inlineValues;
    private int next;
    /** The flag just taken as {@code --flag=value} and its value, until the value is taken. */
    private String inlineFlag;
    private String inlineValue;

    private Arguments(final List<String> args, final boolean inlineValues) {
        this.args = List.copyOf(args);
        this.inlineValues = inlineValues;
    }

    public static Arguments of(final String... args) {
        return new Arguments(Arrays.asList(args), false);
    }

    public static Arguments of(final List<String> args) {
        return new Arguments(args, false);
    }

    /** Also takes {@code --flag=value}: {@link #next()} returns {@code --flag} and the value is the flag's. */
    public static Arguments withInlineValues(final String... args) {
        return new Arguments(Arrays.asList(args), true);
    }

    /** Whether {@value #HELP} or {@value #SHORT_HELP} is among the arguments before {@value #END_OF_FLAGS}. */
    public static boolean asksForHelp(final String... args) {
        return asksForHelp(Arrays.asList(args));
    }

    public static boolean asksForHelp(final List<String> args) {
        for (final String arg : args) {
            if (arg.equals(END_OF_FLAGS)) {
                return false;
            }
            if (arg.equals(HELP) || arg.equals(SHORT_HELP)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the argument has the shape of a flag ({@value #FLAG_PREFIX} and a name). */
    public static boolean isFlag(final String arg) {
        return arg.startsWith(FLAG_PREFIX) && arg.length() > FLAG_PREFIX.length();
    }

    /** The error for a flag the command does not know. */
    public static UsageException unknownFlag(final String flag) {
        return new UsageException("Unknown flag '" + flag + "'");
    }

    /** @throws UsageException when the flag just taken had an inline value it does not take */
    public boolean hasNext() {
        if (inlineValue != null) {
            throw new UsageException(inlineFlag + " takes no value, not '" + inlineValue + "'");
        }
        return next < args.size();
    }

    /** The next argument: a flag (without an inline value) or a positional argument. */
    public String next() {
        final String arg = args.get(next++);
        final int separator = arg.indexOf(INLINE_VALUE_SEPARATOR);
        if (inlineValues && isFlag(arg) && separator > 0) {
            inlineFlag = arg.substring(0, separator);
            inlineValue = arg.substring(separator + 1);
            return inlineFlag;
        }
        return arg;
    }

    /** The arguments not taken yet, taken now. */
    public List<String> rest() {
        final List<String> rest = new ArrayList<>(args.subList(next, args.size()));
        next = args.size();
        return rest;
    }

    /** The arguments up to the next flag, taken now: a flag's list of values (empty when there is none). */
    public List<String> valuesUntilNextFlag() {
        final List<String> values = new ArrayList<>();
        while (hasNext() && !args.get(next).startsWith(FLAG_PREFIX)) {
            values.add(args.get(next++));
        }
        return values;
    }

    /** The value of the flag just taken. */
    public String value(final String flag) {
        if (inlineValue != null) {
            final String value = inlineValue;
            inlineValue = null;
            return value;
        }
        if (!hasNext() || args.get(next).startsWith(FLAG_PREFIX)) {
            throw new UsageException(flag + " needs a value");
        }
        return args.get(next++);
    }

    public long longValue(final String flag) {
        final String text = value(flag);
        try {
            return Long.parseLong(text.trim());
        } catch (final NumberFormatException e) {
            throw new UsageException(flag + " needs a whole number, not '" + text + "'");
        }
    }

    public int intValue(final String flag) {
        final String text = value(flag);
        try {
            return Integer.parseInt(text.trim());
        } catch (final NumberFormatException e) {
            throw new UsageException(flag + " needs a whole number up to " + Integer.MAX_VALUE + ", not '" + text + "'");
        }
    }

    public double doubleValue(final String flag) {
        final String text = value(flag);
        try {
            return Double.parseDouble(text.trim());
        } catch (final NumberFormatException e) {
            throw new UsageException(flag + " needs a number, not '" + text + "'");
        }
    }

    /** A duration in nanoseconds: a number of seconds, or one with the unit ms, s or m (500ms, 30s, 2m). */
    public long durationNanos(final String flag) {
        return durationNanos(flag, value(flag));
    }

    public static long durationNanos(final String flag, final String text) {
        final String t = text.trim().toLowerCase(Locale.ROOT);
        final TimeUnit unit;
        final String number;
        if (t.endsWith("ms")) {
            unit = TimeUnit.MILLISECONDS;
            number = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            unit = TimeUnit.SECONDS;
            number = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            unit = TimeUnit.MINUTES;
            number = t.substring(0, t.length() - 1);
        } else {
            unit = TimeUnit.SECONDS;
            number = t;
        }
        final long amount;
        try {
            amount = Long.parseLong(number);
        } catch (final NumberFormatException e) {
            throw new UsageException(flag + " needs a duration such as 30, 30s, 500ms or 2m, not '" + text + "'");
        }
        if (amount < 0) {
            throw new UsageException(flag + " needs a duration of 0 or more, not '" + text + "'");
        }
        return unit.toNanos(amount);
    }
}
