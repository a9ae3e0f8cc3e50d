/**
 * The producer: {@link io.ackbench.producer.Producer} (connect, send, flush, close) with its settings by Kafka's
 * names in {@link io.ackbench.producer.ProducerConfig}; the lock-free {@link io.ackbench.producer.RecordAccumulator},
 * which fills one off-heap {@link io.ackbench.producer.ProducerBatch} per partition at a time from the memory of a
 * {@code BatchPool}; and the {@code Sender}, which drains ready batches into Produce requests, keeps them in
 * flight, retries them ({@code RetryQueue}, {@code ExponentialBackoff}), gives idempotent batches their producer id and
 * sequences ({@link io.ackbench.producer.BatchSequencer}), and reports each record's outcome to a
 * {@link io.ackbench.producer.DeliveryListener}. Kafka's rules for all of it are in sections 3 and 5 of
 * {@code docs/kafka-semantics.md}.
 *
 * <p>Two kinds of thread meet here. Application threads, any number, run {@code send}: the partitioner, the append,
 * and opening and sealing batches. They claim room in a batch with a CAS on its claim word and wait for no lock.
 * One sender thread per producer, an Agrona agent started by {@code connect}, runs everything else: it drains and
 * closes batches for sending, owns the in-flight requests and retries, and calls the listener. The two kinds meet
 * only through CAS words, volatile fields, release/acquire ring slots and an Agrona queue of free batches, as
 * {@link io.ackbench.producer.ProducerBatch} and {@link io.ackbench.producer.RecordAccumulator} describe; the
 * sender's own classes are used by its thread alone. Once connected, nothing allocates in steady state.
 *
 * <p>A record comes in through {@code Producer.send}, gets its partition from {@code io.ackbench.partition}, and is
 * copied into its partition's open batch. The sender thread hands the sealed batch, inside a Produce request, to an
 * {@code io.ackbench.transport} endpoint on its way to the partition's leader. The answer comes back through the same
 * endpoint to the sender thread, which calls the {@link io.ackbench.producer.DeliveryListener} with the record's
 * offset or error and returns the batch to the pool.
 */
package io.ackbench.producer;
