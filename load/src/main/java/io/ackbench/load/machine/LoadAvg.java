package io.ackbench.load.machine;

/**
 * {@code /proc/loadavg}: the one-minute load average and, from its fourth field {@code RUNNABLE/THREADS}, the
 * scheduling entities runnable at the moment of reading.
 */
record LoadAvg(double oneMinute, int runnable) {

    static LoadAvg parse(final String text) {
        final String[] fields = text.trim().split("\\s+");
        if (fields.length < 4 || fields[3].indexOf('/') < 0) {
            throw new IllegalArgumentException("Not /proc/loadavg: " + text.trim());
        }
        return new LoadAvg(Double.parseDouble(fields[0]),
            Integer.parseInt(fields[3].substring(0, fields[3].indexOf('/'))));
    }
}
