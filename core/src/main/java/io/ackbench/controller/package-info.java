/**
 * The controller: the state machine that KRaft's controller-only node runs for partition leadership
 * (kafka-semantics.md §4.4, "ackbench's controller"). {@link io.ackbench.controller.ClusterController} holds, for each
 * partition of the one topic, a {@link io.ackbench.controller.PartitionRegistration} (replicas, leader, leader epoch,
 * partition epoch, committed ISR); {@link io.ackbench.controller.BrokerRegistrations} holds each broker's last
 * heartbeat and whether it is fenced. The controller fences a broker whose session expired, commits the ISR changes a
 * leader proposes (AlterPartition), elects a new leader when one is fenced or stops
 * ({@code PartitionChange}), and hands every committed change to a
 * {@link io.ackbench.controller.LeaderAndIsrListener}, the outbox of decisions for the brokers.
 * {@link io.ackbench.controller.ControllerConfig} takes Kafka's keys.
 *
 * <p>It follows Kafka's {@code ReplicationControlManager}, {@code PartitionChangeBuilder} (without eligible leader
 * replicas, KIP-966), {@code BrokerHeartbeatManager} and {@code PartitionRegistration}.
 *
 * <p>Independent of any transport: time comes in as {@code nowMs} arguments, requests as method calls, decisions go
 * out through the listener. A later step wires it to frames and to a process of its own; until then no broker talks
 * to it, and brokers still fence through {@code io.ackbench.broker.BrokerLiveness}. The controller's own failover (a
 * KRaft quorum) is out of scope: there is one controller, and its state lives only in memory.
 *
 * <p>Threads: one thread, the controller's, owns a {@code ClusterController} and its {@code BrokerRegistrations} and
 * calls every method; neither is thread-safe. A {@code PartitionRegistration} is immutable, so the listener may pass
 * it to other threads as it is.
 */
package io.ackbench.controller;
