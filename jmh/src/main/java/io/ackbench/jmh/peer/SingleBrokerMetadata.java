package io.ackbench.jmh.peer;

import org.apache.kafka.clients.MetadataSnapshot;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.MetadataResponse.PartitionMetadata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The metadata a KafkaProducer would hold for a one-broker cluster with one topic whose partitions
 * are all led by that broker: the {@link MetadataSnapshot} the Sender passes to
 * {@code RecordAccumulator.ready/drain}, and the {@link Cluster} KafkaProducer passes to {@code append}.
 *
 * <p>The snapshot is built the way {@code Metadata.update} builds one from a MetadataResponse: from
 * {@link PartitionMetadata} rows (error NONE, leader, leader epoch, replicas, ISR). Its constructor derives
 * the {@link Cluster} view from those rows, so the cluster given to {@code append} and the one {@code ready}
 * and {@code drain} read ({@code snapshot.cluster().leaderFor / partitionsForNode}) are the same object,
 * and {@code snapshot.leaderEpochFor(tp)} returns a real epoch rather than empty.
 */
final class SingleBrokerMetadata {

    static final String CLUSTER_ID = "ackbench-peer-cluster";
    static final int BROKER_ID = 0;
    /** Leader epoch of every partition; fixed because leadership never moves here. */
    static final int LEADER_EPOCH = 0;
    /** Fixed rather than random so that two runs build identical metadata. */
    static final Uuid TOPIC_ID = new Uuid(0x61636b62656e6368L, 0x6b61666b61706565L);

    final Node broker;
    final MetadataSnapshot snapshot;
    final Cluster cluster;

    SingleBrokerMetadata(String topic, int partitions) {
        broker = new Node(BROKER_ID, "localhost", 9092);
        List<Integer> replicas = List.of(BROKER_ID);
        List<PartitionMetadata> rows = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            rows.add(new PartitionMetadata(Errors.NONE, new TopicPartition(topic, p),
                    Optional.of(BROKER_ID), Optional.of(LEADER_EPOCH), replicas, replicas, List.of()));
        }
        snapshot = new MetadataSnapshot(CLUSTER_ID, Map.of(BROKER_ID, broker), rows,
                Collections.emptySet(), Collections.emptySet(), Collections.emptySet(),
                broker, Map.of(topic, TOPIC_ID));
        cluster = snapshot.cluster();
    }
}
