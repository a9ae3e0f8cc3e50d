/**
 * One partition's log on disk in Kafka's layout: {@link io.ackbench.log.PartitionLog} appends and reads whole record
 * batches across {@code LogSegment}s, each a {@code .log} file written through a {@code SegmentFile} backend
 * ({@link io.ackbench.log.SegmentBackend}: mmap with Agrona, mmap with Chronicle Bytes, or {@code FileChannel} writes)
 * with Kafka's memory-mapped sparse indexes, {@code OffsetIndex} and (unless
 * {@link io.ackbench.log.LogConfig#TIME_INDEX} is off) {@code TimeIndex}. It rolls segments, recovers every segment
 * past the recovery point after an unclean shutdown ({@code SegmentRecovery}, {@link io.ackbench.log.RecoveryReport}),
 * and forces to disk by Kafka's {@code flush.messages} and {@code flush.ms} ({@link io.ackbench.log.LogConfig}).
 * {@link io.ackbench.log.DurablePositions} and {@link io.ackbench.log.PowerLoss} describe and simulate what a power
 * loss keeps. Kafka's rules are in section 6 of {@code docs/kafka-semantics.md}.
 *
 * <p>Single-threaded: a log is opened on the thread that starts its broker and then used only by that broker's
 * duty-cycle thread, which it reaches through {@code Thread.start}. No field is shared, so none needs a memory
 * ordering. Appends and reads allocate nothing once warm; a roll does.
 *
 * <p>A record comes here from {@code io.ackbench.broker}: on the leader as one validated batch, whose bytes are
 * copied from the request frame with the base offset and partition leader epoch written into the log's copy, and on
 * a follower as whole batches from a fetch response, stored unchanged. The leader's {@code FetchServer} reads it back
 * into fetch responses for the followers.
 */
package io.ackbench.log;
