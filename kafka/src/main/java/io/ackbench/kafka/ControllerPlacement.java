package io.ackbench.kafka;

import io.ackbench.load.PerfOptions;
import io.ackbench.load.UsageException;

import java.util.Locale;

/**
 * Where an embedded cluster's KRaft controller runs ({@value PerfOptions#KAFKA_CONTROLLER}): in every broker, or in
 * a JVM of its own beside them, as ackbench's controller process runs beside its broker processes.
 */
public enum ControllerPlacement {
    /** Every broker is also a controller and a voter of the quorum ({@code process.roles=broker,controller}). */
    COMBINED,
    /**
     * One more JVM, node id N after the N brokers, {@code process.roles=controller} and the quorum's only voter; the
     * brokers are {@code process.roles=broker}.
     */
    DEDICATED;

    /** {@code combined} or {@code dedicated}, as the flag takes it. */
    public String flagValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws UsageException naming the flag and the value when it is neither */
    static ControllerPlacement parse(final String flag, final String text) {
        for (final ControllerPlacement placement : values()) {
            if (placement.flagValue().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return placement;
            }
        }
        throw new UsageException(flag + " must be combined or dedicated, not '" + text + "'");
    }
}
