package io.ackbench.load.machine;

/** A task and a time it spent (on a CPU, or waiting for one), summed over some samples. */
record TaskTime(TaskName task, long nanos) {
}
