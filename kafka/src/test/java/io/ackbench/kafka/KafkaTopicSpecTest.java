package io.ackbench.kafka;

import io.ackbench.broker.ReplicaAssignment;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaTopicSpecTest {
    @Test
    void keepsWhatItWasGiven() {
        final KafkaTopicSpec spec = new KafkaTopicSpec("bench.topic_1-a", 6, 3, 2);

        assertThat(spec.name()).isEqualTo("bench.topic_1-a");
        assertThat(spec.partitions()).isEqualTo(6);
        assertThat(spec.replicationFactor()).isEqualTo(3);
        assertThat(spec.minInsyncReplicas()).isEqualTo(2);
        assertThat(spec).hasToString("bench.topic_1-a (6 partitions, replication factor 3, min.insync.replicas 2)");
        assertThat(spec).isEqualTo(new KafkaTopicSpec("bench.topic_1-a", 6, 3, 2))
            .isNotEqualTo(new KafkaTopicSpec("bench.topic_1-a", 6, 3, 3));
    }

    @Test
    void refusesANameKafkaRefuses() {
        assertThatThrownBy(() -> new KafkaTopicSpec("bench/topic", 1, 1, 1))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'/'").hasMessageContaining("index 5");
        assertThatThrownBy(() -> new KafkaTopicSpec("..", 1, 1, 1)).hasMessageContaining("'..' are reserved");
        assertThatThrownBy(() -> new KafkaTopicSpec("", 1, 1, 1)).hasMessageContaining("empty");
        assertThatThrownBy(() -> new KafkaTopicSpec("a".repeat(250), 1, 1, 1)).hasMessageContaining("249");
    }

    @Test
    void refusesCountsOutsideTheirRange() {
        assertThatThrownBy(() -> new KafkaTopicSpec("t", 0, 1, 1)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Topic 't': partitions is 0; it must be at least 1");
        assertThatThrownBy(() -> new KafkaTopicSpec("t", 1, 0, 1))
            .hasMessage("Topic 't': replication factor is 0; it must be 1..32767");
        assertThatThrownBy(() -> new KafkaTopicSpec("t", 1, 32768, 1))
            .hasMessage("Topic 't': replication factor is 32768; it must be 1..32767");
        assertThatThrownBy(() -> new KafkaTopicSpec("t", 1, 2, 3))
            .hasMessage("Topic 't': min.insync.replicas is 3; it must be 1..replication factor (2)");
        assertThatThrownBy(() -> new KafkaTopicSpec("t", 1, 2, 0))
            .hasMessage("Topic 't': min.insync.replicas is 0; it must be 1..replication factor (2)");
    }

    @Test
    void aReplicaAssignmentIsPartOfTheTopicAndBecomesAdminsMap() {
        final ReplicaAssignment assignment = ReplicaAssignment.parse("0:1:2,0:2:1", 2, 3, 3);
        final KafkaTopicSpec spec = new KafkaTopicSpec("audit", 2, 3, 2, assignment);

        assertThat(spec.replicaAssignment()).contains(assignment);
        assertThat(new KafkaTopicSpec("audit", 2, 3, 2).replicaAssignment()).isEmpty();
        assertThat(spec).hasToString("audit (2 partitions, replication factor 3, min.insync.replicas 2, "
            + "replica.assignment 0:1:2,0:2:1)");
        assertThat(spec).isEqualTo(new KafkaTopicSpec("audit", 2, 3, 2, ReplicaAssignment.parse("0:1:2,0:2:1", 2, 3, 3)))
            .isNotEqualTo(new KafkaTopicSpec("audit", 2, 3, 2));
        assertThat(KafkaTopics.replicasByPartition(assignment))
            .isEqualTo(Map.of(0, List.of(0, 1, 2), 1, List.of(0, 2, 1)));
    }

    @Test
    void refusesAReplicaAssignmentOfAnotherShape() {
        assertThatThrownBy(() -> new KafkaTopicSpec("t", 3, 3, 2, ReplicaAssignment.parse("0:1:2,0:1:2", 2, 3, 3)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Topic 't': replica.assignment 0:1:2,0:1:2 has 2 partitions of 3 replicas; the topic has 3 "
                + "of 3");
    }
}
