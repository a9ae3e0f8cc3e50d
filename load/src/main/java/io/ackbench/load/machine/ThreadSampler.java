package io.ackbench.load.machine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every task on the host (each thread of each process, kernel threads included), read at each of the
 * {@link MachineSampler}'s samples: how long it ran on a CPU and how long it waited on a run queue since the sample
 * before, into {@link ThreadSamples}. Each sample walks {@code /proc/PID/task/TID/} and reads {@code schedstat}
 * (nanoseconds on a CPU and waiting for one) and {@code stat} (the names, the parent, the ticks). CPU time is the
 * {@code schedstat} figure where the kernel has the file, the ticks of {@code stat} (10 ms each) otherwise.
 *
 * <p>{@code stat} is read again only for a task whose {@code schedstat} moved (or that has none): one that neither
 * ran nor waited for a CPU gained no ticks and cannot have renamed itself, and most tasks of a host sleep through a
 * period. That halves the walk's cost; a kernel worker's name, which says which work queue it serves
 * ({@code kworker/u8:1-flush-254:0}), is still read whenever it has run.
 *
 * <p>A task counts from its first sighting: the sample that first sees it only notes its counters. One that is gone
 * (or whose files vanish between the listing and the read, as it exits) is dropped; an id taken by a new task is
 * told apart by the task's start time. The run's own JVMs are this one ({@code load}) and its children whose command
 * line is one of the cluster's {@link ClusterJvm}s; a child is looked up until it matches, since it execs its
 * {@code java} command only after the fork.
 *
 * <p>Not thread-safe: the sampling thread's own, read by others only after that thread has ended.
 */
final class ThreadSampler {
    private static final int MAX_FILE = 4096;

    private final Path proc;
    private final long ownPid;
    private final List<ClusterJvm> jvms;
    private final ThreadSamples samples = new ThreadSamples();
    private final Map<Integer, Task> tasks = new HashMap<>();
    private final Map<Integer, Process> processes = new HashMap<>();
    /** One buffer for every file read: the sampling thread's own. */
    private final ByteBuffer buffer = ByteBuffer.allocate(MAX_FILE);
    private final List<Reading> readings = new ArrayList<>();
    /** The processes, then one process's tasks, of the sample under way; reused from sample to sample. */
    private final IdList pids = new IdList();
    private final IdList tids = new IdList();
    private final ThreadMXBean threadTimes = ManagementFactory.getThreadMXBean();
    private long sweep;
    private long lastNanos;
    private long cpuNanosSpent;
    private long wallNanosSpent;
    private int tasksSeen;
    private int mostTasks;

    /**
     * @param proc   the proc file system ({@code /proc}, or a directory of fixture files)
     * @param ownPid this JVM's process id: its threads are {@code load}'s, its children may be the cluster's JVMs
     * @param jvms   the JVMs the run's cluster started, matched by command line
     */
    ThreadSampler(final Path proc, final long ownPid, final List<ClusterJvm> jvms) {
        this.proc = proc;
        this.ownPid = ownPid;
        this.jvms = List.copyOf(jvms);
    }

    /**
     * Reads every task at {@code nowNanos}; from the second call on, keeps the interval since the call before.
     *
     * @throws IOException when {@code /proc} itself cannot be listed
     */
    void sample(final long nowNanos) throws IOException {
        final long wallStart = System.nanoTime();
        final long cpuStart = threadTimes.getCurrentThreadCpuTime();
        sweep++;
        final boolean interval = sweep > 1;
        if (interval) {
            samples.beginInterval(nowNanos, nowNanos - lastNanos);
        }
        int seen = 0;
        pids.list(proc);
        for (int i = 0; i < pids.size; i++) {
            seen += sampleProcess(pids.ids[i], proc.resolve(Integer.toString(pids.ids[i])), interval);
        }
        tasks.values().removeIf(task -> task.sweep != sweep);
        processes.values().removeIf(process -> process.sweep != sweep);
        lastNanos = nowNanos;
        tasksSeen = seen;
        mostTasks = Math.max(mostTasks, seen);
        cpuNanosSpent += threadTimes.getCurrentThreadCpuTime() - cpuStart;
        wallNanosSpent += System.nanoTime() - wallStart;
    }

