package io.ackbench.controller;

import io.ackbench.transport.ErrorCode;

/**
 * The controller's answer to an AlterPartition: {@link ErrorCode#NONE} with the committed registration, which the
 * leader applies as its ISR, or an error code ({@link ErrorCode} or {@link ControllerErrors}) and no registration.
 * Immutable.
 */
public final class AlterPartitionResult {
    private final short errorCode;
    private final PartitionRegistration registration;

    private AlterPartitionResult(final short errorCode, final PartitionRegistration registration) {
        this.errorCode = errorCode;
        this.registration = registration;
    }

    static AlterPartitionResult committed(final PartitionRegistration registration) {
        return new AlterPartitionResult(ErrorCode.NONE, registration);
    }

    static AlterPartitionResult refused(final short errorCode) {
        return new AlterPartitionResult(errorCode, null);
    }

    public short errorCode() {
        return errorCode;
    }

    public boolean isCommitted() {
        return errorCode == ErrorCode.NONE;
    }

    /** The committed registration; null unless {@link #isCommitted()}. */
    public PartitionRegistration registration() {
        return registration;
    }

    @Override
    public String toString() {
        return isCommitted() ? "committed " + registration : "refused " + ControllerErrors.name(errorCode);
    }
}
