/**
 * Stall attribution: what the machine and every JVM of a run did beside the workload, put on the run's timeline so
 * that its worst latency windows name a cause (a GC pause in a broker, CPU steal, write-back, a long run queue) or
 * say that none was seen.
 *
 * <p>{@link io.ackbench.load.machine.MachineWatch} is the one object the load generator holds: it prints the
 * {@link io.ackbench.load.machine.RunHeader} (the host settings that shape tails), runs a
 * {@link io.ackbench.load.machine.MachineSampler} over {@code /proc}, turns on this JVM's GC and safepoint log, hands
 * each producer a {@link io.ackbench.load.machine.WindowRecorder}, and after the run matches the
 * {@link io.ackbench.load.machine.WorstWindows} against the samples and the {@link io.ackbench.load.machine.JvmPause}s
 * parsed from every JVM's unified log. Everything here is off the hot path except {@code WindowRecorder.record}.
 * On request ({@code -Dackbench.machine.threads=true}) the sampler also walks every task of the host with a
 * {@link io.ackbench.load.machine.ThreadSampler}, and each worst window names the tasks that ran most and the run's
 * thread that waited longest for a CPU.
 *
 * <p>One clock: {@link System#nanoTime()}, which HotSpot's {@code timenanos} log decorator also reads
 * ({@code os::javaTimeNanos}, CLOCK_MONOTONIC on Linux), so pauses logged by other JVMs on the host land on the same
 * timeline as this JVM's completions and samples.
 */
package io.ackbench.load.machine;
