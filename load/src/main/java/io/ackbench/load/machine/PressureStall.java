package io.ackbench.load.machine;

/**
 * One file of Linux's pressure stall information ({@code /proc/pressure/cpu}, {@code io}, {@code memory}): the
 * microseconds so far in which at least one task was stalled on the resource ({@code some}) and in which every
 * non-idle task was ({@code full}; 0 where the kernel gives no such line, as for {@code cpu} on older kernels). Unlike
 * a sample of {@code procs_blocked}, these count every stall, however short, between two readings.
 */
record PressureStall(long someMicros, long fullMicros) {
    /** A resource the kernel reports no pressure for (no {@code /proc/pressure}). */
    static final PressureStall NONE = new PressureStall(-1, -1);

    /** From the file's text: lines {@code some avg10=0.00 avg60=0.00 avg300=0.00 total=N} and {@code full ...}. */
    static PressureStall parse(final String text) {
        long some = 0;
        long full = 0;
        for (final String line : text.split("\n")) {
            final int total = line.indexOf("total=");
            if (total < 0) {
                continue;
            }
            final long micros = Long.parseLong(line.substring(total + "total=".length()).trim());
            if (line.startsWith("some")) {
                some = micros;
            } else if (line.startsWith("full")) {
                full = micros;
            }
        }
        return new PressureStall(some, full);
    }

    boolean known() {
        return someMicros >= 0;
    }

    /** The share of {@code intervalNanos} in which some task stalled, from {@code start} to this reading; -1 unknown. */
    double somePercentSince(final PressureStall start, final long intervalNanos) {
        if (!known() || !start.known() || intervalNanos <= 0) {
            return -1;
        }
        return Math.min(100.0, 100.0 * (someMicros - start.someMicros) * 1_000.0 / intervalNanos);
    }
}
