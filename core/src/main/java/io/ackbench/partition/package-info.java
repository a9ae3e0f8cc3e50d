/**
 * Partitioning, as Kafka's {@code partitioner.class} does it: the {@link io.ackbench.partition.Partitioner}
 * interface, {@link io.ackbench.partition.Partitioners} and {@link io.ackbench.partition.PartitionStrategy}, which
 * create one from a built-in alias or a class name, and the built-in strategies:
 * {@link io.ackbench.partition.KeyHashPartitioner} over a {@link io.ackbench.partition.KeyHash}
 * ({@link io.ackbench.partition.Murmur2}, Kafka's default, bit for bit; {@link io.ackbench.partition.Murmur3},
 * {@link io.ackbench.partition.XxHash32}, {@link io.ackbench.partition.Crc32cKeyHash}),
 * {@link io.ackbench.partition.RoundRobinPartitioner}, {@link io.ackbench.partition.StickyPartitioner} and
 * {@link io.ackbench.partition.UniformStickyPartitioner}. The rules reproduced are in section 2 of
 * {@code docs/kafka-semantics.md}.
 *
 * <p>Runs on the application threads that call {@code Producer.send}, any number at once. A partitioner's state is
 * one atomic word changed by CAS or atomic add, so no call takes a lock or allocates; each field that threads share
 * says its ordering where it is declared.
 *
 * <p>A record comes here from {@code Producer.send} as its serialized key (or none), and leaves as a partition
 * number, which {@code Producer.send} passes with the record to {@code RecordAccumulator.append}. After the append,
 * {@link io.ackbench.partition.Partitioner#onAppend} brings back the bytes added and whether a new batch was opened,
 * which the sticky strategies switch on.
 */
package io.ackbench.partition;
