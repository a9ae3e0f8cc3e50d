package io.ackbench.fault;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Timed faults on a cluster of {@code brokers}, in order of start, that a run applies ({@link FaultRunner}) and can
 * print and read back exactly ({@link #toText()}, {@link #parse}), so a run can be replayed.
 *
 * <p>A majority of the brokers is always up: at no instant are more than {@link #maxConcurrentFaults} brokers under
 * a fault, and no broker has two faults at once (so every kill is followed by its restart before anything else
 * happens to that broker). A fault is in effect from its start up to its end, exclusive: at one instant the runner
 * applies ends before starts.
 *
 * <p>Text, one fault a line, {@code #} starting a comment:
 * <pre>
 * brokers 3
 * 1500 KILL 2 3000
 * 7000 PAUSE 0 12000
 * 21000 POWER_LOSS 1 2000
 * </pre>
 * that is: at 1500 ms after the start kill -9 broker 2 and restart it 3000 ms later; at 7000 ms pause broker 0 for
 * 12000 ms; at 21000 ms cut broker 1's power (kill -9, and its logs lose what was not forced) and restart it 2000 ms
 * later.
 */
public record FaultSchedule(int brokers, List<Fault> faults) {
    static final String BROKERS = "brokers";
    private static final String COMMENT = "#";
    private static final Comparator<Fault> ORDER = Comparator.comparingLong(Fault::atMillis)
        .thenComparingInt(Fault::broker);

    /** @throws IllegalArgumentException naming the broken rule */
    public FaultSchedule {
        if (brokers < 1) {
            throw new IllegalArgumentException("A schedule needs at least one broker, not " + brokers);
        }
        final List<Fault> sorted = new ArrayList<>(faults);
        sorted.sort(ORDER);
        faults = List.copyOf(sorted);
        for (final Fault fault : faults) {
            if (fault.broker() >= brokers) {
                throw new IllegalArgumentException(fault + " names a broker outside 0.." + (brokers - 1));
            }
        }
        for (int i = 0; i < faults.size(); i++) {
            for (int j = i + 1; j < faults.size(); j++) {
                if (faults.get(i).broker() == faults.get(j).broker() && faults.get(i).overlaps(faults.get(j))) {
                    throw new IllegalArgumentException(faults.get(i) + " and " + faults.get(j) + " overlap on broker "
                        + faults.get(i).broker());
                }
            }
        }
        final int concurrent = maxConcurrent(faults);
        if (concurrent > maxConcurrentFaults(brokers)) {
            throw new IllegalArgumentException(concurrent + " faults at once among " + brokers + " brokers; at most "
                + maxConcurrentFaults(brokers) + " leave a majority up");
        }
    }

    /** The most brokers that may be under a fault at once and leave a majority up: (brokers - 1) / 2. */
    public static int maxConcurrentFaults(final int brokers) {
        return (brokers - 1) / 2;
    }

    /** The most faults in effect at one instant: it is reached at some fault's start. */
    static int maxConcurrent(final List<Fault> faults) {
        int max = 0;
        for (final Fault at : faults) {
            int inEffect = 0;
            for (final Fault other : faults) {
                if (other.atMillis() <= at.atMillis() && at.atMillis() < other.endMillis()) {
                    inEffect++;
                }
            }
            max = Math.max(max, inEffect);
        }
        return max;
    }

    /** When the last fault ends, 0 when there is none. */
    public long endMillis() {
        return faults.stream().mapToLong(Fault::endMillis).max().orElse(0);
    }

    /** The text {@link #parse} reads back to an equal schedule. */
    public String toText() {
        return textOf(brokers, faults);
    }

    /**
     * Faults in this text form, in the order given, without the checks a schedule makes: for a record of faults
     * applied that {@link #parse} may refuse (more than a minority of brokers struck at once).
     */
    public static String textOf(final int brokers, final List<Fault> faults) {
        final StringBuilder text = new StringBuilder(COMMENT).append(" at_ms kind broker duration_ms\n")
            .append(BROKERS).append(' ').append(brokers).append('\n');
        for (final Fault fault : faults) {
            text.append(fault.atMillis()).append(' ').append(fault.kind()).append(' ').append(fault.broker())
                .append(' ').append(fault.durationMillis()).append('\n');
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return toText();
    }

    /** @throws IllegalArgumentException naming the line that is not a schedule's, or the rule a schedule breaks */
    public static FaultSchedule parse(final String text) {
        int brokers = -1;
        final List<Fault> faults = new ArrayList<>();
        final String[] lines = text.split("\r?\n");
        for (int n = 0; n < lines.length; n++) {
            final int comment = lines[n].indexOf(COMMENT);
            final String line = (comment >= 0 ? lines[n].substring(0, comment) : lines[n]).trim();
            if (line.isEmpty()) {
                continue;
            }
            final String[] fields = line.split("\\s+");
            try {
                if (brokers < 0) {
                    if (fields.length != 2 || !fields[0].equals(BROKERS)) {
                        throw new IllegalArgumentException("expected '" + BROKERS + " N' first");
                    }
                    brokers = Integer.parseInt(fields[1]);
                } else if (fields.length == 4) {
                    faults.add(new Fault(Long.parseLong(fields[0]), FaultKind.valueOf(fields[1]),
                        Integer.parseInt(fields[2]), Long.parseLong(fields[3])));
                } else {
                    throw new IllegalArgumentException("expected 'AT_MS KIND BROKER DURATION_MS'");
                }
            } catch (final IllegalArgumentException e) { // NumberFormatException and unknown kinds too
                throw new IllegalArgumentException("Fault schedule line " + (n + 1) + " '" + lines[n] + "': "
                    + e.getMessage(), e);
            }
        }
        if (brokers < 0) {
            throw new IllegalArgumentException("Fault schedule has no '" + BROKERS + " N' line");
        }
        return new FaultSchedule(brokers, faults);
    }
}
