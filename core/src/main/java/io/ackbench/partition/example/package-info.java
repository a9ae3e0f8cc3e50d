/**
 * An example of a custom partitioner, loaded by class name through {@code partitioner.class}:
 * {@link io.ackbench.partition.example.TenantPrefixPartitioner} places keys shaped {@code tenant:rest} by Kafka's
 * murmur2 of the tenant part alone, so each tenant's records share one partition. It shows what such a class needs:
 * a public no-arg constructor, and {@code partition} and {@code onAppend} that allocate nothing and take no lock.
 *
 * <p>Runs on the application threads that call {@code Producer.send}, like every partitioner. Its only state is the
 * {@link io.ackbench.partition.KeyHashPartitioner} it delegates to.
 *
 * <p>A record comes here from {@code Producer.send} as its key, and leaves as a partition number for
 * {@code RecordAccumulator.append}.
 */
package io.ackbench.partition.example;
