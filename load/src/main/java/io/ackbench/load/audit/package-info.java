/**
 * What a delivery setting bought under faults: every record the load generator sent, with what its producer was
 * told, against every record read back, classified the way a delivery audit reports it (lost, duplicated, reordered,
 * failed but present, unacknowledged and absent). Post-run analysis on the caller's thread: it allocates freely.
 */
package io.ackbench.load.audit;
