package io.ackbench.controller;

/**
 * The controller's outbox: every committed change of a partition's leader or ISR, to be sent to its replicas (Kafka's
 * brokers learn it from the metadata log; ZooKeeper-era controllers sent LeaderAndIsr requests). Called on the
 * controller's thread, once per change, in the order of the changes.
 */
@FunctionalInterface
public interface LeaderAndIsrListener {
    /**
     * @param registration the partition's newly committed registration
     * @param unclean      whether its leader was just elected from outside the ISR
     */
    void onLeaderAndIsr(PartitionRegistration registration, boolean unclean);

    LeaderAndIsrListener NONE = (registration, unclean) -> { };
}
