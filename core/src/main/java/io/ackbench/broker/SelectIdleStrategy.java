package io.ackbench.broker;

import io.ackbench.transport.TcpEndpoint;
import org.agrona.concurrent.IdleStrategy;

/**
 * How a broker thread whose every input is one {@link TcpEndpoint} waits (broker setting
 * {@value BrokerConfig#IDLE_STRATEGY}{@code =}{@value #NAME}): as soon as a duty cycle finds no work, it sleeps in the
 * endpoint's selector ({@link TcpEndpoint#awaitInput}), so the kernel wakes it when a frame arrives instead of at the
 * end of a park, and an idle broker leaves the CPUs to the threads that have work. It does not spin first: 50
 * spin-wait cycles before the sleep changed neither the latency nor the CPU time measurably (docs/architecture.md,
 * "Idle strategies and the 2-core rule").
 * <p>
 * The sleep is capped at {@value #MAX_SLEEP_MS} ms because the broker's timers (heartbeats, fetch waits and expiries,
 * produce timeouts, ISR checks, flushes, checkpoints, the fetcher's backoff) live in its duty cycle, counted in
 * whole milliseconds of its clock: with the cap none runs more than about a millisecond late, one tick of its own
 * clock. Work handed over by other threads (role changes, stop, restart, pausing the fetcher) calls
 * {@link TcpEndpoint#wakeup()}; the cap would bound its delay anyway.
 * <p>
 * One instance per thread, used by that thread only: it keeps no state.
 */
final class SelectIdleStrategy implements IdleStrategy {
    public static final String NAME = "select";
    /** The longest sleep: the lateness the broker's millisecond timers can bear. Never 0, which means forever. */
    static final long MAX_SLEEP_MS = 1;

    private final TcpEndpoint endpoint;

    SelectIdleStrategy(final TcpEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void idle(final int workCount) {
        if (workCount == 0) {
            idle();
        }
    }

    @Override
    public void idle() {
        endpoint.awaitInput(MAX_SLEEP_MS);
    }

    @Override
    public void reset() {
    }

    @Override
    public String alias() {
        return NAME;
    }
}
