package io.ackbench.load;

import io.ackbench.producer.DeliveryListener;
import io.ackbench.transport.ErrorCode;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link LoadCluster} in memory, for testing the load generator's consumer path without brokers: each producer
 * appends a copy of every record to a partition's log (round-robin over the partitions), acknowledging it at once on
 * the sending thread; each consumer hands over what its partitions' logs hold beyond its position. Logs are guarded
 * by this cluster's monitor, which consumers wait on for new records.
 */
final class InMemoryLoadCluster implements LoadCluster {
    /** A record as appended: the key (null for none) and the value, copied. */
    private record Appended(byte[] key, byte[] value) {
    }

    private final List<List<Appended>> logs = new ArrayList<>();
    /** Records acknowledged to producers but never written to the log, as acks=1 loses them on a failover. */
    private final int lostAfterAck;
    /** A consumer's poll throws once it has handed over this many records; -1 never. */
    private final long failAfter;
    private int lost;
    /** Consumers closed so far; any thread. */
    final AtomicInteger consumersClosed = new AtomicInteger();
    /** Producers closed so far; any thread. */
    final AtomicInteger producersClosed = new AtomicInteger();

    private InMemoryLoadCluster(final int partitions, final int lostAfterAck, final long failAfter) {
        for (int p = 0; p < partitions; p++) {
            logs.add(new ArrayList<>());
        }
        this.lostAfterAck = lostAfterAck;
        this.failAfter = failAfter;
    }

    static InMemoryLoadCluster of(final Workload workload) {
        return new InMemoryLoadCluster(workload.partitions(), 0, -1);
    }

    /** Acknowledges the first {@code count} records sent without writing them to any log. */
    static InMemoryLoadCluster losing(final Workload workload, final int count) {
        return new InMemoryLoadCluster(workload.partitions(), count, -1);
    }

    /** Its consumers' polls throw once each has handed over {@code records} records. */
    static InMemoryLoadCluster failingConsumersAfter(final Workload workload, final long records) {
        return new InMemoryLoadCluster(workload.partitions(), 0, records);
    }

    /** Every record appended, over all partitions. */
    synchronized long appended() {
        long total = 0;
        for (final List<Appended> log : logs) {
            total += log.size();
        }
        return total;
    }

    @Override
    public LoadProducer connect(final Workload workload, final DeliveryListener listener) {
        return new LoadProducer() {
            private int next;

            @Override
            public void send(final DirectBuffer key, final int keyLength, final DirectBuffer value,
                             final int valueLength, final long intendedNanos) {
                final int partition = next++ % logs.size();
                final long offset = append(partition, key, keyLength, value, valueLength);
                listener.onComplete(partition, offset, ErrorCode.NONE, intendedNanos);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
                producersClosed.incrementAndGet();
            }
        };
    }

    private synchronized long append(final int partition, final DirectBuffer key, final int keyLength,
                                     final DirectBuffer value, final int valueLength) {
        final List<Appended> log = logs.get(partition);
        if (lost < lostAfterAck) {
            lost++;
            return log.size();
        }
        byte[] keyBytes = null;
        if (keyLength >= 0) {
            keyBytes = new byte[keyLength];
            key.getBytes(0, keyBytes);
        }
        final byte[] valueBytes = new byte[valueLength];
        value.getBytes(0, valueBytes);
        log.add(new Appended(keyBytes, valueBytes));
        notifyAll();
        return log.size() - 1;
    }

    @Override
    public LoadConsumer consumer(final Workload workload, final int index, final int count,
                                 final ConsumedRecordListener listener) {
        final List<Integer> partitions = new ArrayList<>();
        for (int p = index; p < logs.size(); p += count) {
            partitions.add(p);
        }
        return new LoadConsumer() {
            private final long[] positions = new long[partitions.size()];
            private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);
            private long handedOver;

            @Override
            public int poll(final long maxWaitMs) {
                final List<Appended> batch = new ArrayList<>();
                final List<int[]> where = new ArrayList<>();
                synchronized (InMemoryLoadCluster.this) {
                    if (atEndLocked()) {
                        try {
                            InMemoryLoadCluster.this.wait(maxWaitMs);
                        } catch (final InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return 0;
                        }
                    }
                    for (int i = 0; i < positions.length; i++) {
                        final List<Appended> log = logs.get(partitions.get(i));
                        while (positions[i] < log.size()) {
                            batch.add(log.get((int) positions[i]));
                            where.add(new int[] {partitions.get(i), (int) positions[i]});
                            positions[i]++;
                        }
                    }
                }
                for (int r = 0; r < batch.size(); r++) {
                    if (failAfter >= 0 && handedOver >= failAfter) {
                        throw new IllegalStateException("the in-memory consumer fails as asked");
                    }
                    final Appended record = batch.get(r);
                    final int keyLength = record.key() == null ? -1 : record.key().length;
                    final byte[] bytes = new byte[Math.max(0, keyLength) + record.value().length];
                    if (record.key() != null) {
                        System.arraycopy(record.key(), 0, bytes, 0, keyLength);
                    }
                    System.arraycopy(record.value(), 0, bytes, Math.max(0, keyLength), record.value().length);
                    buffer.wrap(bytes);
                    listener.onRecord(where.get(r)[0], where.get(r)[1], buffer, 0, keyLength, Math.max(0, keyLength),
                        record.value().length);
                    handedOver++;
                }
                return batch.size();
            }

            @Override
            public boolean atEnd() {
                synchronized (InMemoryLoadCluster.this) {
                    return atEndLocked();
                }
            }

            private boolean atEndLocked() {
                for (int i = 0; i < positions.length; i++) {
                    if (positions[i] < logs.get(partitions.get(i)).size()) {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public void close() {
                consumersClosed.incrementAndGet();
            }
        };
    }

    @Override
    public void close() {
    }
}
