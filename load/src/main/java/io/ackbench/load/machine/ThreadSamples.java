package io.ackbench.load.machine;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every interval the thread sampler took and, in each, the CPU time and run-queue wait of every task that had either.
 * Kept as parallel arrays of primitives (about 24 bytes a task-interval; an hour of 50 busy tasks at 100 ms is some
 * 45 MB) with the task names kept once each, and read when the run is over.
 *
 * <p>One writer, the sampling thread; read by others only after it has ended (its {@code join}).
 */
final class ThreadSamples {
    /** A wait the kernel did not report (no {@code schedstat}). */
    static final long UNKNOWN = -1;
    /** The columns of {@code threads.tsv}. */
    static final String TSV_HEADER =
        "time_ms\tinterval_ms\tpid\ttid\tprocess\tthread\tcpu_ms\trunq_wait_ms\tjvm";
    private static final int INITIAL = 1024;

    private final List<TaskName> names = new ArrayList<>();
    private long[] endNanos = new long[INITIAL];
    private long[] intervalNanos = new long[INITIAL];
    /** The index of each interval's first record; an interval's records run to the next one's first. */
    private int[] firstRecord = new int[INITIAL];
    private int intervals;
    private int[] task = new int[INITIAL];
    private long[] cpuNanos = new long[INITIAL];
    private long[] waitNanos = new long[INITIAL];
    private int records;

    /** A name the records that follow may use: its index. */
    int name(final TaskName name) {
        names.add(name);
        return names.size() - 1;
    }

    /** Starts the interval that ended at {@code end} and lasted {@code length}; {@link #add} fills it. */
    void beginInterval(final long end, final long length) {
        if (intervals == endNanos.length) {
            endNanos = Arrays.copyOf(endNanos, intervals * 2);
            intervalNanos = Arrays.copyOf(intervalNanos, intervals * 2);
            firstRecord = Arrays.copyOf(firstRecord, intervals * 2);
        }
        endNanos[intervals] = end;
        intervalNanos[intervals] = length;
        firstRecord[intervals] = records;
        intervals++;
    }

    /** Task {@code name}'s time in the current interval; {@code wait} is {@link #UNKNOWN} where not reported. */
    void add(final int name, final long cpu, final long wait) {
        if (records == task.length) {
            task = Arrays.copyOf(task, records * 2);
            cpuNanos = Arrays.copyOf(cpuNanos, records * 2);
            waitNanos = Arrays.copyOf(waitNanos, records * 2);
        }
        task[records] = name;
        cpuNanos[records] = cpu;
        waitNanos[records] = wait;
        records++;
    }

    int intervals() {
        return intervals;
    }

    int records() {
        return records;
    }

    /** {@code threads.tsv}: times in milliseconds, {@code time_ms} (the interval's end) from {@code originNanos}. */
    void writeTsv(final Writer out, final long originNanos) throws IOException {
        out.write(TSV_HEADER);
        out.write('\n');
        final StringBuilder line = new StringBuilder(128);
        for (int i = 0; i < intervals; i++) {
            for (int r = firstRecord[i]; r < end(i); r++) {
                final TaskName name = names.get(task[r]);
                line.setLength(0);
                appendMillis(line, endNanos[i] - originNanos, 1).append('\t');
                appendMillis(line, intervalNanos[i], 1).append('\t').append(name.pid()).append('\t')
                    .append(name.tid()).append('\t').append(field(name.process())).append('\t')
                    .append(field(name.thread())).append('\t');
                appendMillis(line, cpuNanos[r], 3).append('\t');
                if (waitNanos[r] == UNKNOWN) {
                    line.append("-1");
                } else {
                    appendMillis(line, waitNanos[r], 3);
                }
                line.append('\t').append(name.jvm() == null ? "-" : name.jvm()).append('\n');
                out.append(line);
            }
        }
    }

    /**
     * What the intervals sharing a moment with [{@code fromNanos}, {@code toNanos}] showed: the {@code top} tasks by
     * CPU time summed over them (ties by process, then task id), and the thread of the run's JVMs with the largest
     * summed run-queue wait.
     */
    ThreadEvidence evidence(final long fromNanos, final long toNanos, final int top) {
        final Map<Integer, long[]> cpu = new HashMap<>();
        final Map<Integer, long[]> wait = new HashMap<>();
        int overlapping = 0;
        for (int i = 0; i < intervals; i++) {
            if (endNanos[i] - fromNanos < 0 || toNanos - (endNanos[i] - intervalNanos[i]) < 0) {
                continue;
            }
            overlapping++;
            for (int r = firstRecord[i]; r < end(i); r++) {
                cpu.computeIfAbsent(task[r], k -> new long[1])[0] += cpuNanos[r];
                if (waitNanos[r] > 0 && names.get(task[r]).ours()) {
                    wait.computeIfAbsent(task[r], k -> new long[1])[0] += waitNanos[r];
                }
            }
        }
        final Comparator<TaskTime> most = Comparator.comparingLong(TaskTime::nanos).reversed()
            .thenComparingInt(t -> t.task().pid()).thenComparingInt(t -> t.task().tid());
        final List<TaskTime> byCpu = times(cpu);
        byCpu.sort(most);
        final List<TaskTime> byWait = times(wait);
        byWait.sort(most);
        return new ThreadEvidence(overlapping, byCpu.subList(0, Math.min(top, byCpu.size())),
            byWait.isEmpty() ? null : byWait.get(0));
    }

    private List<TaskTime> times(final Map<Integer, long[]> sums) {
        final List<TaskTime> times = new ArrayList<>(sums.size());
        sums.forEach((name, nanos) -> {
            if (nanos[0] > 0) {
                times.add(new TaskTime(names.get(name), nanos[0]));
            }
        });
        return times;
    }

    private int end(final int interval) {
        return interval + 1 < intervals ? firstRecord[interval + 1] : records;
    }

    /** A name as one TSV field: a task may put a tab in its name. */
    private static String field(final String name) {
        return name.indexOf('\t') < 0 && name.indexOf('\n') < 0 ? name : name.replace('\t', ' ').replace('\n', ' ');
    }

    /** {@code nanos} in milliseconds with {@code decimals} (1 or 3) places, rounded half away from zero. */
    static StringBuilder appendMillis(final StringBuilder text, final long nanos, final int decimals) {
        final long unit = decimals == 1 ? 100_000 : 1_000;
        final long scaled = (Math.abs(nanos) + unit / 2) / unit;
        final long scale = decimals == 1 ? 10 : 1_000;
        if (nanos < 0 && scaled != 0) {
            text.append('-');
        }
        text.append(scaled / scale).append('.');
        final String fraction = Long.toString(scaled % scale);
        for (int i = fraction.length(); i < decimals; i++) {
            text.append('0');
        }
        return text.append(fraction);
    }
}
