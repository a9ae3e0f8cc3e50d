/**
 * Processes the tools start: {@code ChildJvm} runs one measurement in a JVM of its own, so that no run inherits
 * another's JIT profile or heap.
 */
package io.ackbench.tools.process;
