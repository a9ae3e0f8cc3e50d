package io.ackbench.broker;

import io.ackbench.config.IdleStrategies;
import org.agrona.CloseHelper;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CompositeAgent;

import java.util.ArrayList;
import java.util.List;

/** Runs brokers' duty cycles on one shared thread or one thread each, as {@value BrokerConfig#THREADS} says. */
final class BrokerThreads implements AutoCloseable {
    private final List<AgentRunner> runners = new ArrayList<>();

    BrokerThreads(final BrokerConfig config, final Broker... brokers) {
        if (config.threadPerBroker() || brokers.length == 1) {
            for (final Broker broker : brokers) {
                start(config, broker);
            }
        } else {
            start(config, new CompositeAgent(brokers));
        }
    }

    private void start(final BrokerConfig config, final Agent agent) {
        final AgentRunner runner = new AgentRunner(IdleStrategies.create(config.idleStrategy()),
            error -> System.getLogger(BrokerThreads.class.getName()).log(System.Logger.Level.ERROR,
                agent.roleName() + " failed", error),
            null, agent);
        runners.add(runner);
        AgentRunner.startOnThread(runner);
    }

    /** Stops the threads; each broker closes its logs on its own thread as it stops. */
    @Override
    public void close() {
        CloseHelper.closeAll(runners);
    }
}
