/**
 * Kafka's RecordBatch v2 (magic 2) byte format, written and read off heap with Agrona buffers and never
 * re-encoded: {@link io.ackbench.record.RecordBatchLayout} holds the header's offsets and sentinels,
 * {@link io.ackbench.record.RecordEncoder} writes one record, {@link io.ackbench.record.RecordBatchSealer} writes a
 * header and CRC over records already in place, {@link io.ackbench.record.RecordBatchWriter} builds a whole batch,
 * and {@link io.ackbench.record.RecordBatchReader} with {@link io.ackbench.record.RecordCursor} and
 * {@link io.ackbench.record.HeaderCursor} checks and walks one. {@link io.ackbench.record.Varint},
 * {@link io.ackbench.record.VarintReader}, {@link io.ackbench.record.Crc32c} and
 * {@link io.ackbench.record.Sequences} are the arithmetic underneath. The format is described in section 1 of
 * {@code docs/kafka-semantics.md}.
 *
 * <p>The package starts no thread and shares no state between threads. The static encoders are safe from any
 * thread; the flyweights, {@link io.ackbench.record.RecordHeaders} and {@link io.ackbench.record.Crc32c} hold state
 * and are used by one thread at a time. Nothing allocates in steady state.
 *
 * <p>A record's bytes are made here on the way from {@code io.ackbench.producer} to the broker: an application
 * thread encodes the record into its batch with {@link io.ackbench.record.RecordEncoder}, the producer's sender
 * thread seals the batch with {@link io.ackbench.record.RecordBatchSealer}, and the leader's broker thread checks it
 * with {@link io.ackbench.record.RecordBatchReader} before {@code io.ackbench.log} stores it. The leader then writes
 * only the base offset and partition leader epoch into its log's copy, two fields the CRC does not cover.
 */
package io.ackbench.record;
