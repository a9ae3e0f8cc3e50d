/**
 * Where a record's latency went, stage by stage: {@link io.ackbench.load.stages.StageBreakdown} is what a
 * {@link io.ackbench.load.LoadCluster} reports after a run (ackbench's from timestamps its producer and brokers take
 * per batch, Apache Kafka's from its producer metrics and its brokers' request metrics), printed as a table beside
 * the total and charted as stacked bars. Reporting code on the caller's thread: it allocates freely.
 */
package io.ackbench.load.stages;
