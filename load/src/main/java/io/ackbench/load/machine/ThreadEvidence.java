package io.ackbench.load.machine;

import java.util.List;

/**
 * What the thread samples overlapping a window showed: the tasks, of any process or the kernel, that ran longest on a
 * CPU in them (most first), and the thread of the run's own JVMs that waited longest on a run queue (null when none
 * waited, or the kernel does not say). {@code samples} is 0 when none overlapped.
 */
record ThreadEvidence(int samples, List<TaskTime> mostCpu, TaskTime longestOwnWait) {
    ThreadEvidence {
        mostCpu = List.copyOf(mostCpu);
    }
}
