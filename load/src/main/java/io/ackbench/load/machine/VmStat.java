package io.ackbench.load.machine;

/**
 * The counters of {@code /proc/vmstat} that show the kernel making writers or allocators wait: pages dirty and under
 * write-back, the dirty threshold beyond which writers are throttled ({@code balance_dirty_pages}), and the number of
 * direct reclaim ({@code allocstall_*}, summed over zones) and direct compaction ({@code compact_stall}) stalls so
 * far. A counter the kernel does not have reads 0.
 */
record VmStat(long nrDirty, long nrWriteback, long nrDirtyThreshold, long allocStalls, long compactStalls) {

    static VmStat parse(final String text) {
        long dirty = 0;
        long writeback = 0;
        long threshold = 0;
        long allocStalls = 0;
        long compactStalls = 0;
        for (final String line : text.split("\n")) {
            final int space = line.indexOf(' ');
            if (space < 0) {
                continue;
            }
            final String key = line.substring(0, space);
            switch (key) {
                case "nr_dirty" -> dirty = value(line, space);
                case "nr_writeback" -> writeback = value(line, space);
                case "nr_dirty_threshold" -> threshold = value(line, space);
                case "compact_stall" -> compactStalls = value(line, space);
                default -> {
                    if (key.startsWith("allocstall")) {
                        allocStalls += value(line, space);
                    }
                }
            }
        }
        return new VmStat(dirty, writeback, threshold, allocStalls, compactStalls);
    }

    private static long value(final String line, final int space) {
        return Long.parseLong(line.substring(space + 1).trim());
    }
}
