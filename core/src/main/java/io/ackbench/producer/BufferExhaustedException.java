package io.ackbench.producer;

/**
 * {@code send} waited {@code max.block.ms} for batch memory and none came free: every byte of
 * {@code buffer.memory} is held by batches not yet completed.
 */
public final class BufferExhaustedException extends RuntimeException {
    public BufferExhaustedException(final String message) {
        super(message);
    }
}