    /** The process's tasks, read and counted; how many were read. */
    private int sampleProcess(final int pid, final Path pidDir, final boolean interval) {
        readings.clear();
        final Path taskDirs = pidDir.resolve("task");
        try {
            tids.list(taskDirs);
        } catch (final IOException | RuntimeException e) {
            return 0; // the process ended since /proc was listed
        }
        for (int i = 0; i < tids.size; i++) {
            final int tid = tids.ids[i];
            final Reading reading = read(tid, taskDirs.resolve(Integer.toString(tid)), tasks.get(tid));
            if (reading != null) {
                readings.add(reading);
            }
        }
        if (readings.isEmpty()) {
            return 0;
        }
        Reading leader = null;
        for (final Reading reading : readings) {
            if (reading.tid == pid) {
                leader = reading;
            }
        }
        Process process = processes.get(pid);
        if (process == null || leader != null && process.startTicks >= 0
            && leader.stat.startTicks() != process.startTicks) {
            process = new Process(leader == null ? -1 : leader.stat.startTicks());
            processes.put(pid, process);
        }
        process.sweep = sweep;
        if (leader != null) {
            process.name = leader.stat.comm();
        } else if (process.name == null) {
            process.name = readings.get(0).stat.comm(); // the first task is gone, the others still run
        }
        if (process.jvm == null) {
            process.jvm = pid == ownPid ? "load"
                : readings.get(0).stat.ppid() == ownPid ? jvmOf(pidDir) : null;
        }
        for (final Reading reading : readings) {
            count(pid, reading, process, interval);
        }
        return readings.size();
    }

    private void count(final int pid, final Reading reading, final Process process, final boolean interval) {
        Task task = tasks.get(reading.tid);
        if (task == null || task.startTicks != reading.stat.startTicks()) {
            task = new Task(reading.stat.startTicks());
            tasks.put(reading.tid, task);
        } else if (interval) {
            final boolean precise = reading.sched != null && task.sched != null;
            final long cpu = precise ? reading.sched.cpuNanos() - task.sched.cpuNanos()
                : Math.max(0, reading.stat.cpuNanosFromTicks() - task.stat.cpuNanosFromTicks());
            final long wait = precise
                ? Math.max(0, reading.sched.runQueueWaitNanos() - task.sched.runQueueWaitNanos())
                : ThreadSamples.UNKNOWN;
            if (cpu > 0 || wait > 0) {
                samples.add(task.name(samples, pid, reading.tid, process, reading.stat.comm()), cpu, wait);
            }
        }
        task.sweep = sweep;
        task.stat = reading.stat;
        task.sched = reading.sched;
    }

    /**
     * The task's files, {@code stat} as {@code known} last read it where its {@code schedstat} has not moved since;
     * null when {@code stat} had to be read and is gone or unreadable.
     */
    private Reading read(final int tid, final Path taskDir, final Task known) {
        TaskSchedStat sched;
        try {
            sched = TaskSchedStat.parse(text(taskDir.resolve("schedstat")));
        } catch (final IOException | RuntimeException e) {
            sched = null; // a kernel without it, or the task just exited: its ticks still say something
        }
        if (known != null && sched != null && sched.equals(known.sched)) {
            return new Reading(tid, known.stat, sched);
        }
        final TaskStat stat;
        try {
            stat = TaskStat.parse(text(taskDir.resolve("stat")));
        } catch (final IOException | RuntimeException e) {
            return null; // exited since the listing
        }
        return new Reading(tid, stat, sched);
    }

    /** The cluster JVM whose command line the process's is, or null. */
    private String jvmOf(final Path pidDir) {
        final List<String> args;
        try {
            args = List.of(text(pidDir.resolve("cmdline")).split("\0"));
        } catch (final IOException | RuntimeException e) {
            return null;
        }
        for (final ClusterJvm jvm : jvms) {
            // The launcher's path may be spelled differently; the arguments after it name the JVM.
            if (jvm.command().size() == args.size() && args.size() > 1
                && jvm.command().subList(1, args.size()).equals(args.subList(1, args.size()))) {
                return jvm.name();
            }
        }
        return null;
    }

