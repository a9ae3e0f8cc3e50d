package io.ackbench.load.machine;

/**
 * The fields of a task's {@code /proc/PID/task/TID/stat} the thread sampler needs: its name ({@code comm}), its
 * process's parent, the user and system time it has run so far in clock ticks (fields 14 and 15), and when it started
 * (field 22, ticks since boot), which tells a new task from an old one that had the same id.
 *
 * <p>The line is {@code TID (COMM) STATE PPID ...}. A task names itself (up to 15 bytes), so {@code comm} may hold
 * spaces, parentheses and {@code ") ("}: it ends at the line's last {@code ')'}, and the fields are counted from there.
 */
record TaskStat(String comm, int ppid, long utimeTicks, long stimeTicks, long startTicks) {
    /** Linux reports task times to user space in ticks of 1/100 s (USER_HZ), whatever the kernel's own HZ. */
    static final long NANOS_PER_TICK = 10_000_000;
    private static final int PPID = 4;
    private static final int UTIME = 14;
    private static final int STIME = 15;
    private static final int START_TIME = 22;

    /** Both times, in nanoseconds at the ticks' resolution. */
    long cpuNanosFromTicks() {
        return (utimeTicks + stimeTicks) * NANOS_PER_TICK;
    }

    /**
     * Parses the file's text.
     *
     * @throws IllegalArgumentException when it is not such a line (no parentheses, too few fields)
     */
    static TaskStat parse(final String text) {
        final int open = text.indexOf('(');
        final int close = text.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("Not a /proc stat line: " + text.strip());
        }
        int ppid = -1;
        long utime = -1;
        long stime = -1;
        long start = -1;
        // Field 3 (the state) begins two characters after the ')': each field runs to the next space.
        int field = 3;
        int at = close + 2;
        while (at < text.length() && field <= START_TIME) {
            int end = text.indexOf(' ', at);
            if (end < 0) {
                end = text.length();
            }
            switch (field) {
                case PPID -> ppid = Integer.parseInt(text, at, end, 10);
                case UTIME -> utime = Long.parseLong(text, at, end, 10);
                case STIME -> stime = Long.parseLong(text, at, end, 10);
                case START_TIME -> start = Long.parseLong(text, at, end, 10);
                default -> {
                }
            }
            field++;
            at = end + 1;
        }
        if (start < 0) {
            throw new IllegalArgumentException("Too few fields in a /proc stat line: " + text.strip());
        }
        return new TaskStat(text.substring(open + 1, close), ppid, utime, stime, start);
    }
}
