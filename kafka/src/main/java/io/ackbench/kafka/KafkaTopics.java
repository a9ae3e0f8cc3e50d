package io.ackbench.kafka;

import io.ackbench.broker.ReplicaAssignment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * What both kinds of cluster ask of Kafka through its Admin client: are the brokers registered, does the topic exist
 * and how, create it, and wait until every partition has a leader and its full ISR. Every call is bounded by a
 * {@link Deadline}; failures become {@link IllegalStateException}s carrying Kafka's own message.
 */
final class KafkaTopics {
    static final String CLIENT_ID = "ackbench-kafka-admin";
    /** Between two looks at a cluster that is not ready yet. */
    private static final long POLL_MILLIS = 100;
    /** One look's own timeout while polling, so a dead broker process is noticed between looks. */
    private static final long POLL_CALL_MILLIS = 2_000;
    private static final int REQUEST_TIMEOUT_MILLIS = 10_000;
    /** Kafka's default backs off up to 1 s between reconnects; brokers that are just starting are retried sooner. */
    private static final int RECONNECT_BACKOFF_MAX_MILLIS = 200;
    /** An Admin future gets this long beyond its call's own timeout before it is abandoned. */
    private static final long FUTURE_GRACE_MILLIS = 1_000;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(1);

    private KafkaTopics() {
    }

