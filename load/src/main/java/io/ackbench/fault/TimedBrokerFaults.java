package io.ackbench.fault;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A {@link BrokerFaults} that lets {@link FailoverTimes} watch what each kill and pause strikes and see each
 * restart and resume coming, and prints every action as it is applied, with its time since the schedule's start
 * (restarts take seconds, so later actions may run late: the printed times are the real ones).
 */
public final class TimedBrokerFaults implements BrokerFaults {
    private final BrokerFaults delegate;
    private final FailoverTimes failovers;
    private final PrintStream out;
    private final long originNanos;

    public TimedBrokerFaults(final BrokerFaults delegate, final FailoverTimes failovers, final PrintStream out,
                             final long originNanos) {
        this.delegate = delegate;
        this.failovers = failovers;
        this.out = out;
        this.originNanos = originNanos;
    }

    @Override
    public int brokerCount() {
        return delegate.brokerCount();
    }

    @Override
    public void kill(final int brokerId) {
        print("kill", brokerId);
        failovers.strike("kill broker " + brokerId, brokerId, () -> delegate.kill(brokerId));
    }

    @Override
    public void restart(final int brokerId) {
        print("restart", brokerId);
        failovers.faultEnding(brokerId);
        delegate.restart(brokerId);
    }

    @Override
    public void powerOff(final int brokerId) {
        print("power off", brokerId);
        failovers.strike("power off broker " + brokerId, brokerId, () -> delegate.powerOff(brokerId));
    }

    @Override
    public boolean supports(final FaultKind kind) {
        return delegate.supports(kind);
    }

    @Override
    public void pause(final int brokerId) {
        print("pause", brokerId);
        failovers.strike("pause broker " + brokerId, brokerId, () -> delegate.pause(brokerId));
    }

    @Override
    public void resume(final int brokerId) {
        print("resume", brokerId);
        failovers.faultEnding(brokerId);
        delegate.resume(brokerId);
    }

    private void print(final String verb, final int brokerId) {
        out.println(String.format(Locale.ROOT, "Fault: %s broker %d at %.1f ms.", verb, brokerId,
            (System.nanoTime() - originNanos) / 1e6));
    }
}
