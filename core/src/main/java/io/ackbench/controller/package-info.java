/**
 * The controller: KRaft's controller-only node for the one topic (kafka-semantics.md §4.4, "ackbench's controller").
 * {@link io.ackbench.controller.ClusterController} holds, for each partition, a
 * {@link io.ackbench.controller.PartitionRegistration} (replicas, leader, leader epoch, partition epoch, committed
 * ISR); {@link io.ackbench.controller.BrokerRegistrations} holds each broker's last heartbeat and whether it is
 * fenced. The controller fences a broker whose session expired, commits the ISR changes a leader proposes
 * (AlterPartition), elects a new leader when one is fenced or stops ({@code PartitionChange}), and hands every
 * committed change to a {@link io.ackbench.controller.LeaderAndIsrListener}.
 * {@link io.ackbench.controller.ControllerConfig} takes Kafka's keys.
 *
 * <p>It follows Kafka's {@code ReplicationControlManager}, {@code PartitionChangeBuilder} (without eligible leader
 * replicas, KIP-966), {@code BrokerHeartbeatManager} and {@code PartitionRegistration}.
 *
 * <p>{@link io.ackbench.controller.ControllerNode} runs the state machine on the network, as node id N of a cluster
 * of N brokers: it takes brokers' heartbeats (with an incarnation: a broker back before its session expired is not
 * heard until that session has expired), AlterPartition and AllocateProducerIds frames, pushes every committed change to every broker
 * as a LeaderAndIsr frame, and answers each heartbeat with every partition's. {@code ControllerStore} writes the
 * registrations and the next producer id ({@code ProducerIdBlocks}, blocks of 1000) to checkpoint files in the
 * cluster's {@code controller} directory before anyone is told, so a restarted cluster resumes its leader epochs. The
 * clusters of {@code io.ackbench.broker} run it on a thread, or as {@code ControllerMain} beside broker processes. Its
 * own failover (a KRaft quorum) is out of scope: there is one controller.
 *
 * <p>Threads: one thread, the controller's, owns a {@code ControllerNode} and everything in it, and calls every
 * method; nothing here is thread-safe. {@code ClusterController} takes time as {@code nowMs} arguments, so tests drive
 * it by hand. A {@code PartitionRegistration} is immutable, so the listener may pass it to other threads as it is.
 * No record passes through this package.
 */
package io.ackbench.controller;
