package io.ackbench.load.cli;

import io.ackbench.load.UsageException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArgumentsTest {
    @Test
    void flagsTakeTheirValuesAndTheRestIsPositional() {
        final Arguments arguments = Arguments.of("a.json", "--out", "dir", "--log", "b.json");
        final List<String> positional = new ArrayList<>();
        String out = null;
        boolean log = false;
        while (arguments.hasNext()) {
            final String arg = arguments.next();
            switch (arg) {
                case "--out" -> out = arguments.value(arg);
                case "--log" -> log = true;
                default -> positional.add(arg);
            }
        }

        assertThat(out).isEqualTo("dir");
        assertThat(log).isTrue();
        assertThat(positional).containsExactly("a.json", "b.json");
    }

    @Test
    void aMissingValueIsNamedAndTheNextFlagIsNotSwallowed() {
        final Arguments atEnd = Arguments.of("--out");
        atEnd.next();
        assertThatThrownBy(() -> atEnd.value("--out")).isInstanceOf(UsageException.class)
            .hasMessage("--out needs a value");
        final Arguments beforeFlag = Arguments.of("--throughput", "--num-records", "5");
        beforeFlag.next();
        assertThatThrownBy(() -> beforeFlag.longValue("--throughput")).hasMessage("--throughput needs a value");
        assertThat(beforeFlag.next()).isEqualTo("--num-records");
    }

    @Test
    void negativeNumbersAreValues() {
        final Arguments arguments = Arguments.of("--throughput", "-1");
        assertThat(arguments.longValue(arguments.next())).isEqualTo(-1);
    }

    @Test
    void numbersParseOrNameTheFlagAndTheText() {
        assertThat(first("--n", " 42 ").intValue("--n")).isEqualTo(42);
        assertThat(first("--n", "5000000000").longValue("--n")).isEqualTo(5_000_000_000L);
        assertThat(first("--p", "0.95").doubleValue("--p")).isEqualTo(0.95);
        assertThatThrownBy(() -> first("--n", "many").longValue("--n")).isInstanceOf(UsageException.class)
            .hasMessage("--n needs a whole number, not 'many'");
        assertThatThrownBy(() -> first("--n", "3000000000").intValue("--n"))
            .hasMessage("--n needs a whole number up to 2147483647, not '3000000000'");
        assertThatThrownBy(() -> first("--p", "high").doubleValue("--p"))
            .hasMessage("--p needs a number, not 'high'");
    }

    @Test
    void durationsTakeSecondsOrAUnit() {
        assertThat(first("--d", "30").durationNanos("--d")).isEqualTo(30_000_000_000L);
        assertThat(first("--d", "30s").durationNanos("--d")).isEqualTo(30_000_000_000L);
        assertThat(first("--d", "500ms").durationNanos("--d")).isEqualTo(500_000_000L);
        assertThat(first("--d", "2M").durationNanos("--d")).isEqualTo(120_000_000_000L);
        assertThat(first("--d", "0").durationNanos("--d")).isZero();
        assertThatThrownBy(() -> first("--d", "5h").durationNanos("--d"))
            .hasMessage("--d needs a duration such as 30, 30s, 500ms or 2m, not '5h'");
        assertThatThrownBy(() -> first("--d", "-1").durationNanos("--d"))
            .hasMessage("--d needs a duration of 0 or more, not '-1'");
    }

    @Test
    void valuesUntilTheNextFlagMayBeNone() {
        final Arguments arguments = Arguments.of("--props", "a=1", "b=2", "--next", "--props");
        arguments.next();
        assertThat(arguments.valuesUntilNextFlag()).containsExactly("a=1", "b=2");
        assertThat(arguments.next()).isEqualTo("--next");
        assertThat(arguments.next()).isEqualTo("--props");
        assertThat(arguments.valuesUntilNextFlag()).isEmpty();
        assertThat(arguments.hasNext()).isFalse();
    }

    @Test
    void restTakesEverythingLeft() {
        final Arguments arguments = Arguments.of("--", "--help", "x");
        assertThat(arguments.next()).isEqualTo(Arguments.END_OF_FLAGS);
        assertThat(arguments.rest()).containsExactly("--help", "x");
        assertThat(arguments.hasNext()).isFalse();
    }

    @Test
    void inlineValuesOnlyWhereAsked() {
        final Arguments inline = Arguments.withInlineValues("--threshold=25", "--json", "f=g.json");
        assertThat(inline.next()).isEqualTo("--threshold");
        assertThat(inline.doubleValue("--threshold")).isEqualTo(25);
        assertThat(inline.next()).isEqualTo("--json");
        assertThat(inline.value("--json")).isEqualTo("f=g.json");
        assertThat(Arguments.of("--threshold=25").next()).isEqualTo("--threshold=25");
    }

    @Test
    void anInlineValueOnAFlagWithoutOneIsRefused() {
        final Arguments inline = Arguments.withInlineValues("--log=yes");
        assertThat(inline.next()).isEqualTo("--log");
        assertThatThrownBy(inline::hasNext).isInstanceOf(UsageException.class)
            .hasMessage("--log takes no value, not 'yes'");
    }

    @Test
    void helpIsAskedForAnywhereBeforeTheEndOfFlags() {
        assertThat(Arguments.asksForHelp("--bogus", "--help")).isTrue();
        assertThat(Arguments.asksForHelp(List.of("x", "-h"))).isTrue();
        assertThat(Arguments.asksForHelp("--", "--help")).isFalse();
        assertThat(Arguments.asksForHelp("--helpful")).isFalse();
    }

    @Test
    void unknownFlagsAreNamed() {
        assertThat(Arguments.unknownFlag("--partition")).isInstanceOf(UsageException.class)
            .hasMessage("Unknown flag '--partition'");
        assertThat(Arguments.isFlag("--out")).isTrue();
        assertThat(Arguments.isFlag("--")).isFalse();
        assertThat(Arguments.isFlag("-1")).isFalse();
        assertThat(Arguments.isFlag("a.json")).isFalse();
    }

    private static Arguments first(final String flag, final String value) {
        final Arguments arguments = Arguments.of(flag, value);
        arguments.next();
        return arguments;
    }
}
