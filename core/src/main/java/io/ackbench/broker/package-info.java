/**
 * The broker: {@link io.ackbench.broker.Broker} leads some partitions of one topic and follows others. Each
 * {@code PartitionReplica} holds its log, a {@link io.ackbench.broker.ProducerStateTable} (duplicate detection for
 * idempotent producers, kept by every replica) and, on the leader, a {@link io.ackbench.broker.ReplicaSet} (every
 * replica's log end offset, the committed ISR and the pending proposal, and the high watermark). {@code BatchValidator}
 * checks a client's batch, {@code DelayedProduces} parks acks=all requests until the high watermark covers them,
 * {@code FetchServer} and {@code ReplicaFetcher} are the leader's and the follower's sides of pull replication, and
 * {@code ClientConnections} reads a client's next request only after its previous one was answered.
 * {@link io.ackbench.broker.BrokerConfig} takes Kafka's names. {@link io.ackbench.broker.InProcessCluster},
 * {@link io.ackbench.broker.TcpCluster} and {@link io.ackbench.broker.BrokerProcesses} run a cluster of brokers in this
 * JVM over rings, in this JVM over loopback TCP, or one JVM each ({@link io.ackbench.broker.BrokerMain}). Kafka's rules
 * are in sections 4, 5 and 7 of {@code docs/kafka-semantics.md}.
 *
 * <p>Every cluster runs a controller ({@code io.ackbench.controller.ControllerNode}): on a thread of its own in
 * {@code InProcessCluster} and {@code TcpCluster}, in a process of its own ({@link io.ackbench.broker.ControllerMain})
 * beside {@code BrokerProcesses}. A broker's {@code ControllerChannel} heartbeats to it, sends the leader's ISR
 * proposals (AlterPartition) and fetches producer-id blocks; the broker takes its roles and committed ISRs from the
 * controller's LeaderAndIsr frames, starts leading nothing, and answers Metadata with the leaders and epochs the
 * controller named (kafka-semantics.md §4.4). {@code InProcessCluster.startWithoutController} keeps brokers in the
 * layout's roles at epoch 0, committing their own ISR proposals, for tests of role changes
 * ({@link io.ackbench.broker.Broker#becomeLeader}, {@link io.ackbench.broker.Broker#becomeFollower}).
 *
 * <p>Each broker runs on an Agrona duty-cycle thread: by default one thread for all brokers of a cluster, or one
 * per broker. That thread owns all of the broker's state, its logs and its {@code ControllerChannel} included, in
 * plain fields. Other threads only set the volatile fault controls ({@link io.ackbench.broker.Broker#stop()},
 * {@link io.ackbench.broker.Broker#restart()}, pausing fetches), queue role changes, read the duty-cycle stamps of
 * {@code BrokerLiveness} (tests) and, without a controller, share producer ids through an atomic.
 *
 * <p>A record comes in as a batch inside a Produce request, polled from an {@code io.ackbench.transport} endpoint.
 * The leader validates it, checks its sequence, and appends it to its {@code io.ackbench.log.PartitionLog}.
 * Followers fetch it from there into their own logs; their next fetch moves the high watermark, which completes the
 * parked request. The Produce response, with the batch's base offset or an error, goes back through the endpoint to
 * the producer's sender thread.
 */
package io.ackbench.broker;
