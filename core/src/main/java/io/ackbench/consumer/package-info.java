/**
 * The consumer: {@link io.ackbench.consumer.Consumer} reads assigned partitions of one topic from their leaders, as
 * Kafka's consumer does with {@code isolation.level=read_uncommitted} on a topic without transactions: only records
 * below each leader's high watermark, in offset order, each handed once to a
 * {@link io.ackbench.consumer.RecordListener}. Its settings take Kafka's names in
 * {@link io.ackbench.consumer.ConsumerConfig}.
 *
 * <p>One thread, the caller's, runs everything: {@code poll} sends a Fetch request to each leader that has none
 * outstanding, reads the answers from an {@code io.ackbench.transport} endpoint, checks every batch (CRC-32C, structure,
 * offsets, and per idempotent producer the sequence continuity that {@code ProducerSequences} counts) and calls the
 * listener with positions into its receive buffer. It follows leadership through Metadata requests when a leader
 * refuses, fences or stops answering. Once warm, a poll allocates nothing.
 *
 * <p>A record comes in inside a Fetch response from the partition's leader ({@code io.ackbench.broker.FetchServer}
 * answers a client node's fetch from below the high watermark), is checked by an {@code io.ackbench.record} reader,
 * and reaches the listener while the frame is still in the endpoint's buffer.
 */
package io.ackbench.consumer;
