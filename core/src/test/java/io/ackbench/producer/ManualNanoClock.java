package io.ackbench.producer;

import org.agrona.concurrent.NanoClock;

/** A clock that stands still until the test moves it. */
final class ManualNanoClock implements NanoClock {
    private long now;

    ManualNanoClock(final long startNanos) {
        now = startNanos;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    void advance(final long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("A clock cannot go back " + nanos + " ns");
        }
        now += nanos;
    }

    void advanceTo(final long nanos) {
        advance(nanos - now);
    }
}
