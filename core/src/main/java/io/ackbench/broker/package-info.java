/**
 * The broker: {@link io.ackbench.broker.Broker} leads some partitions of one topic and follows others. Each
 * {@code PartitionReplica} holds its log and, on the leader, a {@link io.ackbench.broker.ReplicaSet} (every
 * replica's log end offset, the ISR and the high watermark) and a {@link io.ackbench.broker.ProducerStateTable}
 * (duplicate detection for idempotent producers). {@code BatchValidator} checks a client's batch,
 * {@code DelayedProduces} parks acks=all requests until the high watermark covers them, {@code FetchServer} and
 * {@code ReplicaFetcher} are the leader's and the follower's sides of pull replication, and
 * {@code ClientConnections} reads a client's next request only after its previous one was answered.
 * {@link io.ackbench.broker.BrokerConfig} takes Kafka's names. {@link io.ackbench.broker.InProcessCluster},
 * {@link io.ackbench.broker.TcpCluster} and {@link io.ackbench.broker.BrokerProcesses} run a cluster of brokers in
 * this JVM over rings, in this JVM over loopback TCP, or one JVM each ({@link io.ackbench.broker.BrokerMain}).
 * Kafka's rules are in sections 4, 5 and 7 of {@code docs/kafka-semantics.md}.
 *
 * <p>Each broker runs on an Agrona duty-cycle thread: by default one thread for all brokers of a cluster, or one
 * per broker. That thread owns all of the broker's state, its logs included, in plain fields. Other threads only
 * set the volatile fault controls ({@link io.ackbench.broker.Broker#stop()},
 * {@link io.ackbench.broker.Broker#restart()}, pausing fetches) and share heartbeats and producer ids through
 * atomics. Leaders are fixed at start-up and append
 * with leader epoch 0: there is no controller and no leader failover yet.
 *
 * <p>A record comes in as a batch inside a Produce request, polled from an {@code io.ackbench.transport} endpoint.
 * The leader validates it, checks its sequence, and appends it to its {@code io.ackbench.log.PartitionLog}.
 * Followers fetch it from there into their own logs; their next fetch moves the high watermark, which completes the
 * parked request. The Produce response, with the batch's base offset or an error, goes back through the endpoint to
 * the producer's sender thread.
 */
package io.ackbench.broker;
