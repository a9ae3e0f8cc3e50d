package io.ackbench.load.machine;

/**
 * {@code /proc/meminfo}'s page-cache pressure: {@code Dirty} (written, not yet on its way to disk) and
 * {@code Writeback} (being written now), in KiB.
 */
record MemInfo(long dirtyKib, long writebackKib) {

    static MemInfo parse(final String text) {
        long dirty = 0;
        long writeback = 0;
        for (final String line : text.split("\n")) {
            if (line.startsWith("Dirty:")) {
                dirty = kib(line, "Dirty:");
            } else if (line.startsWith("Writeback:")) {
                writeback = kib(line, "Writeback:");
            }
        }
        return new MemInfo(dirty, writeback);
    }

    /** {@code "Dirty:             90008 kB"} gives 90008. */
    private static long kib(final String line, final String key) {
        final String value = line.substring(key.length()).trim();
        final int space = value.indexOf(' ');
        return Long.parseLong(space < 0 ? value : value.substring(0, space));
    }
}
