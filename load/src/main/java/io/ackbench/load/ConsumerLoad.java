package io.ackbench.load;

/**
 * One consuming thread's loop: polls its {@link LoadConsumer} (which hands each record to the consumer's
 * {@link ConsumptionRecorder}) until stopped. Once asked to {@link #drain()} (the producers are done), it also notes
 * after each poll whether the consumer has read all its partitions up to their high watermarks, and keeps polling
 * until stopped: records acknowledged with acks=1 may still be on their way to the watermark.
 */
public final class ConsumerLoad implements Runnable {
    /** How long one poll waits for records: short, so that a stop request is seen within about this long. */
    static final long POLL_WAIT_MS = 100;

    private final LoadConsumer consumer;
    private final ConsumptionRecorder recorder;
    /** Set by the generator's thread once every producer has flushed; volatile. */
    private volatile boolean draining;
    /**
     * Whether the last poll after the drain request left the consumer at its partitions' ends; written by this
     * thread, read by the generator's; volatile.
     */
    private volatile boolean atEnd;
    /** Set by any thread to end the loop after the current poll; volatile. */
    private volatile boolean stopRequested;
    /** What ended the loop early, or null; written by this thread before it ends, read by any; volatile. */
    private volatile Throwable failure;

    public ConsumerLoad(final LoadConsumer consumer, final ConsumptionRecorder recorder) {
        this.consumer = consumer;
        this.recorder = recorder;
    }

    @Override
    public void run() {
        try {
            while (!stopRequested) {
                final boolean drainingBeforePoll = draining;
                consumer.poll(POLL_WAIT_MS);
                // Only a poll begun after the drain request can have seen the producers' last records.
                if (drainingBeforePoll) {
                    atEnd = consumer.atEnd();
                }
            }
        } catch (final RuntimeException | Error e) {
            failure = e;
        }
    }

    /** The producers are done: from the next poll on, note whether the consumer has caught up. */
    public void drain() {
        draining = true;
    }

    /** Whether the consumer was at its partitions' ends after a poll begun after {@link #drain()}. */
    public boolean atEnd() {
        return atEnd;
    }

    public void stop() {
        stopRequested = true;
    }

    public LoadConsumer consumer() {
        return consumer;
    }

    public ConsumptionRecorder recorder() {
        return recorder;
    }

    /** What ended the loop early, or null. */
    public Throwable failure() {
        return failure;
    }
}