    /**
     * The file's text through one channel and the sampler's buffer: {@code /proc} files show a size of 0, so the
     * read runs to end of file rather than to a size. A task's {@code stat} and {@code schedstat} are one line the
     * kernel writes whole into one read, so a read that ends a line ends the file, which saves a read of each: a
     * quarter of the walk's system calls. Longer files (a command line with a long class path) grow the buffer.
     */
    private String text(final Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            buffer.clear();
            ByteBuffer into = buffer;
            while (channel.read(into) >= 0) {
                if (into.position() > 0 && into.get(into.position() - 1) == '\n') {
                    break;
                }
                if (!into.hasRemaining()) {
                    final ByteBuffer larger = ByteBuffer.allocate(into.capacity() * 2);
                    into.flip();
                    into = larger.put(into);
                }
            }
            return new String(into.array(), 0, into.position(), StandardCharsets.UTF_8);
        }
    }

    /** A non-negative id from a directory name, or -1 for the files of {@code /proc} that are not processes. */
    static int id(final String name) {
        if (name.isEmpty() || name.length() > 9) {
            return -1;
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(name);
    }

    ThreadSamples samples() {
        return samples;
    }

    /** The samples taken, including the first, which only notes every task's counters. */
    long sweeps() {
        return sweep;
    }

    /** The sampling thread's CPU time spent in {@link #sample}, all samples together. */
    long cpuNanosSpent() {
        return cpuNanosSpent;
    }

    /** The wall time spent in {@link #sample}, all samples together (the CPU time and any wait for a CPU). */
    long wallNanosSpent() {
        return wallNanosSpent;
    }

    /** The tasks the last sample read. */
    int tasksSeen() {
        return tasksSeen;
    }

    /** The most tasks one sample read. */
    int mostTasks() {
        return mostTasks;
    }

    /**
     * The numeric names of a directory, in order: the walk, and so {@code threads.tsv}, goes by process and task id
     * whatever order the directory lists them in.
     */
    private static final class IdList {
        private int[] ids = new int[256];
        private int size;

        void list(final Path dir) throws IOException {
            size = 0;
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (final Path entry : entries) {
                    final int id = id(entry.getFileName().toString());
                    if (id >= 0) {
                        if (size == ids.length) {
                            ids = Arrays.copyOf(ids, size * 2);
                        }
                        ids[size++] = id;
                    }
                }
            }
            Arrays.sort(ids, 0, size);
        }
    }

    /** One task's files at one sample; {@code sched} null where there was none. */
    private record Reading(int tid, TaskStat stat, TaskSchedStat sched) {
    }

    /** A process seen in the last sample: its name then, and the run's name for it if it is one of the run's JVMs. */
    private static final class Process {
        private final long startTicks;
        private String name;
        private String jvm;
        private long sweep;

        Process(final long startTicks) {
            this.startTicks = startTicks;
        }
    }

    /** A task seen in the last sample: its counters then, and the name its records are kept under. */
    private static final class Task {
        private final long startTicks;
        private TaskStat stat;
        private TaskSchedStat sched;
        private long sweep;
        /** Index into the samples' names; -1 until the task first has a record. */
        private int name = -1;
        private TaskName named;

        Task(final long startTicks) {
            this.startTicks = startTicks;
        }

        /** The index of the task's name as it is now: a new one when it, its process's or its JVM's name changed. */
        int name(final ThreadSamples samples, final int pid, final int tid, final Process process,
                 final String thread) {
            if (named == null || !named.thread().equals(thread) || !named.process().equals(process.name)
                || !Objects.equals(named.jvm(), process.jvm)) {
                named = new TaskName(pid, tid, process.name, thread, process.jvm);
                name = samples.name(named);
            }
            return name;
        }
    }
}