    static Admin connect(final String bootstrapServers) {
        final Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, CLIENT_ID);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MILLIS);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MILLIS);
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, RECONNECT_BACKOFF_MAX_MILLIS);
        return Admin.create(config);
    }

    /** Without waiting for calls still in flight: whatever they would answer is no longer wanted. */
    static void close(final Admin admin) {
        admin.close(CLOSE_TIMEOUT);
    }

    /**
     * Waits until {@code expected} brokers are registered and unfenced, running {@code whileWaiting} before every look
     * (it may throw, to stop waiting for brokers that died).
     *
     * @return the ids of the brokers registered at the end: all of them, or fewer when the deadline passed
     */
    static Set<Integer> awaitBrokers(final Admin admin, final int expected, final Deadline deadline,
                                     final Runnable whileWaiting) throws InterruptedException {
        Set<Integer> registered = Set.of();
        while (true) {
            whileWaiting.run();
            try {
                final Collection<Node> nodes = result(admin.describeCluster(new DescribeClusterOptions()
                    .timeoutMs(deadline.callTimeoutMillis(POLL_CALL_MILLIS))).nodes(), deadline);
                registered = nodes.stream().map(Node::id).collect(Collectors.toCollection(TreeSet::new));
                if (registered.size() >= expected) {
                    return registered;
                }
            } catch (final ExecutionException e) {
                // Not listening yet, or no controller yet: look again.
            }
            if (deadline.expired()) {
                return registered;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /**
     * The topic as the cluster has it, or empty when it does not exist.
     *
     * @throws IllegalStateException naming {@code bootstrapServers} when the cluster does not answer in time or fails
     */
    static Optional<TopicState> describe(final Admin admin, final String topic, final Deadline deadline,
                                         final String bootstrapServers) throws InterruptedException {
        final TopicDescription description;
        final Config config;
        try {
            description = result(admin.describeTopics(List.of(topic), new DescribeTopicsOptions()
                .timeoutMs(deadline.callTimeoutMillis(Long.MAX_VALUE))).allTopicNames(), deadline).get(topic);
            final ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            config = result(admin.describeConfigs(List.of(resource), new DescribeConfigsOptions()
                .timeoutMs(deadline.callTimeoutMillis(Long.MAX_VALUE))).all(), deadline).get(resource);
        } catch (final ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw failure("could not describe topic " + topic, e, deadline, bootstrapServers);
        }
        final ConfigEntry minInsync = config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
        final int[][] replicas = new int[description.partitions().size()][];
        for (final TopicPartitionInfo partition : description.partitions()) {
            replicas[partition.partition()] = partition.replicas().stream().mapToInt(Node::id).toArray();
        }
        return Optional.of(new TopicState(topic, description.partitions().size(),
            description.partitions().get(0).replicas().size(), Integer.parseInt(minInsync.value()),
            ReplicaAssignment.of(replicas)));
    }

    /**
     * Creates the topic with its partitions, replication factor and {@code min.insync.replicas}: with its replica
     * assignment when it has one (as {@code kafka-topics --replica-assignment} does), else placed by Kafka.
     *
     * @return false when it already existed (created meanwhile by someone else), true when this created it
     * @throws IllegalStateException with Kafka's reason when Kafka refuses, naming the topic and {@code bootstrapServers}
     */
    static boolean create(final Admin admin, final KafkaTopicSpec topic, final Deadline deadline,
                          final String bootstrapServers) throws InterruptedException {
        final NewTopic newTopic = topic.replicaAssignment()
            .map(assignment -> new NewTopic(topic.name(), replicasByPartition(assignment)))
            .orElseGet(() -> new NewTopic(topic.name(), topic.partitions(), (short) topic.replicationFactor()))
            .configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(topic.minInsyncReplicas())));
        try {
            result(admin.createTopics(List.of(newTopic), new CreateTopicsOptions()
                .timeoutMs(deadline.callTimeoutMillis(Long.MAX_VALUE))).all(), deadline);
            return true;
        } catch (final ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw failure("could not create topic " + topic, e, deadline, bootstrapServers);
        }
    }

    /** Admin's form of an assignment: partition to replica ids, preferred leader first. */
    static Map<Integer, List<Integer>> replicasByPartition(final ReplicaAssignment assignment) {
        final Map<Integer, List<Integer>> replicas = new HashMap<>();
        for (int p = 0; p < assignment.partitionCount(); p++) {
            replicas.put(p, Arrays.stream(assignment.replicas(p)).boxed().toList());
        }
        return replicas;
    }

    /**
     * Waits until the topic has {@code partitions} partitions, each with a leader and every replica in its ISR.
     *
     * @throws IllegalStateException listing the partitions that are not there yet when the deadline passes
     */
    static void awaitReplicated(final Admin admin, final String topic, final int partitions, final Deadline deadline,
                                final Runnable whileWaiting) throws InterruptedException {
        String state = "not described yet";
        while (true) {
            whileWaiting.run();
            try {
                final TopicDescription description = result(admin.describeTopics(List.of(topic),
                    new DescribeTopicsOptions().timeoutMs(deadline.callTimeoutMillis(POLL_CALL_MILLIS)))
                    .allTopicNames(), deadline).get(topic);
                final List<String> unready = unready(description, partitions);
                if (unready.isEmpty()) {
                    return;
                }
                state = String.join("; ", unready);
            } catch (final ExecutionException e) {
                state = e.getCause().getMessage();
            }
            if (deadline.expired()) {
                throw new IllegalStateException("Topic " + topic + " was not fully replicated within "
                    + deadline.budget() + ": " + state);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private static List<String> unready(final TopicDescription description, final int partitions) {
        final List<String> unready = new ArrayList<>();
        if (description.partitions().size() < partitions) {
            unready.add(description.partitions().size() + " of " + partitions + " partitions known");
        }
        for (final TopicPartitionInfo partition : description.partitions()) {
            if (partition.leader() == null || partition.leader().isEmpty()) {
                unready.add("partition " + partition.partition() + " has no leader");
            } else if (partition.isr().size() < partition.replicas().size()) {
                unready.add("partition " + partition.partition() + " has ISR " + ids(partition.isr())
                    + " of replicas " + ids(partition.replicas()));
            }
        }
        return unready;
    }

    /**
     * Each partition's leader now, by partition, {@code noLeader} where there is none; within {@code timeout}.
     *
     * @throws IllegalStateException when the cluster does not answer in time
     */
    static int[] leaders(final Admin admin, final String topic, final Duration timeout, final int noLeader)
        throws InterruptedException {
        final Deadline deadline = Deadline.after(timeout, "timeout");
        final TopicDescription description;
        try {
            description = result(admin.describeTopics(List.of(topic), new DescribeTopicsOptions()
                .timeoutMs(deadline.callTimeoutMillis(Long.MAX_VALUE))).allTopicNames(), deadline).get(topic);
        } catch (final ExecutionException e) {
            throw new IllegalStateException("Could not describe topic " + topic + ": " + e.getCause().getMessage(),
                e.getCause());
        }
        final int[] leaders = new int[description.partitions().size()];
        for (final TopicPartitionInfo partition : description.partitions()) {
            final Node leader = partition.leader();
            leaders[partition.partition()] = leader == null || leader.isEmpty() ? noLeader : leader.id();
        }
        return leaders;
    }

    /**
     * Whether the topic has partitions and each has a leader and every replica in its ISR, by one look within
     * {@code timeout}; false when the cluster does not answer or fails.
     */
    static boolean fullyReplicated(final Admin admin, final String topic, final Duration timeout)
        throws InterruptedException {
        final Deadline deadline = Deadline.after(timeout, "timeout");
        try {
            final TopicDescription description = result(admin.describeTopics(List.of(topic),
                new DescribeTopicsOptions().timeoutMs(deadline.callTimeoutMillis(Long.MAX_VALUE))).allTopicNames(),
                deadline).get(topic);
            return !description.partitions().isEmpty() && unready(description, 0).isEmpty();
        } catch (final ExecutionException e) {
            return false;
        }
    }

    private static List<Integer> ids(final List<Node> nodes) {
        return nodes.stream().map(Node::id).collect(Collectors.toList());
    }

    /** The future's value, waiting no longer than the deadline (plus the grace its call's own timeout needs). */
    private static <T> T result(final KafkaFuture<T> future, final Deadline deadline)
        throws ExecutionException, InterruptedException {
        try {
            return future.get(deadline.remainingMillis() + FUTURE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (final java.util.concurrent.TimeoutException e) {
            throw new ExecutionException(new TimeoutException("no answer within " + deadline.budget()));
        }
    }

    private static IllegalStateException failure(final String what, final ExecutionException e,
                                                 final Deadline deadline, final String bootstrapServers) {
        final Throwable cause = e.getCause();
        if (cause instanceof TimeoutException) {
            return new IllegalStateException("No answer from Kafka at bootstrap servers " + bootstrapServers
                + " within " + deadline.budget() + " (it " + what + ": " + cause.getMessage() + "); is a broker "
                + "listening there?", cause);
        }
        return new IllegalStateException("Kafka at bootstrap servers " + bootstrapServers + " " + what + ": "
            + cause.getMessage() + " (" + cause.getClass().getSimpleName() + ")", cause);
    }
}
