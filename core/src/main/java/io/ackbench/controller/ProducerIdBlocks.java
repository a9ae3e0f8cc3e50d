package io.ackbench.controller;

/**
 * Hands brokers blocks of producer ids (Kafka's {@code ProducerIdControlManager}, KIP-730): each block is recorded
 * durably before it is handed out, so after any restart the next block starts past every id ever given.
 * Owned by the controller's thread.
 */
final class ProducerIdBlocks {
    /** Kafka's block size (ProducerIdsBlock.PRODUCER_ID_BLOCK_SIZE). */
    static final int BLOCK_SIZE = 1000;

    private final ControllerStore store;
    private long nextId;

    ProducerIdBlocks(final ControllerStore store) {
        this.store = store;
        this.nextId = store.readNextProducerId();
    }

    /** The first id of a new block of {@link #BLOCK_SIZE}, durable once this returns. */
    long allocate() {
        final long first = nextId;
        store.writeNextProducerId(first + BLOCK_SIZE);
        nextId = first + BLOCK_SIZE;
        return first;
    }
}
