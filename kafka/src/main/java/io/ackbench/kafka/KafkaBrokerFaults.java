package io.ackbench.kafka;

import io.ackbench.fault.BrokerFaults;
import io.ackbench.fault.FaultKind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * {@link BrokerFaults} on an {@link EmbeddedKafkaCluster}. A restart returns once the broker serves (Kafka logged
 * that it started, unfenced), not once it caught up into the ISR: a schedule's next fault may well meet it behind.
 */
public final class KafkaBrokerFaults implements BrokerFaults {
    private final EmbeddedKafkaCluster cluster;
    private final Duration restartTimeout;

    /** @param restartTimeout how long a restarted broker may take to serve again */
    public KafkaBrokerFaults(final EmbeddedKafkaCluster cluster, final Duration restartTimeout) {
        this.cluster = cluster;
        this.restartTimeout = restartTimeout;
    }

    @Override
    public int brokerCount() {
        return cluster.brokers();
    }

    @Override
    public void kill(final int brokerId) {
        try {
            cluster.kill(brokerId);
        } catch (final InterruptedException e) {
            throw interrupted("killing", brokerId, e);
        }
    }

    @Override
    public void restart(final int brokerId) {
        try {
            cluster.restart(brokerId, restartTimeout);
        } catch (final InterruptedException e) {
            throw interrupted("restarting", brokerId, e);
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not restart Kafka broker " + brokerId, e);
        }
    }

    @Override
    public void pause(final int brokerId) {
        cluster.pause(brokerId);
    }

    @Override
    public void resume(final int brokerId) {
        cluster.resume(brokerId);
    }

    /**
     * Refused: Kafka's log records no durable positions a fault injector could cut its files to, so a power loss cannot
     * be simulated on its brokers.
     */
    @Override
    public void powerOff(final int brokerId) {
        throw new UnsupportedOperationException("Embedded Apache Kafka cannot apply a " + FaultKind.POWER_LOSS
            + " fault (broker " + brokerId + "): its logs keep no record of what their fsyncs made durable; use "
            + FaultKind.KILL + " or " + FaultKind.PAUSE);
    }

    @Override
    public boolean supports(final FaultKind kind) {
        return kind != FaultKind.POWER_LOSS;
    }

    /** Keeps the interrupt for the caller's loop to see, and stops the fault with an unchecked exception. */
    private static IllegalStateException interrupted(final String doing, final int brokerId,
                                                     final InterruptedException e) {
        Thread.currentThread().interrupt();
        return new IllegalStateException("Interrupted while " + doing + " Kafka broker " + brokerId, e);
    }
}
