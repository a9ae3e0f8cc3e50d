package io.ackbench.tools.versus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;

/**
 * When, on which machine and from which commit one configuration's runs were measured. A matrix finished with
 * --resume holds configurations of several sessions, perhaps days and commits apart; each one says its own, and a
 * reader sees whether a half-max configuration followed the max it halves.
 */
final class Measured {
    /** In versus.json written before configurations recorded it. */
    static final Measured NOT_RECORDED = new Measured(null, null, "", "");
    private static final String FIELD = "measured";

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
        .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT)
        .withZone(ZoneOffset.UTC);

    private final Instant from;
    private final Instant to;
    private final String machine;
    private final String commit;

    private Measured(final Instant from, final Instant to, final String machine, final String commit) {
        this.from = from;
        this.to = to;
        this.machine = machine;
        this.commit = commit;
    }

    /**
     * @param machine its {@code MachineLabel}
     * @param commit  the tools' commit ({@code SourceCommit})
     */
    static Measured of(final Instant from, final Instant to, final String machine, final String commit) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("measured from " + from + " to " + to + ": the end is before the start");
        }
        return new Measured(from, to, Objects.requireNonNull(machine, "machine"),
            Objects.requireNonNull(commit, "commit"));
    }

    boolean recorded() {
        return from != null;
    }

    /** Start of the first run, or null if not recorded. */
    Instant from() {
        return from;
    }

    /** End of the last run, or null if not recorded. */
    Instant to() {
        return to;
    }

    String machine() {
        return machine;
    }

    String commit() {
        return commit;
    }

    /** {@code Measured 2026-12-07 19:51 to 20:12 UTC on kvm2c at 7b576c6.} */
    String sentence() {
        if (!recorded()) {
            return "When, where and at which commit it was measured is not recorded (its versus.json predates that).";
        }
        final boolean sameDay = from.truncatedTo(ChronoUnit.DAYS).equals(to.truncatedTo(ChronoUnit.DAYS));
        return "Measured " + MINUTE.format(from) + " to " + (sameDay ? TIME : MINUTE).format(to) + " UTC on "
            + machine + " at " + commit + ".";
    }

    /** Adds "measured" to a configuration's node: null where not recorded. */
    /** {@code 2026-12-07 19:51}, in UTC. */
    static String minute(final Instant instant) {
        return MINUTE.format(instant);
    }

    void writeTo(final ObjectNode configuration) {
        if (!recorded()) {
            configuration.putNull(FIELD);
            return;
        }
        final ObjectNode node = configuration.putObject(FIELD);
        node.put("from", from.toString());
        node.put("to", to.toString());
        node.put("machine", machine);
        node.put("commit", commit);
    }

    /** @param configuration a configuration's node; one that predates "measured" has none */
    static Measured readFrom(final JsonNode configuration) {
        final JsonNode node = configuration.path(FIELD);
        if (node.isMissingNode() || node.isNull()) {
            return NOT_RECORDED;
        }
        try {
            return of(Instant.parse(node.path("from").asText()), Instant.parse(node.path("to").asText()),
                node.path("machine").asText(), node.path("commit").asText());
        } catch (final DateTimeParseException e) {
            throw new IllegalArgumentException("\"measured\" is not two instants (from, to): " + e.getMessage(), e);
        }
    }
}
