/**
 * The delivery audit's command line: the matrix runs in the load module's {@code io.ackbench.load.audit}; this
 * package adds the chart, which needs the tools module's charting library.
 */
package io.ackbench.tools.audit;
