package io.ackbench.kafka;

import io.ackbench.load.ConsumedRecordListener;
import io.ackbench.load.LoadConsumer;
import org.agrona.ExpandableArrayBuffer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reads through kafka-clients' {@link KafkaConsumer} as an application would: partitions assigned by hand (no
 * group), from their first offset, each record's key and value handed to the {@link ConsumedRecordListener} in one
 * buffer. The end of each partition is its end offset as the leader reports it, which for {@code read_uncommitted}
 * is the high watermark; it is asked for at most every {@value #END_OFFSETS_REFRESH_MS} ms, and again whenever the
 * positions reach the ends last heard, so a consumer that has read everything says so on its next look.
 */
final class KafkaLoadConsumer implements LoadConsumer {
    static final long END_OFFSETS_REFRESH_MS = 200;
    /** One look at positions or end offsets; a paused broker may hold a ListOffsets request this long. */
    private static final Duration OFFSETS_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final long END_OFFSETS_REFRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(END_OFFSETS_REFRESH_MS);
    private static final long NOT_YET_ASKED = -1;
    /** The bytes a record's key and value are copied to before the listener sees them: room for typical records. */
    private static final int INITIAL_RECORD_CAPACITY = 1024;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final TopicPartition[] partitions;
    private final List<TopicPartition> assignment;
    private final ConsumedRecordListener listener;
    /**
     * Key then value of the record being handed over. The deserializer gives them as two arrays and the listener
     * takes one buffer, so one of them must be copied next to the other; copying both into one reused buffer keeps
     * a single rule for keyed and keyless records and costs a copy of each record's bytes, small beside the copy
     * the deserializer has already made. It grows to the largest record seen and is then reused.
     */
    private final ExpandableArrayBuffer record = new ExpandableArrayBuffer(INITIAL_RECORD_CAPACITY);
    /** The end offset last heard for each partition, by index in {@link #partitions}; the polling thread's own. */
    private final long[] endOffsets;
    /** When {@link #endOffsets} were last asked for (System.nanoTime), or NOT_YET_ASKED; the polling thread's own. */
    private long endOffsetsAskedNanos = NOT_YET_ASKED;
    /** The poll wait last asked for, kept so a steady poll loop makes no Duration per call; the polling thread's. */
    private Duration pollWait = Duration.ZERO;
    /**
     * Held by poll, atEnd and close around every use of the consumer: KafkaConsumer refuses concurrent use, and
     * close may come from another thread. Uncontended except while close waits for a woken poll to return.
     */
    private final ReentrantLock inUse = new ReentrantLock();
    /** Set once by close (any thread), before it wakes the consumer; volatile so a woken poll sees it. */
    private volatile boolean closed;

    KafkaLoadConsumer(final KafkaConsumer<byte[], byte[]> consumer, final List<TopicPartition> partitions,
                      final ConsumedRecordListener listener) {
        this.consumer = consumer;
        this.partitions = partitions.toArray(new TopicPartition[0]);
        this.assignment = List.copyOf(partitions);
        this.listener = listener;
        this.endOffsets = new long[this.partitions.length];
        consumer.assign(assignment);
        consumer.seekToBeginning(assignment);
    }

    /** The partitions this consumer reads. */
    List<TopicPartition> assignment() {
        return assignment;
    }

    @Override
    public int poll(final long maxWaitMs) {
        if (partitions.length == 0) {
            return 0; // more consumers than partitions: KafkaConsumer refuses to poll with nothing assigned
        }
        inUse.lock();
        try {
            if (closed) {
                return 0;
            }
            final ConsumerRecords<byte[], byte[]> records = consumer.poll(pollWait(maxWaitMs));
            for (final ConsumerRecord<byte[], byte[]> consumed : records) {
                handOver(consumed);
            }
            return records.count();
        } catch (final WakeupException e) {
            if (closed) {
                return 0;
            }
            throw e;
        } finally {
            inUse.unlock();
        }
    }

    private Duration pollWait(final long maxWaitMs) {
        if (pollWait.toMillis() != maxWaitMs) {
            pollWait = Duration.ofMillis(maxWaitMs);
        }
        return pollWait;
    }

    /** A null value (a tombstone, which the load generator never sends) is handed over as an empty one. */
    private void handOver(final ConsumerRecord<byte[], byte[]> consumed) {
        final byte[] key = consumed.key();
        final byte[] value = consumed.value();
        final int keyLength = key == null ? 0 : key.length;
        final int valueLength = value == null ? 0 : value.length;
        if (key != null) {
            record.putBytes(0, key);
        }
        if (value != null) {
            record.putBytes(keyLength, value);
        }
        listener.onRecord(consumed.partition(), consumed.offset(), record, 0, key == null ? -1 : keyLength,
            keyLength, valueLength);
    }

    @Override
    public boolean atEnd() {
        if (partitions.length == 0) {
            return true;
        }
        inUse.lock();
        try {
            if (closed) {
                return false;
            }
            final long now = System.nanoTime();
            boolean askedNow = false;
            if (endOffsetsAskedNanos == NOT_YET_ASKED || now - endOffsetsAskedNanos >= END_OFFSETS_REFRESH_NANOS) {
                askEndOffsets(now);
                askedNow = true;
            }
            if (!positionsReachEnds()) {
                return false;
            }
            if (askedNow) {
                return true;
            }
            // The ends last heard are reached: ask whether they have moved since, rather than stop at a stale end.
            askEndOffsets(now);
            return positionsReachEnds();
        } catch (final TimeoutException e) {
            return false; // a leader did not answer in time: the end is not known, so it is not reached
        } catch (final WakeupException e) {
            if (closed) {
                return false;
            }
            throw e;
        } finally {
            inUse.unlock();
        }
    }

    private void askEndOffsets(final long now) {
        endOffsetsAskedNanos = now;
        final Map<TopicPartition, Long> ends = consumer.endOffsets(assignment, OFFSETS_TIMEOUT);
        for (int i = 0; i < partitions.length; i++) {
            endOffsets[i] = ends.get(partitions[i]);
        }
    }

    private boolean positionsReachEnds() {
        for (int i = 0; i < partitions.length; i++) {
            if (consumer.position(partitions[i], OFFSETS_TIMEOUT) < endOffsets[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Wakes a poll in progress on another thread, waits for it to return, then closes within a bound. Two closes
     * racing past the first check both close the consumer, which KafkaConsumer allows.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        consumer.wakeup();
        inUse.lock();
        try {
            consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
        } finally {
            inUse.unlock();
        }
    }
}
