package io.ackbench.load.machine;

/**
 * The lines of {@code /proc/stat} a sample needs: the all-CPU jiffy counters of the {@code cpu} line, which only grow,
 * and the number of tasks running or blocked on I/O at the moment of reading ({@code procs_running} counts the reader
 * itself).
 */
record ProcStat(long user, long nice, long system, long idle, long iowait, long irq, long softirq, long steal,
                int procsRunning, int procsBlocked) {

    /** Every jiffy counted on the {@code cpu} line; guest time is already inside user and nice. */
    long total() {
        return user + nice + system + idle + iowait + irq + softirq + steal;
    }

    /**
     * Parses the text of {@code /proc/stat}.
     *
     * @throws IllegalArgumentException when the {@code cpu} line is missing
     */
    static ProcStat parse(final String text) {
        long[] cpu = null;
        int running = 0;
        int blocked = 0;
        for (final String line : text.split("\n")) {
            if (line.startsWith("cpu ")) {
                final String[] fields = line.trim().split("\\s+");
                cpu = new long[8];
                for (int i = 0; i < cpu.length && i + 1 < fields.length; i++) {
                    cpu[i] = Long.parseLong(fields[i + 1]);
                }
            } else if (line.startsWith("procs_running ")) {
                running = Integer.parseInt(line.substring("procs_running ".length()).trim());
            } else if (line.startsWith("procs_blocked ")) {
                blocked = Integer.parseInt(line.substring("procs_blocked ".length()).trim());
            }
        }
        if (cpu == null) {
            throw new IllegalArgumentException("No cpu line in /proc/stat");
        }
        return new ProcStat(cpu[0], cpu[1], cpu[2], cpu[3], cpu[4], cpu[5], cpu[6], cpu[7], running, blocked);
    }
}
