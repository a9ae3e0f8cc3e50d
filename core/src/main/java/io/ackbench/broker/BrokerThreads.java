package io.ackbench.broker;

import io.ackbench.config.ConfigException;
import io.ackbench.config.IdleStrategies;
import io.ackbench.transport.TcpEndpoint;
import org.agrona.CloseHelper;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.IdleStrategy;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs brokers' duty cycles on one shared thread or one thread each, as {@value BrokerConfig#THREADS} says, each
 * waiting when idle as {@value BrokerConfig#IDLE_STRATEGY} says: a broker alone on its thread with a TCP endpoint
 * sleeps in its selector ({@value SelectIdleStrategy#NAME}) unless told otherwise; any other thread backs off
 * ({@value IdleStrategies#DEFAULT}), since it has inputs no selector sees (other brokers, in-process rings).
 */
final class BrokerThreads implements AutoCloseable {
    private final List<AgentRunner> runners = new ArrayList<>();
    /** Each thread's idle strategy by its alias, in start order; written before the threads start. For tests. */
    private final List<String> idleStrategies = new ArrayList<>();

    BrokerThreads(final BrokerConfig config, final Broker... brokers) {
        // Every strategy is built before any thread starts, so a refused setting starts none.
        final List<Agent> agents = new ArrayList<>();
        final List<IdleStrategy> strategies = new ArrayList<>();
        if (config.threadPerBroker() || brokers.length == 1) {
            for (final Broker broker : brokers) {
                agents.add(broker);
                strategies.add(idleStrategy(config, broker.tcpEndpoint(), broker.tcpEndpoint() != null, 1));
            }
        } else {
            agents.add(new CompositeAgent(brokers));
            boolean tcp = true;
            for (final Broker broker : brokers) {
                tcp &= broker.tcpEndpoint() != null;
            }
            strategies.add(idleStrategy(config, null, tcp, brokers.length));
        }
        for (int i = 0; i < agents.size(); i++) {
            start(agents.get(i), strategies.get(i));
        }
    }

    /**
     * Refuses {@value SelectIdleStrategy#NAME} where it cannot apply, before a cluster opens anything: on a thread
     * shared by several brokers, or without TCP.
     */
    static void checkIdleStrategy(final BrokerConfig config, final boolean tcp, final int brokersInJvm) {
        if (SelectIdleStrategy.NAME.equals(config.idleStrategy())) {
            refuseSelect(tcp, config.threadPerBroker() ? 1 : brokersInJvm);
        }
    }

    /** @param endpoint the endpoint of the thread's one broker if it is TCP, else null */
    private static IdleStrategy idleStrategy(final BrokerConfig config, final TcpEndpoint endpoint, final boolean tcp,
                                             final int brokersOnThread) {
        final String name = config.idleStrategy();
        final boolean selectable = endpoint != null && brokersOnThread == 1;
        if (name == null) {
            return selectable ? new SelectIdleStrategy(endpoint) : IdleStrategies.create(IdleStrategies.DEFAULT);
        }
        if (name.equals(SelectIdleStrategy.NAME)) {
            refuseSelect(tcp, brokersOnThread);
            return new SelectIdleStrategy(endpoint);
        }
        return IdleStrategies.create(name);
    }

    private static void refuseSelect(final boolean tcp, final int brokersOnThread) {
        if (!tcp) {
            throw new ConfigException(BrokerConfig.IDLE_STRATEGY, SelectIdleStrategy.NAME, "needs a TCP endpoint, "
                + "and this broker's network is in-process rings, which no selector watches; choose another idle "
                + "strategy");
        }
        if (brokersOnThread > 1) {
            throw new ConfigException(BrokerConfig.IDLE_STRATEGY, SelectIdleStrategy.NAME, "a thread that sleeps in "
                + "one broker's selector would leave the other " + (brokersOnThread - 1) + " brokers sharing it "
                + "unserved; set " + BrokerConfig.THREADS + "=per-broker, or another idle strategy");
        }
    }

    private void start(final Agent agent, final IdleStrategy idleStrategy) {
        final AgentRunner runner = new AgentRunner(idleStrategy,
            error -> System.getLogger(BrokerThreads.class.getName()).log(System.Logger.Level.ERROR,
                agent.roleName() + " failed", error),
            null, agent);
        runners.add(runner);
        idleStrategies.add(idleStrategy.alias());
        AgentRunner.startOnThread(runner);
    }

    /** The idle strategy of each thread, by alias ({@code select}, {@code backoff}, ...), in start order. */
    List<String> idleStrategies() {
        return List.copyOf(idleStrategies);
    }

    /** Stops the threads; each broker closes its logs on its own thread as it stops. */
    @Override
    public void close() {
        CloseHelper.closeAll(runners);
    }
}
