package io.ackbench.broker;

import io.ackbench.transport.TcpEndpoint;
import org.agrona.concurrent.IdleStrategy;

/**
 * How a broker thread whose every input is one {@link TcpEndpoint} waits (broker setting
 * {@value BrokerConfig#IDLE_STRATEGY}{@code =}{@value #NAME}): after a few idle duty cycles with a spin-wait hint
 * between them, it sleeps in the endpoint's selector ({@link TcpEndpoint#awaitInput}), so the kernel wakes it when a
 * frame arrives instead of after a park, and an idle broker leaves the CPUs to the threads that have work.
 * <p>
 * The sleep is capped at {@value #MAX_SLEEP_MS} ms because the broker's timers (heartbeats, fetch waits and expiries,
 * produce timeouts, ISR checks, flushes, checkpoints, the fetcher's backoff) live in its duty cycle, counted in
 * whole milliseconds of its clock: with the cap none runs more than about a millisecond late, one tick of its own
 * clock. Work handed over by other threads (role changes, stop, restart, pausing the fetcher) calls
 * {@link TcpEndpoint#wakeup()}; the cap would bound its delay anyway.
 * <p>
 * One instance per thread, used by that thread only: its fields need no ordering.
 */
final class SelectIdleStrategy implements IdleStrategy {
    public static final String NAME = "select";
    /** The longest sleep: the lateness the broker's millisecond timers can bear. Never 0, which means forever. */
    static final long MAX_SLEEP_MS = 1;
    /** Idle duty cycles, each a non-blocking poll, before the thread sleeps (see docs/architecture.md, Threads). */
    static final int SPINS = System.getenv("ACKBENCH_SELECT_SPINS") == null ? 0 : Integer.parseInt(System.getenv("ACKBENCH_SELECT_SPINS")); // TEMP

    private final TcpEndpoint endpoint;
    private final int spins;
    private int idleCycles;

    SelectIdleStrategy(final TcpEndpoint endpoint) {
        this(endpoint, SPINS);
    }

    SelectIdleStrategy(final TcpEndpoint endpoint, final int spins) {
        this.endpoint = endpoint;
        this.spins = spins;
    }

    @Override
    public void idle(final int workCount) {
        if (workCount > 0) {
            idleCycles = 0;
        } else {
            idle();
        }
    }

    @Override
    public void idle() {
        if (idleCycles < spins) {
            idleCycles++;
            Thread.onSpinWait();
        } else {
            endpoint.awaitInput(MAX_SLEEP_MS);
        }
    }

    @Override
    public void reset() {
        idleCycles = 0;
    }

    @Override
    public String alias() {
        return NAME;
    }
}
