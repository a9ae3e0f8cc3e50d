/**
 * A calibration instrument for the load generator: {@code --target calibration}, a broker stand-in whose latency
 * distribution is known exactly, so that what the harness reports can be checked against a closed form.
 *
 * <p>Each producer hands its records to a {@link io.ackbench.load.calibration.Responder}, which completes every record
 * a fixed service time after it was handed over (an infinite-server delay line: no queueing) and, optionally, freezes
 * for a stall of S every period P, completing the records that fell due during a stall at its end.
 * {@link io.ackbench.load.calibration.StallModel} gives the resulting latency percentiles in closed form;
 * {@link io.ackbench.load.calibration.ClosedLoopProbe} drives the same stand-in closed loop, to show what
 * coordinated omission hides; {@link io.ackbench.load.calibration.CalibrationMain} ({@code scripts/calibrate})
 * prints expected beside measured figures.
 */
package io.ackbench.load.calibration;
