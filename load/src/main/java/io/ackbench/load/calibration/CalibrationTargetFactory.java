package io.ackbench.load.calibration;

import io.ackbench.load.LoadTarget;
import io.ackbench.load.LoadTargetFactory;
import io.ackbench.load.PerfOptions;
import io.ackbench.load.UsageException;

/** {@code --target calibration}: registered in META-INF/services, so produce-perf finds it on the class path. */
public final class CalibrationTargetFactory implements LoadTargetFactory {
    @Override
    public String name() {
        return CalibrationTarget.NAME;
    }

    @Override
    public LoadTarget create(final PerfOptions options) {
        if (options.transportGiven()) {
            throw new UsageException(PerfOptions.TRANSPORT + " applies to --target ackbench only: --target "
                + CalibrationTarget.NAME + " has no brokers to reach");
        }
        if (!options.bootstrapServers().isEmpty()) {
            throw new UsageException(PerfOptions.BOOTSTRAP_SERVERS + " names brokers; --target "
                + CalibrationTarget.NAME + " is a stand-in for them");
        }
        options.refuseKafkaClusterFlags("not to --target " + CalibrationTarget.NAME);
        if (options.faults() != null) {
            throw new UsageException("--target " + CalibrationTarget.NAME + " has no brokers to kill or pause: give "
                + "no fault schedule (" + PerfOptions.FAULTS + ", " + PerfOptions.FAULT_SEED + ")");
        }
        return new CalibrationTarget();
    }
}
