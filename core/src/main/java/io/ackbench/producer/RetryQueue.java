package io.ackbench.producer;

import java.util.Arrays;

/**
 * One partition's batches waiting to be sent again, in the order they must go: by base sequence for an
 * idempotent producer (Kafka's insertInSequenceOrder), else in the order they failed. Sender thread only;
 * grows only while warming up.
 */
final class RetryQueue {
    private ProducerBatch[] batches = new ProducerBatch[4];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    ProducerBatch peek() {
        return batches[0];
    }

    ProducerBatch poll() {
        final ProducerBatch head = batches[0];
        System.arraycopy(batches, 1, batches, 0, size - 1);
        batches[--size] = null;
        return head;
    }

    int size() {
        return size;
    }

    ProducerBatch get(final int position) {
        return batches[position];
    }

    /** Removes the batch at {@code position}; those behind it move up one place. */
    ProducerBatch removeAt(final int position) {
        final ProducerBatch removed = batches[position];
        System.arraycopy(batches, position + 1, batches, position, size - position - 1);
        batches[--size] = null;
        return removed;
    }

    /** Puts a batch back in front of all others (it was taken for a request that never went out). */
    void addFirst(final ProducerBatch batch) {
        grow();
        System.arraycopy(batches, 0, batches, 1, size);
        batches[0] = batch;
        size++;
    }

    void addLast(final ProducerBatch batch) {
        grow();
        batches[size++] = batch;
    }

    /** Inserts before the first batch with a later batch index (the same order as sequences, without their wrap). */
    void addInOrder(final ProducerBatch batch) {
        grow();
        int at = size;
        while (at > 0 && batches[at - 1].index() > batch.index()) {
            at--;
        }
        System.arraycopy(batches, at, batches, at + 1, size - at);
        batches[at] = batch;
        size++;
    }

    private void grow() {
        if (size == batches.length) {
            batches = Arrays.copyOf(batches, size * 2);
        }
    }
}
