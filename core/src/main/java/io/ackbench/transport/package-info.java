/**
 * How producers and brokers meet: the {@link io.ackbench.transport.Endpoint} interface (send a frame to a node id,
 * poll the frames sent to this node), and two networks behind it. {@link io.ackbench.transport.InProcessNetwork}
 * joins nodes in one JVM with one Agrona {@code OneToOneRingBuffer} per ordered pair of nodes.
 * {@link io.ackbench.transport.TcpEndpoint} speaks length-prefixed frames over non-blocking sockets, with an
 * {@link io.ackbench.transport.AddressBook} of listeners, {@link io.ackbench.transport.TcpClients} and
 * {@link io.ackbench.transport.TcpSettings}. The frames are flyweights over ackbench's compact encoding of Kafka's
 * exchanges: {@link io.ackbench.transport.FrameHeader}, {@link io.ackbench.transport.ProduceRequest},
 * {@link io.ackbench.transport.ProduceResponse}, {@link io.ackbench.transport.FetchRequest},
 * {@link io.ackbench.transport.FetchResponse}, {@link io.ackbench.transport.Metadata},
 * {@link io.ackbench.transport.InitProducerId}, {@link io.ackbench.transport.Handshake} and
 * {@link io.ackbench.transport.ErrorResponse}, with Kafka's {@link io.ackbench.transport.ErrorCode}s; between brokers
 * and the controller, {@link io.ackbench.transport.BrokerHeartbeat}, {@link io.ackbench.transport.LeaderAndIsr},
 * {@link io.ackbench.transport.AlterPartition} and {@link io.ackbench.transport.AllocateProducerIds}. The record
 * batches inside are Kafka's bytes exactly. {@link io.ackbench.transport.TopicLayout} says which brokers host each
 * partition, its preferred leader, and its current leader and leader epoch; {@link io.ackbench.transport.NodeIds}
 * numbers the nodes: brokers, then the controller, then clients.
 *
 * <p>The package starts no thread: there is no I/O thread. An endpoint is driven by the one thread that owns it, the
 * producer's sender thread, a broker's duty-cycle thread or the controller's thread, and its fields are confined to
 * that thread; handing it to another thread needs a happens-before edge such as {@code Thread.start}. An in-process
 * ring is written only by its source node's thread and read only by its destination node's thread. Sending and polling
 * allocate nothing once connections are open.
 *
 * <p>A record arrives here from the producer's sender thread as a batch inside a Produce request, which
 * {@code send} copies into the ring or the socket buffer. The leader's broker thread polls it and hands it, in
 * place, to {@code io.ackbench.broker}. Replication fetches between brokers and every response travel the same way
 * in the other direction.
 */
package io.ackbench.transport;
