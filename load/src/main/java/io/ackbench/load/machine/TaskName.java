package io.ackbench.load.machine;

/**
 * A task as the thread sampler saw it: its process id and own id, its process's name (the {@code comm} of the task
 * whose id is the process's), its own name, and the name the run gives its JVM ({@code load}, {@code broker-1},
 * {@code controller}) or null for any other process. Names are as the kernel keeps them: 15 bytes at most, so a JVM
 * thread named {@code kafka-producer-network-thread | p-1} shows as {@code kafka-producer-}.
 */
record TaskName(int pid, int tid, String process, String thread, String jvm) {

    /** Whether the task is a thread of one of the run's own JVMs. */
    boolean ours() {
        return jvm != null;
    }

    /**
     * {@code process/thread}, the process named as the run names it where it is one of its JVMs; a process's first
     * task, or a kernel thread (a task of its own), by the process's name alone.
     */
    String display() {
        final String owner = jvm != null ? jvm : process;
        return tid == pid ? owner : owner + "/" + thread;
    }
}
