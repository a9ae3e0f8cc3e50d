package io.ackbench.load.machine;

/**
 * A task's {@code /proc/PID/task/TID/schedstat}: nanoseconds it has run on a CPU, nanoseconds it has waited on a run
 * queue (runnable, but another task had the CPU), and the timeslices it ran. The kernel keeps these where it is built
 * with {@code CONFIG_SCHED_INFO}; the file is missing otherwise.
 */
record TaskSchedStat(long cpuNanos, long runQueueWaitNanos, long timeslices) {

    /** @throws IllegalArgumentException when the text is not three numbers */
    static TaskSchedStat parse(final String text) {
        final String[] fields = text.strip().split(" ");
        if (fields.length < 3) {
            throw new IllegalArgumentException("Not a /proc schedstat line: " + text.strip());
        }
        return new TaskSchedStat(Long.parseLong(fields[0]), Long.parseLong(fields[1]), Long.parseLong(fields[2]));
    }
}
