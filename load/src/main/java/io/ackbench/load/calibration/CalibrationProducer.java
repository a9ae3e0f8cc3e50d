package io.ackbench.load.calibration;

import io.ackbench.load.LoadProducer;
import org.agrona.DirectBuffer;

/**
 * A calibration producer: hands each record (its intended send time; key and value are not needed) to its own
 * {@link Responder}, without blocking.
 */
final class CalibrationProducer implements LoadProducer {
    private final Responder responder;

    CalibrationProducer(final Responder responder) {
        this.responder = responder;
    }

    @Override
    public void send(final DirectBuffer key, final int keyLength, final DirectBuffer value, final int valueLength,
                     final long intendedNanos) {
        responder.handOver(intendedNanos);
    }

    @Override
    public void flush() {
        responder.awaitCompleted();
    }

    @Override
    public void close() {
        responder.close();
    }
}
